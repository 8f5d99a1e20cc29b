// Big-number arithmetic on records: see bignum.mit. Numbers are objects {n, d} whose limbs
// (base 10,000, least significant first) sit in a Map indexed by integers (as MITScript
// records indexed by integers are); JavaScript's BigInt is not used.
"use strict";

const B = 10000;

function small(v) { return { n: 1, d: new Map([[0, v]]) }; }

function mulSmall(a, m) {
  const ad = a.d;
  const d = new Map();
  let carry = 0;
  let i = 0;
  while (i < a.n) {
    const t = ad.get(i) * m + carry;
    carry = Math.trunc(t / B);
    d.set(i, t - carry * B);
    i = i + 1;
  }
  while (carry > 0) {
    const q = Math.trunc(carry / B);
    d.set(i, carry - q * B);
    carry = q;
    i = i + 1;
  }
  return { n: i, d };
}

function add(a, b) {
  if (a.n < b.n) { const t = a; a = b; b = t; }
  const ad = a.d, bd = b.d;
  const d = new Map();
  let carry = 0;
  let i = 0;
  while (i < a.n) {
    let t = ad.get(i) + carry;
    if (i < b.n) t = t + bd.get(i);
    if (t >= B) { d.set(i, t - B); carry = 1; } else { d.set(i, t); carry = 0; }
    i = i + 1;
  }
  if (carry > 0) { d.set(i, carry); i = i + 1; }
  return { n: i, d };
}

function mul(a, b) {
  const ad = a.d, bd = b.d;
  let n = a.n + b.n;
  const d = new Map();
  for (let i = 0; i < n; i++) d.set(i, 0);
  for (let i = 0; i < a.n; i++) {
    const x = ad.get(i);
    let carry = 0;
    for (let j = 0; j < b.n; j++) {
      const t = d.get(i + j) + x * bd.get(j) + carry;
      carry = Math.trunc(t / B);
      d.set(i + j, t - carry * B);
    }
    let k = i + b.n;
    while (carry > 0) {
      const t = d.get(k) + carry;
      carry = Math.trunc(t / B);
      d.set(k, t - carry * B);
      k = k + 1;
    }
  }
  while (n > 1 && d.get(n - 1) === 0) n = n - 1;
  return { n, d };
}

function toString(a) {
  let s = "" + a.d.get(a.n - 1);
  for (let i = a.n - 2; i >= 0; i--) {
    const v = a.d.get(i);
    if (v < 1000) s = s + "0";
    if (v < 100) s = s + "0";
    if (v < 10) s = s + "0";
    s = s + v;
  }
  return s;
}

function digits(a) {
  let top = a.d.get(a.n - 1);
  let c = 1;
  while (top >= 10) { top = Math.trunc(top / 10); c = c + 1; }
  return (a.n - 1) * 4 + c;
}

function digitSum(a) {
  let s = 0;
  for (let i = 0; i < a.n; i++) {
    let v = a.d.get(i);
    while (v > 0) { const q = Math.trunc(v / 10); s = s + v - q * 10; v = q; }
  }
  return s;
}

let f = small(1);
for (let m = 2; m <= 1000; m++) f = mulSmall(f, m);
console.log("1000! has " + digits(f) + " digits, digit sum " + digitSum(f));
console.log(toString(f));

let a = small(0), b = small(1);
for (let i = 0; i < 4000; i++) { const t = add(a, b); a = b; b = t; }
console.log("fib(4000) has " + digits(a) + " digits, digit sum " + digitSum(a));
console.log(toString(a));

const sq = mul(f, f);
console.log("(1000!)^2 has " + digits(sq) + " digits, digit sum " + digitSum(sq));
const cube = mul(sq, f);
console.log("(1000!)^3 has " + digits(cube) + " digits, digit sum " + digitSum(cube));
