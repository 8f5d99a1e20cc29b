#!/usr/bin/env bash
# The smallest -mem (whole MB) at which each program still runs correctly, with the full
# collector (compaction and liveness-precise roots) and with a plain mark-sweep (both off), and
# the live peak that bounds it from below.
#
#   tools/min-limits.sh [DIR|FILE.mit ...]      (default: stress-programs/programs)
#
# For each program: measures the live peak with a collection every 32 KB allocated
# (--gc-stress-interval 32768: exact to within 32 KB), bisects -mem in [1, 2 x @mem] for each
# configuration (a run passes when it exits 0 and prints prog.mit.out exactly), and prints a
# Markdown table with 1.25 x live peak rounded up to whole MB.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gcvm="$here/gcvm"
source "$here/tools/lib.sh"
collect_programs "$@"
"$gcvm" --help >/dev/null 2>&1
out=$(mktemp); trap 'rm -f "$out"' EXIT

passes() { # mem program flags...
  local mem=$1 p=$2; shift 2
  local in; in=$(stdin_of "$p")
  "$gcvm" -mem "$mem" "$@" "$p" < "$in" > "$out" 2>/dev/null && cmp -s "$out" "$p.out"
}

smallest() { # top program flags... -> smallest passing MB in [1, top], or ">top"
  local top=$1 p=$2; shift 2
  local lo=1 hi=$top
  passes $hi "$p" "$@" || { echo ">$top"; return; }
  while [ $lo -lt $hi ]; do
    local mid=$(((lo + hi) / 2))
    if passes $mid "$p" "$@"; then hi=$mid; else lo=$((mid + 1)); fi
  done
  echo $lo
}

echo "| program | live peak (KB) | 1.25 x live peak (MB) | smallest -mem, plain mark-sweep | smallest -mem, compacting + liveness |"
echo "|---|---:|---:|---:|---:|"
for p in "${programs[@]}"; do
  n=$(mem_directive "$p")
  in=$(stdin_of "$p")
  top=$((2 * ${n:-32}))
  peak=$("$gcvm" -mem "$top" --gc-stress-interval 32768 --stats "$p" < "$in" 2>&1 >/dev/null | sed -n 's/^peak live: *\([0-9]*\).*/\1/p')
  tight=$(( (peak * 5 / 4 + 1048575) / 1048576 ))
  plain=$(smallest "$top" "$p" --no-compaction --no-liveness)
  full=$(smallest "$top" "$p")
  printf '| %s | %d | %d | %s | %s |\n' "$(basename "$p" .mit)" $((peak / 1024)) "$tight" "$plain" "$full"
done
