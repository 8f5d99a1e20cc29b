# A cellular automaton: see life.mit. Grid and rows are dicts indexed by integers.

H = 64
W = 64
G = 200
M = 1000003

rng = {"s": 4242}


def rand():
    s = rng["s"]
    hi = s // 127773
    t = 16807 * (s - hi * 127773) - 2836 * hi
    if t <= 0:
        t = t + 2147483647
    rng["s"] = t
    return t


def step(g):
    nxt = {}
    y = 0
    while y < H:
        up = g[(y + H - 1) % H]
        mid = g[y]
        down = g[(y + 1) % H]
        row = {}
        x = 0
        while x < W:
            l = (x + W - 1) % W
            r = (x + 1) % W
            n = up[l] + up[x] + up[r] + mid[l] + mid[r] + down[l] + down[x] + down[r]
            if n == 3:
                row[x] = 1
            elif n == 2:
                row[x] = mid[x]
            else:
                row[x] = 0
            x = x + 1
        nxt[y] = row
        y = y + 1
    return nxt


def population(g):
    p = 0
    y = 0
    while y < H:
        row = g[y]
        x = 0
        while x < W:
            p = p + row[x]
            x = x + 1
        y = y + 1
    return p


def main():
    grid = {}
    y = 0
    while y < H:
        row = {}
        x = 0
        while x < W:
            r = rand()
            row[x] = 1 if r % 4 == 0 else 0
            x = x + 1
        grid[y] = row
        y = y + 1
    grid[1][2] = 1; grid[2][3] = 1; grid[3][1] = 1; grid[3][2] = 1; grid[3][3] = 1
    grid[1][1] = 0; grid[1][3] = 0; grid[2][1] = 0; grid[2][2] = 0

    print("generation 0: population " + str(population(grid)))
    gen = 1
    while gen <= G:
        grid = step(grid)
        if gen % 25 == 0:
            print("generation " + str(gen) + ": population " + str(population(grid)))
        gen = gen + 1
    chk = 0
    y = 0
    while y < H:
        x = 0
        while x < W:
            chk = chk * 3 + grid[y][x] * (y * W + x + 1)
            chk = chk % M
            x = x + 1
        y = y + 1
    print("checksum " + str(chk))


main()
