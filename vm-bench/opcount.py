#!/usr/bin/env python3
"""Counts how often each opcode runs on the benchmarks, and numbers the opcodes by it.

    vm-bench/opcount.py              # counts per benchmark, and the order they give
    vm-bench/opcount.py --renumber   # also rewrites vm-lib's bytecode/Op.java in that order,
                                     # and regroups the interpreter's dispatch to match
    vm-bench/opcount.py --regroup    # only regroups the dispatch (after editing Op.java by hand)
    vm-bench/opcount.py --pairs      # also lists the adjacent pairs that run most (fusion candidates)

Why: the launcher runs the JVM's C1 compiler only, and C1 compiles the interpreter's `switch`
into a chain of compares in key order, so an opcode numbered k costs about k compares to
dispatch. Numbering the opcodes by how often they run makes the average dispatch cheap.

How: a copy of the repository (in a temporary directory; the checkout is not touched) gets an
interpreter that counts every dispatch and prints the counts at exit; it runs each benchmark of
vm-bench/programs once at its -mem with its input. Each benchmark weighs the same: an opcode's
weight is the mean, over the benchmarks, of its share of that benchmark's dispatches.

The order keeps four groups together and in their order, since one case of the interpreter
handles each group as a range: JUMP_IF_NOT_LT, _GT, _LE, _GE, the same four with _INT, with
JUMP_IF_LOCAL_NOT_, and with JUMP_IF_LOCALS_NOT_.
A group sits where its summed weight puts it. Opcodes no benchmark runs keep their relative
order at the end.

The dispatch is not one switch but a short chain of range tests: `if (op < Op.DISPATCH_B)` one
switch, `else if (op < Op.DISPATCH_C)` a second, and so on (two or three bounds, whichever the
model prefers), so that no opcode is more than a dozen or so compares away (one chain of 58
would put the rare ones 50 compares away). Each case
must sit in the switch of its number's range: --regroup moves the interpreter's cases there
(sorted by number; a case that falls through moves with the case it falls into), between the
two "---- dispatch" marker comments of Interpreter.execute.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OP_JAVA = os.path.join(ROOT, 'vm-lib/src/main/java/io/gcvm/bytecode/Op.java')
COLD_SHARE = 0.03  # of all dispatches, averaged over the benchmarks
INTERPRETER = os.path.join(ROOT, 'vm-lib/src/main/java/io/gcvm/interp/Interpreter.java')
PAIRS = {}  # {benchmark: [count per (previous opcode * n + opcode)]}, filled by count()
GROUPS = [['JUMP_IF_NOT_LT', 'JUMP_IF_NOT_GT', 'JUMP_IF_NOT_LE', 'JUMP_IF_NOT_GE'],
          ['JUMP_IF_NOT_LT_INT', 'JUMP_IF_NOT_GT_INT', 'JUMP_IF_NOT_LE_INT', 'JUMP_IF_NOT_GE_INT'],
          ['JUMP_IF_LOCAL_NOT_LT_INT', 'JUMP_IF_LOCAL_NOT_GT_INT', 'JUMP_IF_LOCAL_NOT_LE_INT', 'JUMP_IF_LOCAL_NOT_GE_INT'],
          ['JUMP_IF_LOCALS_NOT_LT', 'JUMP_IF_LOCALS_NOT_GT', 'JUMP_IF_LOCALS_NOT_LE', 'JUMP_IF_LOCALS_NOT_GE']]


def read_ops(text):
    """[(name, number, comment)] in numeric order, from Op.java's constants."""
    ops = [(m.group(1), int(m.group(2)), m.group(3) or '')
           for m in re.finditer(r'public static final int (\w+) = (\d+);[ \t]*(//[^\n]*)?', text)
           if not m.group(1).startswith('DISPATCH_')]
    ops.sort(key=lambda o: o[1])
    assert [o[1] for o in ops] == list(range(len(ops))), 'opcodes must be numbered 0..n-1'
    return ops


def count(ops):
    """{benchmark: [count per opcode]} from an instrumented copy of the VM."""
    tmp = tempfile.mkdtemp(prefix='opcount-')
    try:
        src = os.path.join(tmp, 'repo')
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns('target', '.git'))
        interp = os.path.join(src, 'vm-lib/src/main/java/io/gcvm/interp/Interpreter.java')
        text = open(interp).read()
        text = regroup(text, {o[0]: o[1] for o in ops}, [], 10 ** 6)  # one plain switch: any numbering runs
        dispatch = re.search(r'int op = code\[pc\+\+\];|switch \(code\[pc\+\+\]\) \{', text)
        assert dispatch, 'the dispatch was not found in Interpreter.java'
        # each dispatch counts its opcode, and the pair it makes with the instruction just before
        # it in the same code when control fell through from there (the pairs fusion could join)
        text = text[:dispatch.start()] + '''{ int o = code[pc]; OP_COUNTS[o]++;
                  if (code == PREV_CODE && PREV_PC + 1 + Op.operands(PREV_OP) == pc) OP_PAIRS[PREV_OP * %d + o]++;
                  PREV_CODE = code; PREV_PC = pc; PREV_OP = o; }
''' % len(ops) + text[dispatch.start():]
        text = text.replace('public final class Interpreter implements RootSet {', '''public final class Interpreter implements RootSet {
    static final long[] OP_COUNTS = new long[%d], OP_PAIRS = new long[%d * %d];
    static int[] PREV_CODE;
    static int PREV_PC, PREV_OP;
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StringBuilder b = new StringBuilder("OPCOUNTS");
            for (long c : OP_COUNTS) b.append(' ').append(c);
            b.append("\\nOPPAIRS");
            for (long c : OP_PAIRS) b.append(' ').append(c);
            System.err.println(b);
        }));
    }''' % (len(ops), len(ops), len(ops)))
        open(interp, 'w').write(text)
        build = ['mvn', '-B', '-ntp', '-q', '-pl', 'vm-lib', 'package', '-DskipTests']
        if subprocess.run(build + ['-o'], cwd=src, stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(build, cwd=src, check=True, stdout=subprocess.DEVNULL)
        jar = [os.path.join(src, 'vm-lib/target', f) for f in os.listdir(os.path.join(src, 'vm-lib/target'))
               if re.match(r'vm-lib-.*\d\.jar$|vm-lib-.*SNAPSHOT\.jar$', f)][0]
        counts = {}
        programs = os.path.join(HERE, 'programs')
        for name in sorted(os.listdir(programs)):
            d = os.path.join(programs, name)
            base = name
            if os.path.exists(os.path.join(d, 'source')):
                base = open(os.path.join(d, 'source')).read().strip()
            if base != name:
                continue  # the same program as another benchmark, only its input differs
            mem = open(os.path.join(d, 'mem.txt')).read().strip()
            stdin = os.path.join(d, 'input.txt')
            with open(stdin if os.path.exists(stdin) else os.devnull, 'rb') as inp:
                r = subprocess.run(['java', '-XX:TieredStopAtLevel=1', '-cp', jar, 'io.gcvm.cli.Main', '-mem', mem,
                                    os.path.join(programs, base, base + '.mit')],
                                   stdin=inp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            line = [l for l in r.stderr.splitlines() if l.startswith('OPCOUNTS')]
            pairs = [l for l in r.stderr.splitlines() if l.startswith('OPPAIRS')]
            if r.returncode != 0 or not line or not pairs:
                sys.exit('%s failed (exit %d): %s' % (name, r.returncode, r.stderr[-500:]))
            counts[name] = [int(x) for x in line[0].split()[1:]]
            PAIRS[name] = [int(x) for x in pairs[0].split()[1:]]
        return counts
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def order(ops, counts, units, bounds, cases):
    """The new order: most frequent first by unit (the cases that must share a switch, and the
    compare-and-branch groups, whose order is kept), no unit straddling a dispatch bound."""
    names = [o[0] for o in ops]
    weight = [0.0] * len(ops)
    for c in counts.values():
        total = sum(c)
        for i, x in enumerate(c):
            weight[i] += x / total / len(counts)
    w = dict(zip(names, weight))
    grouped = {n for g in GROUPS for n in g}
    units = [[n for g in GROUPS if g[0] in labels for n in g]
             + sorted((n for n in labels if n not in grouped), key=lambda n: -w[n]) for labels in units]
    assert sorted(n for u in units for n in u) == sorted(names), 'every opcode needs exactly one case'
    # Smith's rule: a unit of k opcodes costs every opcode after it k compares more, so the
    # order that minimises the weighted sum of positions sorts by weight per opcode
    length = {n: (1 if len(c) == 1 else 2) / len(c) for c in cases for n in c}  # compares per opcode
    used = sorted((u for u in units if sum(w[n] for n in u) > 0),
                  key=lambda u: -sum(w[n] for n in u) / sum(length[n] for n in u))
    unused = sorted((u for u in units if sum(w[n] for n in u) == 0), key=lambda u: names.index(u[0]))
    placed, waiting = [], []
    for u in used + unused:
        waiting.append(u)
        progress = True
        while waiting and progress:  # the first waiting unit that fits before the next bound goes next
            progress = False
            for k, v in enumerate(waiting):
                at = len(placed)
                nxt = min([b for b in bounds if b > at], default=len(names) + 1)
                if at + len(v) <= nxt:
                    placed.extend(v)
                    del waiting[k]
                    progress = True
                    break
    for v in waiting:
        placed.extend(v)
    return placed, w


def renumber(text, ops, new_order):
    old = {o[0]: o for o in ops}
    lines = []
    width = max(len(n) for n in new_order) + len(' = 99;')
    for i, n in enumerate(new_order):
        decl = '%s = %d;' % (n, i)
        comment = old[n][2]
        lines.append('    public static final int ' + (decl.ljust(width) + ' ' + comment if comment else decl).rstrip())
    start = text.index('    public static final int ' + ops[0][0] + ' =')
    end_line = re.search(r'public static final int ' + ops[-1][0] + r' = \d+;[^\n]*\n', text)
    text = text[:start] + '\n'.join(lines) + '\n' + text[end_line.end():]
    # the NAMES and OPERANDS tables, indexed by opcode
    names_src = re.search(r'NAMES = \{\s*(.*?)\s*\};', text, re.S)
    operands_src = re.search(r'OPERANDS = \{\s*(.*?)\s*\};', text, re.S)
    names = [s.strip().strip('"') for s in names_src.group(1).split(',')]
    operands = [int(s) for s in operands_src.group(1).split(',')]
    assert names == [o[0] for o in ops] and len(operands) == len(ops), 'NAMES/OPERANDS out of step with the constants'
    arity = dict(zip(names, operands))
    text = text.replace(names_src.group(1), ', '.join('"%s"' % n for n in new_order))
    text = text.replace(operands_src.group(1), ', '.join(str(arity[n]) for n in new_order))
    return text


REGIONS = (('// ---- dispatch', '// ---- end of dispatch'), ('// ---- cold dispatch', '// ---- end of cold dispatch'))


def region(text, which):
    """(begin match, end match) of the main (0) or cold (1) dispatch region of Interpreter.java."""
    first, last = REGIONS[which]
    begin = re.search(r'\n( *)' + re.escape(first) + r'[^\n]*\n', text)
    end = re.search(r'\n *' + re.escape(last) + r'\n', text)
    assert begin and end, 'the markers %r were not found in Interpreter.java' % first
    return begin, end


def dispatch_units(text):
    """The dispatch's cases, from both regions, as units: (labels, lines, labels per case). A
    unit is one case (its labels, statements and closing brace), joined with the next when it
    falls through (says so in a comment): the cases that must share a switch."""
    result = []
    for which in (0, 1):
        begin, end = region(text, which)
        body = text[begin.end():end.start() + 1].split('\n')
        levels = [len(l) - len(l.lstrip()) for l in body if l.lstrip().startswith('case Op.')]
        if not levels:
            continue
        case_at = min(levels)
        units, current = [], None
        for line in body:
            stripped = line.lstrip()
            level = len(line) - len(stripped)
            if level == case_at and stripped.startswith('case Op.'):
                current = [line]
                units.append(current)
            elif level == case_at and stripped.startswith('default:'):
                current = None
            elif current is not None:
                current.append(line)  # the case's statements, and its closing brace
        merged, falls = [], False
        for u in units:
            if falls:
                merged[-1] = merged[-1] + u
            else:
                merged.append(u)
            falls = any('fall through' in l for l in u)
        for u in merged:
            cases = [re.findall(r'case Op\.(\w+):', l) for l in u if len(l) - len(l.lstrip()) == case_at]
            cases = [c for c in cases if c]  # the labels of each case (written on one line)
            while u and not u[-1].strip():
                u = u[:-1]
            lines = [l[case_at:] if l.strip() else '' for l in u]  # unindented
            result.append(([n for c in cases for n in c], lines, cases))
    return result


def regroup(text, numbers, bounds, cold):
    """The interpreter's source with each case in the switch of its opcode's range: opcodes
    from `cold` on in executeCold, the others in the loop, split at `bounds` (one plain switch
    when there are none)."""
    starts = [0] + bounds
    groups = [[] for _ in starts]
    cold_units = []
    for labels, u, _ in dispatch_units(text):
        g = {max(i for i, b in enumerate(starts) if numbers[n] >= b) if numbers[n] < cold else -1 for n in labels}
        assert len(g) == 1, 'cases that share a switch have numbers in different ranges: %s' % labels
        g = g.pop()
        (cold_units if g < 0 else groups[g]).append((min(numbers[n] for n in labels), u))

    def cases(units, at):
        return [(' ' * at + l if l else '') for _, u in sorted(units, key=lambda x: x[0]) for l in u]

    # the loop
    begin, end = region(text, 0)
    indent = begin.group(1)
    out = [indent + '// ---- dispatch: grouped and ordered by vm-bench/opcount.py (see Op); do not reorder by hand',
           indent + 'int op = code[pc++];']
    consts = ['Op.DISPATCH_' + chr(ord('B') + i) for i in range(len(bounds))]
    inner = indent + ('    ' if bounds else '')
    for i, group in enumerate(groups):
        if bounds:
            out.append(indent + ('if (op < %s) {' % consts[0] if i == 0 else
                                 '} else if (op < %s) {' % consts[i] if i < len(bounds) else '} else {'))
        out.append(inner + 'switch (op) {')
        out.extend(cases(group, len(inner) + 4))
        if i < len(groups) - 1:
            out.append(inner + '    default: throw badOpcode(op, pc - 1);')
        else:
            out.append(inner + '    default:')
            out.append(inner + '        save(pc, fp, sp);')
            out.append(inner + '        executeCold(op);')
            out.append(inner + '        pc = this.pc;')
            out.append(inner + '        fp = this.fp;')
            out.append(inner + '        sp = this.sp;')
        out.append(inner + '}')
    if bounds:
        out.append(indent + '}')
    out.append(indent + '// ---- end of dispatch')
    text = text[:begin.start() + 1] + '\n'.join(out) + text[end.end() - 1:]
    # the cold method
    begin, end = region(text, 1)
    indent = begin.group(1)
    out = [indent + '// ---- cold dispatch: the cases vm-bench/opcount.py puts here',
           indent + 'switch (op) {'] + cases(cold_units, len(indent) + 4) + [
           indent + '    default: throw badOpcode(op, pc - 1);',
           indent + '}',
           indent + '// ---- end of cold dispatch']
    return text[:begin.start() + 1] + '\n'.join(out) + text[end.end() - 1:]


def compares(numbering, bounds, cases):
    """{opcode: compares to dispatch it}: the range tests of the dispatch tree passed, then, in
    its switch, one compare per case before it (two for a case of several consecutive
    opcodes, which C1 tests as a range) and its own."""
    starts = [0] + bounds
    group = lambda n: max(i for i, b in enumerate(starts) if n >= b)
    cost, prefix = {}, {}
    for case in sorted(cases, key=lambda c: min(numbering[n] for n in c)):
        g = group(min(numbering[n] for n in case))
        length = 1 if len(case) == 1 else 2
        p = prefix.get(g, 0) + length
        prefix[g] = p
        for n in case:
            cost[n] = min(g + 1, len(bounds)) + p
    return cost


def bounds_of(text):
    return [int(x) for x in re.findall(r'public static final int DISPATCH_[B-Z] = (\d+);', text)]


def cold_of(text):
    m = re.search(r'public static final int DISPATCH_COLD = (\d+);', text)
    return int(m.group(1)) if m else 10 ** 6


def regroup_interpreter(op_text):
    numbers = {o[0]: o[1] for o in read_ops(op_text)}
    text = regroup(open(INTERPRETER).read(), numbers, bounds_of(op_text), cold_of(op_text))
    with open(INTERPRETER, 'w') as f:
        f.write(text)
    print('regrouped the dispatch of', os.path.relpath(INTERPRETER, ROOT))


def print_pairs(names, counts):
    """The adjacent pairs (the second reached by falling through from the first) that run most,
    weighted like the opcodes: candidates for a fused instruction."""
    n = len(names)
    weight = [0.0] * (n * n)
    for b, c in counts.items():
        total = sum(c)
        for i, x in enumerate(PAIRS[b]):
            weight[i] += x / total / len(counts)
    top = sorted(range(n * n), key=lambda i: -weight[i])[:30]
    print('\nmost frequent fall-through pairs (mean share of dispatches; benchmarks where it is over 2 %):')
    for i in top:
        where = ' '.join('%s %.0f%%' % (b, 100 * PAIRS[b][i] / sum(c)) for b, c in counts.items()
                         if PAIRS[b][i] / sum(c) > 0.02)
        print('  %5.2f%%  %-26s %-26s %s' % (100 * weight[i], names[i // n], names[i % n], where))


def main():
    if '--regroup' in sys.argv:
        regroup_interpreter(open(OP_JAVA).read())
        return
    text = open(OP_JAVA).read()
    ops = read_ops(text)
    counts = count(ops)
    parsed = dispatch_units(open(INTERPRETER).read())
    units = [labels for labels, _, _ in parsed]
    cases = [c for _, _, cs in parsed for c in cs]
    names = [o[0] for o in ops]
    bounds = bounds_of(text)

    def mean_compares(numbering, bs):
        cost = compares(numbering, bs, cases)
        return sum(sum(x * cost[names[i]] for i, x in enumerate(c)) / sum(c) for c in counts.values()) / len(counts)

    # the bounds of the dispatch tree too: those that give the fewest compares, on average, with
    # two or three bounds (three switches or four, each range test one compare more)
    best = None
    candidates = [[b, c] for b in range(2, 24) for c in range(b + 2, 48)]
    candidates += [[b, c, d] for b in range(4, 20) for c in range(b + 3, 36) for d in range(c + 3, 56)]
    for bs in candidates:
        o, w = order(ops, counts, units, bs, cases)
        cost = mean_compares({n: i for i, n in enumerate(o)}, bs)
        if best is None or cost < best[0]:
            best = (cost, bs, o, w)
    _, new_bounds, new_order, w = best
    # the coldest opcodes, together run at most COLD_SHARE of the time, leave the loop: the
    # JIT compiles a smaller method with less memory; a unit's opcodes stay on one side
    starts, at = set(), 0
    for u in sorted(units, key=lambda u: min(new_order.index(n) for n in u)):
        starts.add(at)
        at += len(u)
    cold = len(new_order)
    while cold - 1 >= new_bounds[-1] and sum(w[n] for n in new_order[cold - 1:]) <= COLD_SHARE:
        cold -= 1
    while cold not in starts and cold < len(new_order):
        cold += 1
    cost_now = compares({o[0]: o[1] for o in ops}, bounds, cases)
    cost_new = compares({n: i for i, n in enumerate(new_order)}, new_bounds, cases)
    print('%-18s %10s %8s %8s' % ('benchmark', 'dispatches', 'compares', 'renumbered'))
    for b, c in counts.items():
        total = sum(c)
        now = sum(x * cost_now[names[i]] for i, x in enumerate(c)) / total
        new = sum(x * cost_new[names[i]] for i, x in enumerate(c)) / total
        print('%-18s %9.1fM %8.2f %8.2f' % (b, total / 1e6, now, new))
    print('\nmean compares per dispatch, as numbered now and renumbered (model: the range tests of the'
          ' dispatch tree, then one compare per opcode of the switch up to this one)')
    print('dispatch bounds now %s, renumbered %s; cold from %d (%s)'
          % (bounds, new_bounds, cold, ' '.join(new_order[cold:])))
    print('order:', ' '.join('%s(%.1f%%)' % (n, 100 * w[n]) for n in new_order if w[n] > 0))
    if '--pairs' in sys.argv:
        print_pairs(names, counts)
    if '--renumber' in sys.argv:
        text = renumber(text, ops, new_order)
        consts = ''.join('    public static final int DISPATCH_%s = %d;\n' % (chr(ord('B') + i), b) for i, b in enumerate(new_bounds))
        text = re.sub(r'(    public static final int DISPATCH_[B-Z] = \d+;\n)+', lambda m: consts, text, count=1)
        text = re.sub(r'(public static final int DISPATCH_COLD = )\d+;', r'\g<1>%d;' % cold, text)
        with open(OP_JAVA, 'w') as f:
            f.write(text)
        print('rewrote', os.path.relpath(OP_JAVA, ROOT))
        regroup_interpreter(text)


if __name__ == '__main__':
    main()
