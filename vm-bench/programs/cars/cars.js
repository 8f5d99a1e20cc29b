// A car simulation: see cars.mit. Cars are objects {pos, vel, dist}; the road is a Map of cars
// indexed by integers (as a MITScript record indexed by integers is).
"use strict";

const L = 1500, N = 300, VMAX = 5, STEPS = 3000, M = 1000003;

const rng = { s: 99991 };
function rand() {
  const s = rng.s;
  const hi = Math.trunc(s / 127773);
  let t = 16807 * (s - hi * 127773) - 2836 * hi;
  if (t <= 0) t = t + 2147483647;
  rng.s = t;
  return t;
}

let cars = new Map();
for (let i = 0; i < N; i++) cars.set(i, { pos: i * Math.trunc(L / N), vel: 0, dist: 0 });
let flow = 0;
for (let step = 1; step <= STEPS; step++) {
  const next = new Map();
  let stopped = 0;
  let vsum = 0;
  for (let i = 0; i < N; i++) {
    const c = cars.get(i);
    const ahead = cars.get((i + 1) % N);
    const gap = (ahead.pos - c.pos - 1 + L) % L;
    let v = c.vel;
    if (v < VMAX) v = v + 1;
    if (v > gap) v = gap;
    if (v > 0 && rand() % 100 < 25) v = v - 1;
    let p = c.pos + v;
    if (p >= L) { p = p - L; flow = flow + 1; }
    if (v === 0) stopped = stopped + 1;
    vsum = vsum + v;
    next.set(i, { pos: p, vel: v, dist: c.dist + v });
  }
  cars = next;
  if (step % 300 === 0) {
    console.log("step " + step + ": mean speed x1000 " + Math.trunc(vsum * 1000 / N) + ", stopped " + stopped + ", flow " + flow);
  }
}
let chk = 0;
let total = 0;
for (let i = 0; i < N; i++) {
  const c = cars.get(i);
  total = total + c.dist;
  chk = chk * 7 + c.pos * 3 + c.vel;
  chk = chk % M;
}
console.log("total distance " + total + ", checksum " + chk);
