// String building: see string_build.mit.
"use strict";

const ring = new Map();
let equal = 0;
for (let i = 0; i < 400000; i++) {
  const a = "x" + (i % 500) + "y" + (i % 3) + "-" + i;
  const j = i * 7;
  const b = "x" + (j % 500) + "y" + (i % 3) + "-" + i;
  if (a === b) equal = equal + 1;
  ring.set(i % 64, a);
}
console.log("part 1: " + equal + " equal; ring[0] = " + ring.get(0) + ", ring[63] = " + ring.get(63));

let prev = "";
let same = 0;
let round = 0;
while (round < 50) {
  let s = "";
  for (let k = 0; k < 2000; k++) s = s + (k + Math.trunc(round / 10)) + ",";
  if (s === prev) same = same + 1;
  prev = s;
  round = round + 1;
}
console.log("part 2: " + same + " rounds equal to the previous one");
let small = "";
for (let k = 0; k < 40; k++) small = small + (k + Math.trunc(round / 10)) + ",";
console.log("part 2: " + small);

const pieces = new Map();
let n = 4096;
for (let k = 0; k < n; k++) pieces.set(k, "<" + k + ">");
while (n > 1) {
  const h = Math.trunc(n / 2);
  for (let k = 0; k < h; k++) pieces.set(k, pieces.get(2 * k) + pieces.get(2 * k + 1));
  n = h;
}
let check = "";
for (let k = 0; k < 4096; k++) check = check + "<" + k + ">";
console.log("part 3: balanced == sequential: " + (pieces.get(0) === check));
