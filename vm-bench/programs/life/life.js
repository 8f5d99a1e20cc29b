// A cellular automaton: see life.mit. Grid and rows are Maps indexed by integers (as
// MITScript records indexed by integers are).
"use strict";

const H = 64, W = 64, G = 200, M = 1000003;

const rng = { s: 4242 };
function rand() {
  const s = rng.s;
  const hi = Math.trunc(s / 127773);
  let t = 16807 * (s - hi * 127773) - 2836 * hi;
  if (t <= 0) t = t + 2147483647;
  rng.s = t;
  return t;
}

let grid = new Map();
for (let y = 0; y < H; y++) {
  const row = new Map();
  for (let x = 0; x < W; x++) row.set(x, rand() % 4 === 0 ? 1 : 0);
  grid.set(y, row);
}
grid.get(1).set(2, 1); grid.get(2).set(3, 1); grid.get(3).set(1, 1); grid.get(3).set(2, 1); grid.get(3).set(3, 1);
grid.get(1).set(1, 0); grid.get(1).set(3, 0); grid.get(2).set(1, 0); grid.get(2).set(2, 0);

function step(g) {
  const next = new Map();
  for (let y = 0; y < H; y++) {
    const up = g.get((y + H - 1) % H);
    const mid = g.get(y);
    const down = g.get((y + 1) % H);
    const row = new Map();
    for (let x = 0; x < W; x++) {
      const l = (x + W - 1) % W;
      const r = (x + 1) % W;
      const n = up.get(l) + up.get(x) + up.get(r) + mid.get(l) + mid.get(r) + down.get(l) + down.get(x) + down.get(r);
      if (n === 3) row.set(x, 1);
      else if (n === 2) row.set(x, mid.get(x));
      else row.set(x, 0);
    }
    next.set(y, row);
  }
  return next;
}

function population(g) {
  let p = 0;
  for (let y = 0; y < H; y++) {
    const row = g.get(y);
    for (let x = 0; x < W; x++) p = p + row.get(x);
  }
  return p;
}

console.log("generation 0: population " + population(grid));
for (let gen = 1; gen <= G; gen++) {
  grid = step(grid);
  if (gen % 25 === 0) console.log("generation " + gen + ": population " + population(grid));
}
let chk = 0;
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    chk = chk * 3 + grid.get(y).get(x) * (y * W + x + 1);
    chk = chk % M;
  }
}
console.log("checksum " + chk);
