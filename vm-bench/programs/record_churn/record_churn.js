// Record churn: see record_churn.mit. Records are object literals; the window is a Map keyed
// by int (as a MITScript record indexed by integers is).
"use strict";

const W = 20000;
const N = 1000000;
const M = 1000003;
const window = new Map();
let sum = 0;
let evicted = 0;
for (let i = 0; i < N; i++) {
  const r = { id: i, val: i * 7 % 1000, next: null };
  if (i % 3 === 0) r.next = { id: i + 1, val: 1, next: { id: i + 2, val: 2, next: null } };
  const slot = i % W;
  const old = window.get(slot);
  if (old !== undefined) {
    sum = sum + old.val + old.id % 100;
    if (old.next !== null) sum = sum + old.next.val + old.next.next.val;
    sum = sum % M;
    evicted = evicted + 1;
  }
  window.set(slot, r);
}
let live = 0;
let chains = 0;
for (let j = 0; j < W; j++) {
  const r = window.get(j);
  live = live + r.val;
  if (r.next !== null) chains = chains + 1;
}
console.log("evicted " + evicted + ", checksum " + sum);
console.log("window: sum of values " + live + ", chains " + chains);
