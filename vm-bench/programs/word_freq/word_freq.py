# Text processing from standard input: see word_freq.mit.
import sys


def main():
    M = 1000003
    inp = sys.stdin
    n = int(inp.readline())
    counts = {}
    last = {}
    order = {}
    nd = 0
    gaps = 0
    repeats = 0
    prev = ""
    i = 0
    while i < n:
        w = inp.readline().rstrip("\n")
        c = counts.get(w)
        if c is None:
            counts[w] = 1
            order[nd] = w
            nd = nd + 1
        else:
            counts[w] = c + 1
            gaps = gaps + i - last[w]
            gaps = gaps % M
        last[w] = i
        if w == prev:
            repeats = repeats + 1
        prev = w
        i = i + 1
    marker = inp.readline().rstrip("\n")
    print("read " + str(n) + " words, " + str(nd) + " distinct, " + str(repeats) + " repeated neighbours, gap sum "
          + str(gaps) + ", end marker " + marker)

    chosen = {}
    t = 0
    while t < 15:
        best = None
        bestc = 0
        d = 0
        while d < nd:
            w = order[d]
            c = counts[w]
            if c > bestc:
                if w not in chosen:
                    best = w
                    bestc = c
            d = d + 1
        chosen[best] = True
        print(str(t + 1) + ". " + best + " " + str(bestc))
        t = t + 1

    once = 0
    chk = 0
    d = 0
    while d < nd:
        c = counts[order[d]]
        if c == 1:
            once = once + 1
        chk = chk * 31 + c
        chk = chk % M
        d = d + 1
    print(str(once) + " words seen once, checksum " + str(chk))


main()
