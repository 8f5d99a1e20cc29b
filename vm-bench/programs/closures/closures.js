// Closure-heavy code: see closures.mit. Lists are objects {head, tail}, null-terminated.
"use strict";

const makeAdder = (k) => (x) => x + k;
const compose = (f, g) => (x) => f(g(x));
function makeCounter() {
  const s = { n: 0 };
  return { inc: () => { s.n = s.n + 1; return s.n; }, get: () => s.n };
}

const M = 1000003;
let total = 0;
const c = makeCounter();
for (let i = 0; i < 500000; i++) {
  const f = compose(makeAdder(i % 100), makeAdder(1));
  total = total + f(i);
  total = total % M;
  c.inc();
}
console.log("part 1: total " + total + ", counter " + c.get());

function map(f, l) {
  let rev = null;
  while (l !== null) { rev = { head: f(l.head), tail: rev }; l = l.tail; }
  let out = null;
  while (rev !== null) { out = { head: rev.head, tail: out }; rev = rev.tail; }
  return out;
}

function filter(p, l) {
  let rev = null;
  while (l !== null) { if (p(l.head)) rev = { head: l.head, tail: rev }; l = l.tail; }
  let out = null;
  while (rev !== null) { out = { head: rev.head, tail: out }; rev = rev.tail; }
  return out;
}

function fold(f, acc, l) {
  while (l !== null) { acc = f(acc, l.head); l = l.tail; }
  return acc;
}

let lst = null;
for (let i = 999; i >= 0; i--) lst = { head: i, tail: lst };

function runRound(round, l) {
  const scale = round % 7 + 1;
  const m = map((x) => x * scale + round, l);
  const kept = filter((x) => x % 3 === round % 3, m);
  const count = makeCounter();
  const s = fold((a, x) => { count.inc(); a = a + x; return a % M; }, 0, kept);
  return { sum: s, n: count.get() };
}

let acc = 0;
let kept = 0;
for (let round = 0; round < 400; round++) {
  const r = runRound(round, lst);
  acc = acc * 31 + r.sum;
  acc = acc % M;
  kept = kept + r.n;
}
console.log("part 2: checksum " + acc + ", kept " + kept);
