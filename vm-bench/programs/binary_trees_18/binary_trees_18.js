// binary-trees: see binary_trees_18.mit. Nodes are object literals {left, right}; the maximum
// depth is read from standard input.
"use strict";
const lines = require("fs").readFileSync(0, "utf8").split("\n");

function bottomUp(depth) {
  if (depth === 0) return { left: null, right: null };
  const d = depth - 1;
  return { left: bottomUp(d), right: bottomUp(d) };
}

function check(t) {
  if (t.left === null) return 1;
  return 1 + check(t.left) + check(t.right);
}

function pow2(e) {
  let p = 1;
  while (e > 0) { p = p * 2; e = e - 1; }
  return p;
}

const minDepth = 4;
let maxDepth = parseInt(lines[0], 10);
if (maxDepth < minDepth + 2) maxDepth = minDepth + 2;
const stretch = maxDepth + 1;
console.log("stretch tree of depth " + stretch + "\t check: " + check(bottomUp(stretch)));

const longLived = bottomUp(maxDepth);

for (let d = minDepth; d <= maxDepth; d += 2) {
  const iters = pow2(maxDepth - d + minDepth);
  let chk = 0;
  for (let i = 0; i < iters; i++) chk = chk + check(bottomUp(d));
  console.log(iters + "\t trees of depth " + d + "\t check: " + chk);
}
console.log("long lived tree of depth " + maxDepth + "\t check: " + check(longLived));
