// Call-heavy recursion: see fib.mit.
"use strict";

function fib(n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

function tak(x, y, z) {
  if (!(y < x)) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

for (let n = 27; n <= 32; n++) console.log("fib(" + n + ") = " + fib(n));
console.log("tak(18, 12, 6) = " + tak(18, 12, 6));
