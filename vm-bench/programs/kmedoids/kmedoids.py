# k-medoids clustering: see kmedoids.mit. Points and tables are dicts indexed by integers.

N = 100

rng = {"s": 777}


def rand():
    s = rng["s"]
    hi = s // 127773
    t = 16807 * (s - hi * 127773) - 2836 * hi
    if t <= 0:
        t = t + 2147483647
    rng["s"] = t
    return t


def total_cost(dist, med, k):
    c = 0
    i = 0
    while i < N:
        row = dist[i]
        best = row[med[0]]
        j = 1
        while j < k:
            d = row[med[j]]
            if d < best:
                best = d
            j = j + 1
        c = c + best
        i = i + 1
    return c


def pam(dist, k):
    med = {}
    is_med = {}
    i = 0
    while i < N:
        is_med[i] = 0
        i = i + 1
    j = 0
    while j < k:
        med[j] = j * (N // k)
        is_med[j * (N // k)] = 1
        j = j + 1
    cost = total_cost(dist, med, k)
    swaps = 0
    while True:
        best_cost = cost
        best_j = -1
        best_o = -1
        j = 0
        while j < k:
            old = med[j]
            o = 0
            while o < N:
                if is_med[o] == 0:
                    med[j] = o
                    c = total_cost(dist, med, k)
                    if c < best_cost:
                        best_cost = c
                        best_j = j
                        best_o = o
                o = o + 1
            med[j] = old
            j = j + 1
        if best_j < 0:
            break
        is_med[med[best_j]] = 0
        med[best_j] = best_o
        is_med[best_o] = 1
        cost = best_cost
        swaps = swaps + 1
    return {"med": med, "cost": cost, "swaps": swaps}


def main():
    cx = {0: 100, 1: 400, 2: 250, 3: 700, 4: 550, 5: 850}
    cy = {0: 100, 1: 150, 2: 500, 3: 300, 4: 750, 5: 600}
    px = {}
    py = {}
    i = 0
    while i < N:
        c = rand() % 6
        px[i] = cx[c] + rand() % 121 - 60
        py[i] = cy[c] + rand() % 121 - 60
        i = i + 1
    dist = {}
    i = 0
    while i < N:
        row = {}
        j = 0
        while j < N:
            dx = px[i] - px[j]
            if dx < 0:
                dx = -dx
            dy = py[i] - py[j]
            if dy < 0:
                dy = -dy
            row[j] = dx + dy
            j = j + 1
        dist[i] = row
        i = i + 1
    k = 2
    while k <= 6:
        r = pam(dist, k)
        med = r["med"]
        # medoids in increasing index order, and the size of each one's cluster
        size = {}
        j = 0
        while j < k:
            size[j] = 0
            j = j + 1
        i = 0
        while i < N:
            row = dist[i]
            bj = 0
            j = 1
            while j < k:
                if row[med[j]] < row[med[bj]]:
                    bj = j
                j = j + 1
            size[bj] = size[bj] + 1
            i = i + 1
        line = ""
        m = 0
        while m < N:
            j = 0
            while j < k:
                if med[j] == m:
                    line = line + " (" + str(px[m]) + "," + str(py[m]) + ")x" + str(size[j])
                j = j + 1
            m = m + 1
        print("k=" + str(k) + ": cost " + str(r["cost"]) + " after " + str(r["swaps"]) + " swaps;" + line)
        k = k + 1


main()
