#!/usr/bin/env python3
"""Counts how often each opcode runs on the benchmarks, and numbers the opcodes by it.

    vm-bench/opcount.py              # counts per benchmark, and the order they give
    vm-bench/opcount.py --renumber   # also rewrites vm-lib's bytecode/Op.java in that order

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
GROUPS = [['JUMP_IF_NOT_LT', 'JUMP_IF_NOT_GT', 'JUMP_IF_NOT_LE', 'JUMP_IF_NOT_GE'],
          ['JUMP_IF_NOT_LT_INT', 'JUMP_IF_NOT_GT_INT', 'JUMP_IF_NOT_LE_INT', 'JUMP_IF_NOT_GE_INT']]


def read_ops(text):
    """[(name, number, comment)] in numeric order, from Op.java's constants."""
    ops = [(m.group(1), int(m.group(2)), m.group(3) or '')
           for m in re.finditer(r'public static final int (\w+) = (\d+);[ \t]*(//[^\n]*)?', text)]
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
        dispatch = 'switch (code[pc++]) {'
        assert text.count(dispatch) == 1, 'the dispatch switch was not found once in Interpreter.java'
        text = text.replace(dispatch, 'OP_COUNTS[code[pc]]++;\n' + dispatch)
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


def main():
    text = open(OP_JAVA).read()
    ops = read_ops(text)
    counts = count(ops)
    new_order, w = order(ops, counts)
    names = [o[0] for o in ops]
    pos_new = {n: i + 1 for i, n in enumerate(new_order)}
    print('%-18s %10s %8s %8s' % ('benchmark', 'dispatches', 'compares', 'renumbered'))
    for b, c in counts.items():
        total = sum(c)
        now = sum(x * (i + 1) for i, x in enumerate(c)) / total
        new = sum(x * pos_new[names[i]] for i, x in enumerate(c)) / total
        print('%-18s %9.1fM %8.2f %8.2f' % (b, total / 1e6, now, new))
    print('\nmean compares per dispatch, as numbered now and renumbered (an opcode numbered k: k compares)')
    print('order:', ' '.join('%s(%.1f%%)' % (n, 100 * w[n]) for n in new_order if w[n] > 0))
    if '--renumber' in sys.argv:
        open(OP_JAVA, 'w').write(renumber(text, ops, new_order))
        print('rewrote', os.path.relpath(OP_JAVA, ROOT))


if __name__ == '__main__':
    main()
