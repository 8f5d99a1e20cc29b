// Text processing from standard input: see word_freq.mit. Reads all of standard input at
// once (node has no synchronous line reader); the tables are Maps.
"use strict";
const lines = require("fs").readFileSync(0, "latin1").split("\n");
let ln = 0;

const M = 1000003;
const n = parseInt(lines[ln++], 10);
const counts = new Map();
const last = new Map();
const order = new Map();
let nd = 0;
let gaps = 0;
let repeats = 0;
let prev = "";
for (let i = 0; i < n; i++) {
  const w = lines[ln++];
  const c = counts.get(w);
  if (c === undefined) {
    counts.set(w, 1);
    order.set(nd, w);
    nd = nd + 1;
  } else {
    counts.set(w, c + 1);
    gaps = gaps + i - last.get(w);
    gaps = gaps % M;
  }
  last.set(w, i);
  if (w === prev) repeats = repeats + 1;
  prev = w;
}
const marker = lines[ln++];
console.log("read " + n + " words, " + nd + " distinct, " + repeats + " repeated neighbours, gap sum " + gaps +
  ", end marker " + marker);

const chosen = new Map();
for (let t = 0; t < 15; t++) {
  let best = null;
  let bestc = 0;
  for (let d = 0; d < nd; d++) {
    const w = order.get(d);
    const c = counts.get(w);
    if (c > bestc) {
      if (!chosen.has(w)) { best = w; bestc = c; }
    }
  }
  chosen.set(best, true);
  console.log((t + 1) + ". " + best + " " + bestc);
}

let once = 0;
let chk = 0;
for (let d = 0; d < nd; d++) {
  const c = counts.get(order.get(d));
  if (c === 1) once = once + 1;
  chk = chk * 31 + c;
  chk = chk % M;
}
console.log(once + " words seen once, checksum " + chk);
