# Call-heavy recursion: see fib.mit.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if not (y < x):
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


n = 27
while n <= 32:
    print("fib(" + str(n) + ") = " + str(fib(n)))
    n = n + 1
print("tak(18, 12, 6) = " + str(tak(18, 12, 6)))
