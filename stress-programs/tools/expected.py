#!/usr/bin/env python3
"""Expected outputs of the GC stress programs, computed independently of the VM.

Every stress program in ../programs/NAME.mit has a Python twin below (a function decorated
with @program("NAME")) that re-implements it faithfully under MITScript semantics and returns
the exact standard output the program must print. Input-driven programs also have an input
generator (@input_for("NAME")) that produces NAME.mit.in.

    python3 tools/expected.py --write [NAME...]   write NAME.mit.out (and NAME.mit.in)
    python3 tools/expected.py --check [NAME...]   compare with the files; exit 1 on a mismatch
    python3 tools/expected.py --run   [NAME...]   run each program with ../../gcvm at its
                                                  @mem (output and exit 0 must match) and at
                                                  its @oom-mem (must exit 3 with
                                                  OutOfMemoryException); exit 1 on a failure
    python3 tools/expected.py --measure [NAME...] the live peak (a collection every 32 KB
                                                  allocated), the smallest passing -mem (whole
                                                  MB, 1..20) and the --stats figures at @mem;
                                                  exit 1 if any run fails other than by an
                                                  OutOfMemoryException, or @mem fails, or
                                                  @oom-mem does not run out of memory
    python3 tools/expected.py --scan [NAME...]    the same, also running (and classifying) every
                                                  whole MB from 1 to 20
    python3 tools/expected.py --list              the programs and their directives

The VM command is ../../gcvm, or $GCVM when set.

MITScript semantics mirrored here: 32-bit two's-complement wrap-around on + - * (w32),
'/' truncating toward zero (tdiv), string conversion of values (mstr: records print as
{k:v k2:v2 } with keys in byte order and a space after every field, None, true/false,
FUNCTION for functions), record keys are the string conversion of the index.
"""

import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS_DIR = os.path.normpath(os.path.join(HERE, "..", "programs"))
GCVM = os.environ.get("GCVM") or os.path.normpath(os.path.join(HERE, "..", "..", "gcvm"))


# --------------------------------------------------------------------------- semantics

def w32(x):
    """Wraps an integer to 32-bit two's complement, as MITScript's + - * do."""
    x &= 0xFFFFFFFF
    return x - 0x100000000 if x & 0x80000000 else x


def tdiv(a, b):
    """MITScript '/': truncates toward zero (and wraps, for -2^31 / -1)."""
    if b == 0:
        raise ZeroDivisionError("IllegalArithmeticException")
    q = abs(a) // abs(b)
    return w32(q if (a >= 0) == (b >= 0) else -q)


def tmod(a, m):
    """a - (a / m) * m, the remainder MITScript programs compute by hand."""
    return w32(a - w32(tdiv(a, m) * m))


class Rec(dict):
    """A MITScript record: a mutable map from strings to values, compared by identity."""
    __hash__ = object.__hash__

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def get_(self, key):
        return self.get(mstr(key))

    def set_(self, key, value):
        self[mstr(key)] = value


class Fn:
    """A stand-in for a MITScript function value (prints as FUNCTION)."""

    def __init__(self, f=None):
        self.f = f

    def __call__(self, *args):
        return self.f(*args)


def mstr(v):
    """MITScript string conversion."""
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return v
    if isinstance(v, Rec):
        return "{" + "".join(k + ":" + mstr(v[k]) + " " for k in sorted(v, key=lambda s: s.encode())) + "}"
    if isinstance(v, Fn) or callable(v):
        return "FUNCTION"
    raise TypeError("not a MITScript value: %r" % (v,))


class Rng:
    """The programs' generator: s = s * 1103515245 + 12345 (wrapping); rand(m) = |s / 65536| mod m."""

    def __init__(self, seed):
        self.s = seed

    def rand(self, m):
        self.s = w32(w32(self.s * 1103515245) + 12345)
        r = tdiv(self.s, 65536)
        if r < 0:
            r = -r
        return w32(r - w32(tdiv(r, m) * m))


class Out:
    def __init__(self):
        self.lines = []

    def print(self, v):
        self.lines.append(mstr(v))

    def text(self):
        return "".join(line + "\n" for line in self.lines)


PROGRAMS = {}
INPUTS = {}


def program(name):
    def deco(f):
        PROGRAMS[name] = f
        return f
    return deco


def input_for(name):
    def deco(f):
        INPUTS[name] = f
        return f
    return deco


def read_input(name):
    path = os.path.join(PROGRAMS_DIR, name + ".mit.in")
    if name in INPUTS:
        return INPUTS[name]()
    with open(path) as fh:
        return fh.read()


class Stdin:
    """input(): one line without its newline; "" at end of input."""

    def __init__(self, text):
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.pos = 0

    def input(self):
        if self.pos >= len(self.lines):
            return ""
        line = self.lines[self.pos]
        self.pos += 1
        return line[:-1] if line.endswith("\r") else line


def intcast(s):
    m = re.match(r"\s*([+-]?\d+)", s)
    if not m:
        raise ValueError("IllegalCastException")
    return w32(int(m.group(1)))


# --------------------------------------------------------------------------- programs

@program("deep_recursion")
def deep_recursion():
    out = Out()
    for rnd in range(10):
        depth = 20000 + rnd * 1000
        # bottom of the recursion: the chain runs from level 1 (innermost) up to level `depth`
        chain, chainsum = 0, 0
        for d in range(1, depth + 1):
            chain += 1
            chainsum = w32(w32(chainsum * 31) + d)
        # the per-level checks of label, extra and up only fail if the data was corrupted;
        # the junk check is arithmetic and is mirrored
        total, count, lst, bad = 0, 0, [], 0
        for n in range(1, depth + 1):          # returns run innermost first
            junk = w32(n + w32(n + 1))          # junk(n) = x + y
            if junk != w32(w32(n + n) + 1):
                bad += 1
            total = w32(total + n)
            count += 1
            lst.append(w32(n * 3))
        lst.reverse()                           # the list is built by prepending
        s, k = 0, 0
        for v in lst:
            s = w32(w32(s * 7) + v)
            k += 1
        out.print("depth %d: chain %d chainsum %d count %d sum %d list %d %d bad %d"
                  % (depth, chain, chainsum, count, total, k, s, bad))
    out.print("done")
    return out.text()


@program("list_churn")
def list_churn():
    out = Out()
    rng = Rng(42)
    survivors = []                                  # newest first, like the MITScript list
    for rnd in range(20):
        n = 12000
        built = [rng.rand(100000) for _ in range(n)]
        lst = built[::-1]                           # build() prepends
        srt = sorted(lst)
        size = len(set(lst))                        # the tree's node count
        total, chk = 0, 0
        for v in srt:
            total = w32(total + v)
            chk = w32(w32(chk * 31) + v)
        osum = 0
        for v in lst:
            osum = w32(osum + v)
        survivors.insert(0, (rnd, size, chk, srt[0]))
        out.print("round %d: n %d sum %d orig %d distinct %d min %d chk %d same true"
                  % (rnd, n, total, osum, size, srt[0], chk))
    t = 0
    for (_, size, chk, first) in survivors:
        t = w32(w32(w32(w32(t * 17) + chk) + size) + first)
    out.print("survivors %d %d" % (len(survivors), t))
    return out.text()


@program("string_build")
def string_build():
    out = Out()

    def chunk(i, r):
        return "<" + mstr(i) + ":" + mstr(r) + ">"

    def digits(x):
        d = 1
        while x >= 10:
            d += 1
            x = tdiv(x, 10)
        return d

    def build(lo, hi, r):
        return "".join(chunk(i, r) for i in range(lo, hi + 1))

    kept = Rec()
    nkept, total = 0, 0
    for rnd in range(8):
        n = 3000 + rnd * 250
        s, ln = "", 0
        for i in range(n):
            s = s + chunk(i, rnd)
            ln = w32(w32(w32(ln + digits(i)) + digits(rnd)) + 3)
            assert ln == len(s)
            if tmod(i, 100) == 99:
                kept.set_(nkept, Rec(r=rnd, i=i, len=ln, s=s))
                nkept += 1
        t = build(0, n - 1, rnd)
        prev = kept.get("final" + mstr(rnd - 1))
        kept["final" + mstr(rnd)] = s
        total = w32(total + ln)
        out.print("round " + mstr(rnd) + ": chunks " + mstr(n) + " length " + mstr(ln) + " same "
                  + mstr(s == t) + " differs-from-prev " + mstr(not (prev == s)))
    ok, bad, lens = 0, 0, 0
    for j in range(nkept):
        e = kept.get_(j)
        if e["s"] == build(0, e["i"], e["r"]):
            ok += 1
        else:
            bad += 1
        lens = w32(lens + e["len"])
    out.print("kept prefixes %d ok %d bad %d total length %d" % (nkept, ok, bad, lens))
    x = "ab" * (1 << 14)
    y = "abab" * 8192
    out.print("doubling same " + mstr(x == y) + " after one more char " + mstr(x + "a" == y + "b"))
    out.print(build(0, 24, 99))
    out.print("total appended " + mstr(total))
    return out.text()


@program("wide_records")
def wide_records():
    out = Out()
    rng = Rng(7)
    F, KEEP = 3000, 20

    def sumfields(r):
        s = 0
        for i in range(F):
            s = w32(w32(s * 3) + r.get_(i))
        for j in range(200):
            s = w32(w32(s * 3) + intcast(r["name" + mstr(j)]))
        return s

    keep, sums = Rec(), Rec()
    for rnd in range(300):
        r = Rec()
        for i in range(F):
            r.set_(i, w32(rnd + w32(i * i)))
        for j in range(200):
            r["name" + mstr(j)] = "" + mstr(w32(j * rnd))
        for _ in range(300):
            idx = rng.rand(F)
            r.set_(idx, w32(r.get_(idx) + 1))
        slot = rnd - tdiv(rnd, KEEP) * KEEP
        keep.set_(slot, r)
        sums.set_(slot, sumfields(r))
        if tmod(rnd, 20) == 19:
            out.print("round " + mstr(rnd) + ": sum " + mstr(sums.get_(slot)) + " r[17] " + mstr(r.get_(17))
                      + " name7 " + mstr(r.get("name7")) + " missing " + mstr(r.get_(F)) + " "
                      + mstr(r.get("name200")))
    ok, total = 0, 0
    for slot in range(KEEP):
        s = sumfields(keep.get_(slot))
        if s == sums.get_(slot):
            ok += 1
        total = w32(w32(total * 7) + s)
    out.print("kept %d intact %d total %d" % (KEEP, ok, total))
    small = Rec()
    for i in range(12):
        small.set_(i, i * i)
    small["z"] = "last"
    small["A"] = True
    out.print(small)
    return out.text()


@program("closure_frames")
def closure_frames():
    out = Out()
    rng = Rng(2024)
    N = 10000

    class Obj:
        # the frame of make(i): data, bonus; and inner(k)'s frame: extra
        def __init__(self, i):
            self.id = i
            self.data = Rec(id=i, sq=w32(i * i), name="c" + mstr(i))
            self.bonus = w32(i * 3)
            self.extra_k = w32(i - 1)

        def get(self):
            return w32(self.data["sq"] + self.bonus)

        def deep(self):
            return w32(w32(self.data["sq"] + self.bonus) + self.extra_k)

        def bump(self, k):
            self.data["sq"] = w32(self.data["sq"] + k)
            return self.data["sq"]

        def who(self):
            return self.data["name"]

    table = [Obj(i) for i in range(N)]

    def checksum():
        s, nones, bad = 0, 0, 0
        for e in table:
            if e is None:
                nones += 1
            else:
                s = w32(w32(w32(s * 31) + e.get()) + e.deep())
                if e.who() != "c" + mstr(e.id):
                    bad += 1
        return "sum %d dropped %d bad %d" % (s, nones, bad)

    out.print("start: " + checksum())
    for gen in range(130):
        for j in range(N):
            x = rng.rand(8)
            if x == 0:
                table[j] = None
            if x == 1:
                table[j] = Obj(w32(j + gen * 10000))
            if x == 2 and table[j] is not None:
                table[j].bump(gen)
            if x == 3 and table[j] is None:
                table[j] = Obj(j - gen)
        if gen % 10 == 9:
            out.print("gen %d: %s" % (gen, checksum()))
    out.print("end: " + checksum())
    return out.text()


@program("long_lived")
def long_lived():
    out = Out()
    rng = Rng(99)
    NL = 10000

    def mklist(base, n):
        return [w32(w32(base * 10) + k) for k in range(n)][::-1]

    def listsum(l):
        s = 0
        for v in l:
            s = w32(s + v)
        return s

    db = [Rec(id=i, name="item" + mstr(i), vals=mklist(i, 5), score=0) for i in range(NL)]

    def dbsum():
        s, bad = 0, 0
        for j, e in enumerate(db):
            if e["name"] != "item" + mstr(e["id"]) or e["id"] != j:
                bad += 1
            s = w32(w32(w32(s * 13) + listsum(e["vals"])) + e["score"])
        return "db %d bad %d" % (s, bad)

    out.print("start: " + dbsum())
    for rnd in range(200):
        tsum = 0
        for k in range(3000):
            tsum = w32(tsum + w32(k + rnd))
        for k in range(300):
            tsum = w32(tsum + k)
        for _ in range(60):
            j = rng.rand(NL)
            e = db[j]
            e["score"] = w32(e["score"] + rnd)
            e["vals"] = mklist(w32(j + rnd), 5)
        if rnd % 40 == 39:
            out.print("round %d: temp %d %s" % (rnd, tsum, dbsum()))
    out.print("end: " + dbsum())
    return out.text()


@program("cyclic_garbage")
def cyclic_garbage():
    out = Out()
    rng = Rng(31337)

    def ring(n, tag):
        return [tag] + [w32(w32(i * tag) + i) for i in range(1, n)]

    def check(vals):
        n = len(vals)
        fwd = 0
        for v in vals:
            fwd = w32(fwd + v)
        s = 0
        for k in range(n + 3):
            s = w32(w32(s * 3) + vals[k % n])
        return w32(w32(fwd * 7) + s)

    KEEP = 24
    rings = [ring(800, i + 1) for i in range(KEEP)]
    sums = [check(r) for r in rings]
    for rnd in range(150):
        tc = check(ring(2000, rnd + 100))
        pairs = 500
        csum = sum(range(1, 1000))
        j = rng.rand(KEEP)
        rings[j] = ring(800, w32(rnd * 3 + j))
        sums[j] = check(rings[j])
        if rnd % 15 == 14:
            out.print("round %d: temp %d pairs %d cycle %d replaced %d -> %d" % (rnd, tc, pairs, csum, j, sums[j]))
    ok, total = 0, 0
    for i in range(KEEP):
        s = check(rings[i])
        if s == sums[i] and s != -1:
            ok += 1
        total = w32(w32(total * 11) + s)
    out.print("rings intact %d of %d total %d" % (ok, KEEP, total))
    return out.text()


WORD_COUNT_LINES = 8000


@input_for("word_count")
def word_count_input():
    syll = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pu", "gra", "shi", "do", "fe"]
    rng = Rng(5)
    vocab = []
    seen = set()
    while len(vocab) < 400:
        k = 2 + rng.rand(2)
        w = "".join(syll[rng.rand(len(syll))] for _ in range(k))
        if w not in seen:
            seen.add(w)
            vocab.append(w)
    lines = [str(WORD_COUNT_LINES)]
    for _ in range(WORD_COUNT_LINES):
        u, v = rng.rand(400), rng.rand(400)
        lines.append(vocab[(u * v) // 400])
    lines.append("END")
    return "".join(line + "\n" for line in lines)


@program("word_count")
def word_count():
    out = Out()
    stdin = Stdin(read_input("word_count"))
    n = intcast(stdin.input())
    lines = [stdin.input() for _ in range(n)]
    counts, first, order, positions = {}, {}, [], {}
    for i, w in enumerate(lines):
        if w not in counts:
            counts[w] = 1
            first[w] = i
            order.append(w)
        else:
            counts[w] += 1
        positions.setdefault(w, []).insert(0, i)
    marker = stdin.input()
    out.print("read %d lines, %d distinct words, end marker %s" % (n, len(order), marker))
    chosen = set()
    for t in range(10):
        best, bestc = None, -1
        for w in order:
            if w not in chosen and counts[w] > bestc:
                best, bestc = w, counts[w]
        chosen.add(best)
        out.print("#%d %s %d first at line %d" % (t + 1, best, bestc, first[best]))
    chk, bad = 0, 0
    for w in order:
        for at in positions[w]:
            if lines[at] != w:
                bad += 1
            chk = w32(w32(chk * 31) + at)
        if len(positions[w]) != counts[w]:
            bad += 1
    out.print("positions checksum %d bad %d" % (chk, bad))
    prev, prev2 = {}, {}
    for dist in range(1, 49):
        pairs, porder, maxc, maxkey = {}, [], 0, None
        for i in range(n - dist):
            key = lines[i] + "+" + lines[i + dist]
            if key not in pairs:
                pairs[key] = 0
                porder.append(key)
            pairs[key] += 1
            if pairs[key] > maxc:
                maxc, maxkey = pairs[key], key
        s, shared, shared2 = 0, 0, 0
        for key in porder:
            s = w32(w32(s * 7) + pairs[key])
            if key in prev:
                shared += 1
            if key in prev2:
                shared2 += 1
        out.print("distance %d: %d distinct pairs (%d seen at distance %d, %d at %d), most frequent %s x%d, checksum %d"
                  % (dist, len(porder), shared, dist - 1, shared2, dist - 2, mstr(maxkey), maxc, s))
        prev2 = prev
        prev = pairs
    return out.text()


@program("binary_trees")
def binary_trees():
    out = Out()

    def nodes(depth):                  # check() of a complete tree built by bottomUp(depth)
        return 1 if depth == 0 else w32(w32(1 + nodes(depth - 1)) + nodes(depth - 1))

    min_depth, max_depth = 4, 14
    stretch = max_depth + 1
    out.print("stretch tree of depth %d\t check: %d" % (stretch, nodes(stretch)))
    for d in range(min_depth, max_depth + 1, 2):
        iters = 1 << (max_depth - d + min_depth)
        chk = 0
        for _ in range(iters):
            chk = w32(chk + nodes(d))
        out.print("%d\t trees of depth %d\t check: %d" % (iters, d, chk))
    out.print("long lived tree of depth %d\t check: %d" % (max_depth, nodes(max_depth)))
    return out.text()


@program("ring_buffer")
def ring_buffer():
    out = Out()
    W = 20000
    ring = [None] * W
    wsum = 0

    def weight(seq):
        return w32(w32(w32(seq * 3) + w32(seq - 7)) - tdiv(seq, 3))

    def verify():
        s, h = 0, 0
        for seq in ring:
            if seq is not None:
                s = w32(s + weight(seq))
                h = w32(w32(h * 31) + seq)
        # payload strings are rebuilt the same way they were made: "bad" counts corruption only
        return "window %d recomputed %d hash %d bad 0" % (wsum, s, h)

    pushed = 0
    for seq in range(400000):
        slot = seq % W
        if ring[slot] is not None:
            wsum = w32(wsum - weight(ring[slot]))
        ring[slot] = seq
        wsum = w32(wsum + weight(seq))
        pushed += 1
        if (seq + 1) % 40000 == 0:
            out.print("pushed %d: %s" % (seq + 1, verify()))
    out.print("oldest %d newest %d" % (ring[pushed % W], ring[(pushed - 1) % W]))
    return out.text()


@program("short_closures")
def short_closures():
    out = Out()
    N = 25000

    def hsh(l):
        acc = 0
        for x in l:
            acc = w32(w32(acc * 31) + x)
        return acc

    lst = [w32(w32(i * i) - w32(3 * i)) for i in range(N)]
    out.print("list of %d, hash %d" % (len(lst), hsh(lst)))
    acc = 0
    for rnd in range(30):
        for i in range(5000):
            f = lambda x, i=i, rnd=rnd: w32(w32(x * (rnd + 1)) + i)
            g = lambda x, i=i, f=f: f(w32(w32(x + (-i)) * 2))
            acc = w32(w32(acc + g(i)) - f(i))
        if rnd % 5 == 4:
            lst = [w32(x + rnd) for x in lst]
            out.print("round %d: acc %d list %d hash %d head %d" % (rnd, acc, len(lst), hsh(lst), lst[0]))
    out.print("final hash %d" % hsh(lst))
    return out.text()


@program("mixed")
def mixed():
    out = Out()
    rng = Rng(777)
    colors = ["red", "green", "blue", "amber", "violet"]
    NI = 2000

    def mkitem(k, gen):
        it = Rec(name="item-" + mstr(k), gen=gen)
        it["qty"] = rng.rand(50)
        it["price"] = w32(1 + rng.rand(500))
        tags = Rec(color=colors[rng.rand(5)])
        tags["size"] = rng.rand(3)
        it["tags"] = tags
        it["history"] = None
        it["hlen"] = 0
        it["label"] = Fn(lambda: it["name"] + "#" + mstr(it["gen"]))
        return it

    def addhist(it, ev):
        it["history"] = Rec(ev=ev, next=it["history"])
        it["hlen"] += 1
        if it["hlen"] > 16:
            evs = []
            p = it["history"]
            for _ in range(8):
                evs.append(p["ev"])
                p = p["next"]
            h = None
            for ev_ in reversed(evs):
                h = Rec(ev=ev_, next=h)
            it["history"] = h
            it["hlen"] = 8

    inv = Rec()
    for k in range(NI):
        inv["item-" + mstr(k)] = mkitem(k, 0)
    st = Rec(revenue=0, sold=0, restocked=0, replaced=0, reports=0)
    last = Rec(report=None)
    index = Rec()

    def reindex():
        idx = Rec()
        for k in range(NI):
            it = inv["item-" + mstr(k)]
            c = it["tags"]["color"]
            e = idx.get(c)
            if e is None:
                e = Rec(items=0, qty=0, value=0)
                idx[c] = e
            e["items"] = w32(e["items"] + 1)
            e["qty"] = w32(e["qty"] + it["qty"])
            e["value"] = w32(e["value"] + w32(it["qty"] * it["price"]))
        return idx

    ev = 0
    while ev < 240000:
        op = rng.rand(10)
        k = rng.rand(NI)
        key = "item-" + mstr(k)
        it = inv[key]
        if op <= 3:
            q = w32(1 + rng.rand(5))
            if it["qty"] >= q:
                it["qty"] = w32(it["qty"] - q)
                st["revenue"] = w32(st["revenue"] + w32(q * it["price"]))
                st["sold"] = w32(st["sold"] + q)
                addhist(it, "sold " + mstr(q) + " at " + mstr(it["price"]))
            else:
                addhist(it, "short " + mstr(q))
        if op == 4 or op == 5:
            q = w32(10 + rng.rand(20))
            it["qty"] = w32(it["qty"] + q)
            st["restocked"] = w32(st["restocked"] + q)
            addhist(it, "restock " + mstr(q))
        if op == 6:
            it["price"] = w32(1 + rng.rand(500))
            it["tags"]["color"] = colors[rng.rand(5)]
            addhist(it, Rec(reprice=it["price"], color=it["tags"]["color"]))
        if op == 7:
            if rng.rand(8) == 0:
                inv[key] = mkitem(k, ev)
                st["replaced"] = w32(st["replaced"] + 1)
            else:
                addhist(it, "looked " + it["label"]())
        if op == 8:
            rep = (it["label"]() + ": " + mstr(it["qty"]) + " @ " + mstr(it["price"]) + " "
                   + mstr(it["tags"]) + " last " + mstr(it["history"]))
            last["report"] = rep
            st["reports"] = w32(st["reports"] + 1)
        if op == 9:
            field = "t" + mstr(rng.rand(20))
            it["tags"][field] = rng.rand(100)
        ev += 1
        if ev % 30000 == 0:
            index = reindex()
            out.print("after " + mstr(ev) + " events: " + mstr(st))
            out.print("  index " + mstr(index))
    out.print(inv["item-0"]["tags"])
    out.print(inv["item-1"])
    out.print(inv["item-" + mstr(NI - 1)]["label"]())
    out.print(last)
    out.print(Rec(nested=Rec(deeper=Rec(deepest=Rec(values=index, n=NI))), f=Fn()))
    return out.text()


@program("fragmentation")
def fragmentation():
    out = Out()
    rng = Rng(4242)
    NS = 2000
    slots = [None] * NS

    def fill(i, r):
        if tmod(i + r, 3) == 0:
            ln = w32(1000 + rng.rand(3000))
        else:
            ln = w32(8 + rng.rand(1200))
        ch = mstr(tmod(w32(i * 7 + r), 10))
        nf = w32(1 + rng.rand(40))
        rec = Rec()
        for f in range(nf):
            rec["f" + mstr(f)] = w32(f * i)
        slots[i] = Rec(len=ln, ch=ch, s=ch * ln, nf=nf, rec=rec)

    def verify(full):
        total, fields, bad = 0, 0, 0
        for i, e in enumerate(slots):
            total = w32(total + e["len"])
            fields = w32(fields + e["nf"])
            if e["rec"].get("f" + mstr(e["nf"] - 1)) != w32((e["nf"] - 1) * i) or e["rec"].get("f" + mstr(e["nf"])) is not None:
                bad += 1
            if full and e["s"] != e["ch"] * e["len"]:
                bad += 1
        return "bytes %d fields %d bad %d" % (total, fields, bad)

    for i in range(NS):
        fill(i, 0)
    out.print("start: " + verify(True))
    for rnd in range(1, 41):
        for i in range(rnd % 2, NS, 2):
            slots[i] = None
            fill(i, rnd)
        if rnd % 8 == 0:
            out.print("round %d: %s" % (rnd, verify(True)))
        elif rnd % 4 == 0:
            out.print("round %d: %s" % (rnd, verify(False)))
    return out.text()


@program("hash_table")
def hash_table():
    out = Out()
    rng = Rng(1)

    def index(k, cap):
        h = tdiv(w32(w32(k * 40503) + 17), 2)
        if h < 0:
            h = -h
        return h - tdiv(h, cap) * cap

    class Table:
        def __init__(self):
            self.cap, self.size, self.resizes = 16, 0, 0
            self.buckets = {}                       # bucket -> chain, head first: [[k, v], ...]

        def resize(self):
            ncap = self.cap * 2
            nb = {}
            for i in range(self.cap):
                for node in self.buckets.get(i, []):
                    j = index(node[0], ncap)
                    nb.setdefault(j, []).insert(0, [node[0], node[1]])
            self.cap, self.buckets = ncap, nb
            self.resizes += 1

        def put(self, k, v):
            i = index(k, self.cap)
            for node in self.buckets.get(i, []):
                if node[0] == k:
                    node[1] = v
                    return False
            self.buckets.setdefault(i, []).insert(0, [k, v])
            self.size += 1
            if self.size > self.cap * 2:
                self.resize()
            return True

        def get(self, k):
            for node in self.buckets.get(index(k, self.cap), []):
                if node[0] == k:
                    return node[1]
            return None

        def remove(self, k):
            chain = self.buckets.get(index(k, self.cap), [])
            for j, node in enumerate(chain):
                if node[0] == k:
                    del chain[j]
                    self.size -= 1
                    return True
            return False

        def audit(self):
            n, h, bad = 0, 0, 0
            for i in range(self.cap):
                for k, v in self.buckets.get(i, []):
                    if index(k, self.cap) != i or v != "v" + mstr(k):
                        bad += 1
                    n += 1
                    h = w32(w32(h * 31) + k)
            return "nodes %d size %d cap %d hash %d bad %d" % (n, self.size, self.cap, h, bad)

    keep = None
    for rnd in range(18):
        t = Table()
        added = removed = found = 0
        for _ in range(30000):
            k = w32(w32(rng.rand(1000000) * 31) + rnd)
            if t.put(k, "v" + mstr(k)):
                added += 1
        for _ in range(10000):
            k = w32(w32(rng.rand(1000000) * 31) + rnd)
            if t.remove(k):
                removed += 1
        for _ in range(20000):
            k = w32(w32(rng.rand(1000000) * 31) + rnd)
            if t.get(k) is not None:
                found += 1
        out.print("round %d: added %d removed %d found %d resizes %d %s"
                  % (rnd, added, removed, found, t.resizes, t.audit()))
        keep = t
    out.print("kept: " + keep.audit())
    return out.text()


# --------------------------------------------------------------------------- driver

def directives(name):
    d = {}
    with open(os.path.join(PROGRAMS_DIR, name + ".mit")) as fh:
        for line in fh:
            m = re.match(r"//\s*@([a-z-]+)\s+(\S+)\s*$", line)
            if not m:
                break
            d[m.group(1)] = m.group(2)
    return d


def run_vm(name, mem, extra=()):
    path = os.path.join(PROGRAMS_DIR, name + ".mit")
    inp = os.path.join(PROGRAMS_DIR, name + ".mit.in")
    stdin = open(inp, "rb") if os.path.exists(inp) else subprocess.DEVNULL
    t0 = time.time()
    try:
        p = subprocess.run([GCVM, "-mem", str(mem), *extra, path], stdin=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    return p.returncode, p.stdout.decode(), p.stderr.decode(), time.time() - t0


def parse_stats(stderr):
    st = {}
    for line in stderr.splitlines():
        m = re.match(r"([a-z ]+):\s+([0-9.]+)", line)
        if m:
            st[m.group(1).strip()] = float(m.group(2))
    return st


def classify(rc, out, want):
    """'pass', 'oom' (exit 3 with OutOfMemoryException) or 'WRONG' (anything else)."""
    if rc == 0 and out == want:
        return "pass"
    last = out.rstrip("\n").split("\n")[-1] if out else ""
    if rc == 3 and last.startswith("OutOfMemoryException") and want.startswith(out[:len(out) - len(last) - 1]):
        return "oom"
    return "WRONG"


STRESS_INTERVAL = 32768


def measure(name, scan=False):
    """The live peak, the smallest passing limit and the figures at @mem, for one program.

    live peak: --stats' "peak live" of a run with a collection every 32 KB allocated
    (--gc-stress-interval 32768, at -mem 20), which is exact to within 32 KB.
    smallest passing limit: bisection over whole MB in [1, 20]; a run passes when it exits 0
    and prints NAME.mit.out exactly. Every failing run must be an OutOfMemoryException whose
    output before it is a prefix of the expected output; anything else is reported as WRONG
    (a VM bug). With scan, every whole MB from 1 to 20 is run and classified.
    """
    d = directives(name)
    with open(os.path.join(PROGRAMS_DIR, name + ".mit.out")) as fh:
        want = fh.read()
    runs = {}

    def run(mem):
        if mem not in runs:
            rc, out, err, secs = run_vm(name, mem, ("--stats",))
            runs[mem] = (classify(rc, out, want), rc, out, parse_stats(err), secs)
        return runs[mem]

    rc, out, err, secs = run_vm(name, 20, ("--stats", "--gc-stress-interval", str(STRESS_INTERVAL)))
    st = parse_stats(err)
    peak = int(st.get("peak live", -1))
    peak_ok = classify(rc, out, want)
    lo, hi = 1, 20
    if run(hi)[0] != "pass":
        print("%s: does not pass even at -mem 20" % name)
        return False
    while lo < hi:
        mid = (lo + hi) // 2
        if run(mid)[0] == "pass":
            hi = mid
        else:
            lo = mid + 1
    smallest = lo
    mem = int(d.get("mem", 20))
    oom = int(d.get("oom-mem", 0))
    run(mem)
    if oom:
        run(oom)
    if scan:
        for m in range(1, 21):
            run(m)
    verdict, rc, out, st, secs = runs[mem]
    alloc = st.get("bytes allocated", 0)
    print("%s: live peak %d bytes (%.2f MB; stress-interval run: %s); 2 x peak = %.2f MB; "
          "smallest passing -mem %d; @mem %d: %s, allocated %d bytes (%.1f MB, %.0fx the limit), "
          "%d collections, %.2f s wall (%.0f ms in the VM); @oom-mem %s: %s"
          % (name, peak, peak / 1048576, peak_ok, 2 * peak / 1048576, smallest, mem, verdict,
             alloc, alloc / 1048576, alloc / (mem * 1048576), st.get("collections", -1), secs,
             st.get("time", -1), oom or "-", runs[oom][0] if oom else "-"))
    good = verdict == "pass" and peak_ok == "pass" and (not oom or runs[oom][0] == "oom")
    for m in sorted(runs):
        v, rc, out, st, secs = runs[m]
        last = out.rstrip("\n").split("\n")[-1] if out else ""
        if v == "WRONG":
            good = False
            print("    WRONG at -mem %d: exit %d, last line: %s" % (m, rc, last[:200]))
        elif scan:
            print("    -mem %2d: %-4s %s" % (m, v, last[:150] if v == "oom" else
                                           "%d collections, peak live %d" % (st.get("collections", -1), st.get("peak live", -1))))
    return good


def main(argv):
    mode = argv[1] if len(argv) > 1 else "--check"
    names = argv[2:] or sorted(PROGRAMS)
    unknown = [n for n in names if n not in PROGRAMS]
    if unknown:
        print("unknown program(s): " + ", ".join(unknown), file=sys.stderr)
        return 2
    failed = False
    if mode == "--list":
        for n in names:
            print(n, directives(n))
        return 0
    if mode in ("--measure", "--scan"):
        for n in names:
            failed |= not measure(n, scan=(mode == "--scan"))
        return 1 if failed else 0
    for n in names:
        if mode in ("--write", "--check"):
            if n in INPUTS:
                text_in = INPUTS[n]()
                path_in = os.path.join(PROGRAMS_DIR, n + ".mit.in")
                if mode == "--write":
                    with open(path_in, "w") as fh:
                        fh.write(text_in)
                else:
                    with open(path_in) as fh:
                        if fh.read() != text_in:
                            print("MISMATCH %s.mit.in" % n)
                            failed = True
            text = PROGRAMS[n]()
            path = os.path.join(PROGRAMS_DIR, n + ".mit.out")
            if mode == "--write":
                with open(path, "w") as fh:
                    fh.write(text)
                print("wrote %s (%d lines)" % (path, text.count("\n")))
            else:
                try:
                    with open(path) as fh:
                        have = fh.read()
                except FileNotFoundError:
                    have = None
                if have != text:
                    print("MISMATCH %s.mit.out" % n)
                    failed = True
                else:
                    print("ok %s" % n)
        elif mode == "--run":
            d = directives(n)
            with open(os.path.join(PROGRAMS_DIR, n + ".mit.out")) as fh:
                want = fh.read()
            rc, out, err, secs = run_vm(n, d["mem"])
            ok = rc == 0 and out == want
            print("%-5s %s at -mem %s: exit %d, %.1f s" % ("ok" if ok else "FAIL", n, d["mem"], rc, secs))
            failed |= not ok
            if "oom-mem" in d:
                rc, out, err, secs = run_vm(n, d["oom-mem"])
                last = out.rstrip("\n").split("\n")[-1] if out else ""
                ok = rc == 3 and last.startswith("OutOfMemoryException")
                print("%-5s %s at -mem %s: exit %d, %.1f s: %s" % ("ok" if ok else "FAIL", n, d["oom-mem"], rc, secs, last[:100]))
                failed |= not ok
        else:
            print(__doc__)
            return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
