# binary-trees: see binary_trees_18.mit. Nodes are dicts {left, right} (the closest thing to
# a MITScript record); the maximum depth is read from standard input.
import sys


def bottom_up(depth):
    if depth == 0:
        return {"left": None, "right": None}
    d = depth - 1
    return {"left": bottom_up(d), "right": bottom_up(d)}


def check(t):
    if t["left"] is None:
        return 1
    return 1 + check(t["left"]) + check(t["right"])


def main():
    min_depth = 4
    max_depth = int(sys.stdin.readline())
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    stretch = max_depth + 1
    print("stretch tree of depth " + str(stretch) + "\t check: " + str(check(bottom_up(stretch))))
    long_lived = bottom_up(max_depth)
    d = min_depth
    while d <= max_depth:
        iters = 1 << (max_depth - d + min_depth)
        chk = 0
        i = 0
        while i < iters:
            chk = chk + check(bottom_up(d))
            i = i + 1
        print(str(iters) + "\t trees of depth " + str(d) + "\t check: " + str(chk))
        d = d + 2
    print("long lived tree of depth " + str(max_depth) + "\t check: " + str(check(long_lived)))


main()
