// k-medoids clustering: see kmedoids.mit. Points and tables are Maps indexed by integers (as
// MITScript records indexed by integers are).
"use strict";

const N = 100;

const rng = { s: 777 };
function rand() {
  const s = rng.s;
  const hi = Math.trunc(s / 127773);
  let t = 16807 * (s - hi * 127773) - 2836 * hi;
  if (t <= 0) t = t + 2147483647;
  rng.s = t;
  return t;
}

function totalCost(dist, med, k) {
  let c = 0;
  for (let i = 0; i < N; i++) {
    const row = dist.get(i);
    let best = row.get(med.get(0));
    for (let j = 1; j < k; j++) {
      const d = row.get(med.get(j));
      if (d < best) best = d;
    }
    c = c + best;
  }
  return c;
}

function pam(dist, k) {
  const med = new Map();
  const isMed = new Map();
  for (let i = 0; i < N; i++) isMed.set(i, 0);
  for (let j = 0; j < k; j++) {
    med.set(j, j * Math.trunc(N / k));
    isMed.set(j * Math.trunc(N / k), 1);
  }
  let cost = totalCost(dist, med, k);
  let swaps = 0;
  for (;;) {
    let bestCost = cost, bestJ = -1, bestO = -1;
    for (let j = 0; j < k; j++) {
      const old = med.get(j);
      for (let o = 0; o < N; o++) {
        if (isMed.get(o) === 0) {
          med.set(j, o);
          const c = totalCost(dist, med, k);
          if (c < bestCost) { bestCost = c; bestJ = j; bestO = o; }
        }
      }
      med.set(j, old);
    }
    if (bestJ < 0) break;
    isMed.set(med.get(bestJ), 0);
    med.set(bestJ, bestO);
    isMed.set(bestO, 1);
    cost = bestCost;
    swaps = swaps + 1;
  }
  return { med, cost, swaps };
}

const cx = new Map([[0, 100], [1, 400], [2, 250], [3, 700], [4, 550], [5, 850]]);
const cy = new Map([[0, 100], [1, 150], [2, 500], [3, 300], [4, 750], [5, 600]]);
const px = new Map(), py = new Map();
for (let i = 0; i < N; i++) {
  const c = rand() % 6;
  px.set(i, cx.get(c) + rand() % 121 - 60);
  py.set(i, cy.get(c) + rand() % 121 - 60);
}
const dist = new Map();
for (let i = 0; i < N; i++) {
  const row = new Map();
  for (let j = 0; j < N; j++) {
    let dx = px.get(i) - px.get(j);
    if (dx < 0) dx = -dx;
    let dy = py.get(i) - py.get(j);
    if (dy < 0) dy = -dy;
    row.set(j, dx + dy);
  }
  dist.set(i, row);
}

for (let k = 2; k <= 6; k++) {
  const r = pam(dist, k);
  const med = r.med;
  // medoids in increasing index order, and the size of each one's cluster
  const size = new Map();
  for (let j = 0; j < k; j++) size.set(j, 0);
  for (let i = 0; i < N; i++) {
    const row = dist.get(i);
    let bj = 0;
    for (let j = 1; j < k; j++) if (row.get(med.get(j)) < row.get(med.get(bj))) bj = j;
    size.set(bj, size.get(bj) + 1);
  }
  let line = "";
  for (let m = 0; m < N; m++) {
    for (let j = 0; j < k; j++) {
      if (med.get(j) === m) line = line + " (" + px.get(m) + "," + py.get(m) + ")x" + size.get(j);
    }
  }
  console.log("k=" + k + ": cost " + r.cost + " after " + r.swaps + " swaps;" + line);
}
