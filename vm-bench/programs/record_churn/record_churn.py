# Record churn: see record_churn.mit. Records are dicts; the window is a dict keyed by int
# (as a MITScript record indexed by integers is).

W = 20000
N = 1000000
M = 1000003


def main():
    window = {}
    s = 0
    evicted = 0
    i = 0
    while i < N:
        r = {"id": i, "val": i * 7 % 1000, "next": None}
        if i % 3 == 0:
            r["next"] = {"id": i + 1, "val": 1, "next": {"id": i + 2, "val": 2, "next": None}}
        slot = i % W
        old = window.get(slot)
        if old is not None:
            s = s + old["val"] + old["id"] % 100
            if old["next"] is not None:
                s = s + old["next"]["val"] + old["next"]["next"]["val"]
            s = s % M
            evicted = evicted + 1
        window[slot] = r
        i = i + 1
    live = 0
    chains = 0
    j = 0
    while j < W:
        r = window[j]
        live = live + r["val"]
        if r["next"] is not None:
            chains = chains + 1
        j = j + 1
    print("evicted " + str(evicted) + ", checksum " + str(s))
    print("window: sum of values " + str(live) + ", chains " + str(chains))


main()
