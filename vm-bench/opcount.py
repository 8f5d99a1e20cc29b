#!/usr/bin/env python3
"""Counts how often each opcode runs on the benchmarks, and numbers the opcodes by it.

    vm-bench/opcount.py              # counts per benchmark, and the order they give
    vm-bench/opcount.py --renumber   # also rewrites vm-lib's bytecode/Op.java in that order,
                                     # and regroups the interpreter's dispatch to match
    vm-bench/opcount.py --regroup    # only regroups the dispatch (after editing Op.java by hand)

Why: the launcher runs the JVM's C1 compiler only, and C1 compiles the interpreter's `switch`
into a chain of compares in key order, so an opcode numbered k costs about k compares to
dispatch. Numbering the opcodes by how often they run makes the average dispatch cheap.

How: a copy of the repository (in a temporary directory; the checkout is not touched) gets an
interpreter that counts every dispatch and prints the counts at exit; it runs each benchmark of
vm-bench/programs once at its -mem with its input. Each benchmark weighs the same: an opcode's
weight is the mean, over the benchmarks, of its share of that benchmark's dispatches.

The order keeps two groups together and in their order, since one case of the interpreter
handles each group as a range: JUMP_IF_NOT_LT, _GT, _LE, _GE and the same four with _INT.
A group sits where its summed weight puts it. Opcodes no benchmark runs keep their relative
order at the end.

The dispatch is not one switch but a short tree: `if (op < Op.DISPATCH_B)` one switch,
`else if (op < Op.DISPATCH_C)` a second, else a third, so that no opcode is more than a dozen
or so compares away (one chain of 58 would put the rare ones 50 compares away). Each case
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
INTERPRETER = os.path.join(ROOT, 'vm-lib/src/main/java/io/gcvm/interp/Interpreter.java')
GROUPS = [['JUMP_IF_NOT_LT', 'JUMP_IF_NOT_GT', 'JUMP_IF_NOT_LE', 'JUMP_IF_NOT_GE'],
          ['JUMP_IF_NOT_LT_INT', 'JUMP_IF_NOT_GT_INT', 'JUMP_IF_NOT_LE_INT', 'JUMP_IF_NOT_GE_INT']]


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
        dispatch = re.search(r'int op = code\[pc\+\+\];|switch \(code\[pc\+\+\]\) \{', text)
        assert dispatch, 'the dispatch was not found in Interpreter.java'
        text = text[:dispatch.start()] + 'OP_COUNTS[code[pc]]++;\n' + text[dispatch.start():]
        text = text.replace('public final class Interpreter implements RootSet {', '''public final class Interpreter implements RootSet {
    static final long[] OP_COUNTS = new long[%d];
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StringBuilder b = new StringBuilder("OPCOUNTS");
            for (long c : OP_COUNTS) b.append(' ').append(c);
            System.err.println(b);
        }));
    }''' % len(ops))
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
            if r.returncode != 0 or not line:
                sys.exit('%s failed (exit %d): %s' % (name, r.returncode, r.stderr[-500:]))
            counts[name] = [int(x) for x in line[0].split()[1:]]
        return counts
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def order(ops, counts):
    names = [o[0] for o in ops]
    weight = [0.0] * len(ops)
    for c in counts.values():
        total = sum(c)
        for i, x in enumerate(c):
            weight[i] += x / total / len(counts)
    w = dict(zip(names, weight))
    units = [[n] for n in names if not any(n in g for g in GROUPS)] + [list(g) for g in GROUPS]
    used = [u for u in units if sum(w[n] for n in u) > 0]
    unused = [u for u in units if sum(w[n] for n in u) == 0]
    used.sort(key=lambda u: -sum(w[n] for n in u))
    unused.sort(key=lambda u: names.index(u[0]))
    return [n for u in used + unused for n in u], w


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


def regroup(text, numbers, bounds):
    """The interpreter's source with each dispatch case in the switch of its opcode's range."""
    begin = re.search(r'\n( *)// ---- dispatch[^\n]*\n', text)
    end = re.search(r'\n *// ---- end of dispatch\n', text)
    assert begin and end, 'the dispatch markers were not found in Interpreter.java'
    indent = begin.group(1)  # the markers' indentation: the loop body's
    body = text[begin.end():end.start() + 1].split('\n')
    case_at = min(len(l) - len(l.lstrip()) for l in body if l.lstrip().startswith('case Op.'))
    # units: a case's lines up to the next case label at the same indentation
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
    for u in units:  # a case that falls through (says so in a comment) travels with the next one
        if falls:
            merged[-1] = merged[-1] + u
        else:
            merged.append(u)
        falls = any('fall through' in l for l in u)
    starts = [0] + bounds
    groups = [[] for _ in starts]
    for u in merged:
        labels = [n for l in u if len(l) - len(l.lstrip()) == case_at for n in re.findall(r'case Op\.(\w+):', l)]
        g = {max(i for i, b in enumerate(starts) if numbers[n] >= b) for n in labels}
        assert len(g) == 1, 'a case and the case it falls into are in different dispatch groups: %s' % labels
        while u and not u[-1].strip():
            u = u[:-1]
        groups[g.pop()].append((min(numbers[n] for n in labels), u))
    consts = ['Op.DISPATCH_' + chr(ord('B') + i) for i in range(len(bounds))]
    out = [indent + '// ---- dispatch: grouped and ordered by vm-bench/opcount.py (see Op); do not reorder by hand',
           indent + 'int op = code[pc++];']
    for i, units in enumerate(groups):
        if i == 0:
            out.append(indent + 'if (op < %s) {' % consts[0])
        elif i < len(bounds):
            out.append(indent + '} else if (op < %s) {' % consts[i])
        else:
            out.append(indent + '} else {')
        out.append(indent + '    switch (op) {')
        shift = len(indent) + 8 - case_at
        for _, u in sorted(units, key=lambda x: x[0]):
            out.extend((' ' * shift + l if shift >= 0 else l[-shift:]) if l.strip() else '' for l in u)
        out.append(indent + '        default: throw badOpcode(op, pc - 1);')
        out.append(indent + '    }')
    out.append(indent + '}')
    out.append(indent + '// ---- end of dispatch')
    return text[:begin.start() + 1] + '\n'.join(out) + text[end.end() - 1:]


def compares(n, bounds):
    """Compares to dispatch opcode n: the range tests passed, then its place in its switch."""
    starts = [0] + bounds
    g = max(i for i, b in enumerate(starts) if n >= b)
    return min(g + 1, len(bounds)) + (n - starts[g]) + 1


def bounds_of(text):
    return [int(x) for x in re.findall(r'public static final int DISPATCH_[B-Z] = (\d+);', text)]


def regroup_interpreter(op_text):
    numbers = {o[0]: o[1] for o in read_ops(op_text)}
    text = regroup(open(INTERPRETER).read(), numbers, bounds_of(op_text))
    with open(INTERPRETER, 'w') as f:
        f.write(text)
    print('regrouped the dispatch of', os.path.relpath(INTERPRETER, ROOT))


def main():
    if '--regroup' in sys.argv:
        regroup_interpreter(open(OP_JAVA).read())
        return
    text = open(OP_JAVA).read()
    ops = read_ops(text)
    counts = count(ops)
    new_order, w = order(ops, counts)
    names = [o[0] for o in ops]
    bounds = bounds_of(text)
    pos_new = {n: i for i, n in enumerate(new_order)}
    print('%-18s %10s %8s %8s' % ('benchmark', 'dispatches', 'compares', 'renumbered'))
    for b, c in counts.items():
        total = sum(c)
        now = sum(x * compares(i, bounds) for i, x in enumerate(c)) / total
        new = sum(x * compares(pos_new[names[i]], bounds) for i, x in enumerate(c)) / total
        print('%-18s %9.1fM %8.2f %8.2f' % (b, total / 1e6, now, new))
    print('\nmean compares per dispatch, as numbered now and renumbered (model: the range tests of the'
          ' dispatch tree, then one compare per opcode of the switch up to this one)')
    print('order:', ' '.join('%s(%.1f%%)' % (n, 100 * w[n]) for n in new_order if w[n] > 0))
    if '--renumber' in sys.argv:
        text = renumber(text, ops, new_order)
        with open(OP_JAVA, 'w') as f:
            f.write(text)
        print('rewrote', os.path.relpath(OP_JAVA, ROOT))
        regroup_interpreter(text)


if __name__ == '__main__':
    main()
