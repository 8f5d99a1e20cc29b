# String building: see string_build.mit.


def main():
    ring = {}
    equal = 0
    i = 0
    while i < 400000:
        a = "x" + str(i % 500) + "y" + str(i % 3) + "-" + str(i)
        j = i * 7
        b = "x" + str(j % 500) + "y" + str(i % 3) + "-" + str(i)
        if a == b:
            equal = equal + 1
        ring[i % 64] = a
        i = i + 1
    print("part 1: " + str(equal) + " equal; ring[0] = " + ring[0] + ", ring[63] = " + ring[63])

    prev = ""
    same = 0
    round_ = 0
    while round_ < 50:
        s = ""
        k = 0
        while k < 2000:
            s = s + str(k + round_ // 10) + ","
            k = k + 1
        if s == prev:
            same = same + 1
        prev = s
        round_ = round_ + 1
    print("part 2: " + str(same) + " rounds equal to the previous one")
    small = ""
    k = 0
    while k < 40:
        small = small + str(k + round_ // 10) + ","
        k = k + 1
    print("part 2: " + small)

    pieces = {}
    n = 4096
    k = 0
    while k < n:
        pieces[k] = "<" + str(k) + ">"
        k = k + 1
    while n > 1:
        h = n // 2
        k = 0
        while k < h:
            pieces[k] = pieces[2 * k] + pieces[2 * k + 1]
            k = k + 1
        n = h
    check = ""
    k = 0
    while k < 4096:
        check = check + "<" + str(k) + ">"
        k = k + 1
    print("part 3: balanced == sequential: " + ("true" if pieces[0] == check else "false"))


main()
