# Big-number arithmetic on records: see bignum.mit. Numbers are dicts {n, d} whose limbs
# (base 10,000, least significant first) sit in a dict indexed by integers (Python's own
# big integers are not used).

B = 10000


def small(v):
    return {"n": 1, "d": {0: v}}


def mul_small(a, m):
    ad = a["d"]
    d = {}
    carry = 0
    i = 0
    while i < a["n"]:
        t = ad[i] * m + carry
        carry = t // B
        d[i] = t - carry * B
        i = i + 1
    while carry > 0:
        q = carry // B
        d[i] = carry - q * B
        carry = q
        i = i + 1
    return {"n": i, "d": d}


def add(a, b):
    if a["n"] < b["n"]:
        a, b = b, a
    ad = a["d"]
    bd = b["d"]
    d = {}
    carry = 0
    i = 0
    while i < a["n"]:
        t = ad[i] + carry
        if i < b["n"]:
            t = t + bd[i]
        if t >= B:
            d[i] = t - B
            carry = 1
        else:
            d[i] = t
            carry = 0
        i = i + 1
    if carry > 0:
        d[i] = carry
        i = i + 1
    return {"n": i, "d": d}


def mul(a, b):
    ad = a["d"]
    bd = b["d"]
    n = a["n"] + b["n"]
    d = {}
    i = 0
    while i < n:
        d[i] = 0
        i = i + 1
    i = 0
    while i < a["n"]:
        x = ad[i]
        carry = 0
        j = 0
        while j < b["n"]:
            t = d[i + j] + x * bd[j] + carry
            carry = t // B
            d[i + j] = t - carry * B
            j = j + 1
        k = i + b["n"]
        while carry > 0:
            t = d[k] + carry
            carry = t // B
            d[k] = t - carry * B
            k = k + 1
        i = i + 1
    while n > 1 and d[n - 1] == 0:
        n = n - 1
    return {"n": n, "d": d}


def to_string(a):
    s = "" + str(a["d"][a["n"] - 1])
    i = a["n"] - 2
    while i >= 0:
        v = a["d"][i]
        if v < 1000:
            s = s + "0"
        if v < 100:
            s = s + "0"
        if v < 10:
            s = s + "0"
        s = s + str(v)
        i = i - 1
    return s


def digits(a):
    top = a["d"][a["n"] - 1]
    c = 1
    while top >= 10:
        top = top // 10
        c = c + 1
    return (a["n"] - 1) * 4 + c


def digit_sum(a):
    s = 0
    i = 0
    while i < a["n"]:
        v = a["d"][i]
        while v > 0:
            q = v // 10
            s = s + v - q * 10
            v = q
        i = i + 1
    return s


def main():
    f = small(1)
    m = 2
    while m <= 1000:
        f = mul_small(f, m)
        m = m + 1
    print("1000! has " + str(digits(f)) + " digits, digit sum " + str(digit_sum(f)))
    print(to_string(f))

    a = small(0)
    b = small(1)
    i = 0
    while i < 4000:
        t = add(a, b)
        a = b
        b = t
        i = i + 1
    print("fib(4000) has " + str(digits(a)) + " digits, digit sum " + str(digit_sum(a)))
    print(to_string(a))

    sq = mul(f, f)
    print("(1000!)^2 has " + str(digits(sq)) + " digits, digit sum " + str(digit_sum(sq)))
    cube = mul(sq, f)
    print("(1000!)^3 has " + str(digits(cube)) + " digits, digit sum " + str(digit_sum(cube)))


main()
