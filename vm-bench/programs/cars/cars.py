# A car simulation: see cars.mit. Cars are dicts {pos, vel, dist}; the road is a dict of cars
# indexed by integers.

L = 1500
N = 300
VMAX = 5
STEPS = 3000
M = 1000003

rng = {"s": 99991}


def rand():
    s = rng["s"]
    hi = s // 127773
    t = 16807 * (s - hi * 127773) - 2836 * hi
    if t <= 0:
        t = t + 2147483647
    rng["s"] = t
    return t


def main():
    cars = {}
    i = 0
    while i < N:
        cars[i] = {"pos": i * (L // N), "vel": 0, "dist": 0}
        i = i + 1
    step = 1
    flow = 0
    while step <= STEPS:
        nxt = {}
        stopped = 0
        vsum = 0
        i = 0
        while i < N:
            c = cars[i]
            ahead = cars[(i + 1) % N]
            gap = (ahead["pos"] - c["pos"] - 1 + L) % L
            v = c["vel"]
            if v < VMAX:
                v = v + 1
            if v > gap:
                v = gap
            if v > 0 and rand() % 100 < 25:
                v = v - 1
            p = c["pos"] + v
            if p >= L:
                p = p - L
                flow = flow + 1
            if v == 0:
                stopped = stopped + 1
            vsum = vsum + v
            nxt[i] = {"pos": p, "vel": v, "dist": c["dist"] + v}
            i = i + 1
        cars = nxt
        if step % 300 == 0:
            print("step " + str(step) + ": mean speed x1000 " + str(vsum * 1000 // N) + ", stopped " + str(stopped)
                  + ", flow " + str(flow))
        step = step + 1
    chk = 0
    total = 0
    i = 0
    while i < N:
        c = cars[i]
        total = total + c["dist"]
        chk = chk * 7 + c["pos"] * 3 + c["vel"]
        chk = chk % M
        i = i + 1
    print("total distance " + str(total) + ", checksum " + str(chk))


main()
