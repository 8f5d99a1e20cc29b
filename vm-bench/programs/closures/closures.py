# Closure-heavy code: see closures.mit. Lists are dicts {head, tail}, None-terminated.


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    return lambda x: f(g(x))


def make_counter():
    s = {"n": 0}

    def inc():
        s["n"] = s["n"] + 1
        return s["n"]

    def get():
        return s["n"]

    return {"inc": inc, "get": get}


M = 1000003


def part1():
    total = 0
    c = make_counter()
    i = 0
    while i < 500000:
        f = compose(make_adder(i % 100), make_adder(1))
        total = total + f(i)
        total = total % M
        c["inc"]()
        i = i + 1
    print("part 1: total " + str(total) + ", counter " + str(c["get"]()))


def map_(f, l):
    rev = None
    while l is not None:
        rev = {"head": f(l["head"]), "tail": rev}
        l = l["tail"]
    out = None
    while rev is not None:
        out = {"head": rev["head"], "tail": out}
        rev = rev["tail"]
    return out


def filter_(p, l):
    rev = None
    while l is not None:
        if p(l["head"]):
            rev = {"head": l["head"], "tail": rev}
        l = l["tail"]
    out = None
    while rev is not None:
        out = {"head": rev["head"], "tail": out}
        rev = rev["tail"]
    return out


def fold(f, acc, l):
    while l is not None:
        acc = f(acc, l["head"])
        l = l["tail"]
    return acc


def run_round(round_, l):
    scale = round_ % 7 + 1
    m = map_(lambda x: x * scale + round_, l)
    kept = filter_(lambda x: x % 3 == round_ % 3, m)
    count = make_counter()

    def add(a, x):
        count["inc"]()
        a = a + x
        return a % M

    s = fold(add, 0, kept)
    return {"sum": s, "n": count["get"]()}


def part2():
    lst = None
    i = 999
    while i >= 0:
        lst = {"head": i, "tail": lst}
        i = i - 1
    acc = 0
    kept = 0
    round_ = 0
    while round_ < 400:
        r = run_round(round_, lst)
        acc = acc * 31 + r["sum"]
        acc = acc % M
        kept = kept + r["n"]
        round_ = round_ + 1
    print("part 2: checksum " + str(acc) + ", kept " + str(kept))


part1()
part2()
