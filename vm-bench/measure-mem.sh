#!/usr/bin/env bash
# How each benchmark's -mem (programs/NAME/mem.txt) was chosen: about twice its live peak.
#
#   vm-bench/measure-mem.sh [--write] [--max MB] [NAME ...]     (default: every benchmark)
#
# For each benchmark:
#   1. runs it once at --max MB (default 90) with --stats: "peak live" there is a lower bound
#      of the true live peak (the heap only measures what is live at collections, and at a
#      roomy limit they are few);
#   2. bisects the smallest whole -mem S at which it still passes (exit 0, output equal to
#      expected.txt), starting from that lower bound;
#   3. runs it again at S with --stats: that close to the limit the collector runs very
#      often, so "peak live" there is close to the true peak P;
#   4. recommends max(S, ceil(2 x P)) MB.
# It prints a Markdown table; --write also stores the recommendation in programs/NAME/mem.txt.
# The figures need expected.txt (make-expected.sh) and, for word_freq, its input file.
# (--gc-stress would give the exact peak, but collects at every allocation: hours here.)
set -uo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/lib.sh"
gcvm="$root/gcvm"
write=0
max=90
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=1 ;;
    --max) max="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) names+=("$1") ;;
  esac
  shift
done
if [ ${#names[@]} -eq 0 ]; then
  for d in "$bench"/programs/*/; do n="$(basename "$d")"; [ -f "$(prog_base "$d").mit" ] && names+=("$n"); done
fi
"$gcvm" --help >/dev/null 2>&1 || { "$gcvm" --help >/dev/null; exit 70; }
out="$(mktemp)"; err="$(mktemp)"; trap 'rm -f "$out" "$err"' EXIT

input_of() { # name -> input file
  local d="$bench/programs/$1"
  if [ -f "$d/gen_input.py" ] && [ ! -f "$d/input.txt" ]; then python3 "$d/gen_input.py" >&2; fi
  if [ -f "$d/input.txt" ]; then echo "$d/input.txt"; else echo /dev/null; fi
}

passes() { # name mem
  local d="$bench/programs/$1"
  "$gcvm" -mem "$2" "$(prog_base "$d").mit" < "$(input_of "$1")" > "$out" 2>/dev/null && cmp -s "$out" "$d/expected.txt"
}

peak_live() { # name mem -> bytes
  local d="$bench/programs/$1"
  "$gcvm" -mem "$2" --stats "$(prog_base "$d").mit" < "$(input_of "$1")" > /dev/null 2> "$err"
  sed -n 's/^peak live: *\([0-9]*\).*/\1/p' "$err"
}

mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }

echo "| benchmark | peak live at -mem $max (MB) | smallest passing -mem S | peak live at S (MB) | chosen -mem = max(S, ceil(2 x peak)) |"
echo "|---|---:|---:|---:|---:|"
for n in "${names[@]}"; do
  if ! passes "$n" "$max"; then
    echo "| $n | - | does not pass at $max | - | - |"
    continue
  fi
  p0=$(peak_live "$n" "$max")
  lo=$(( p0 / 1048576 )); [ "$lo" -lt 1 ] && lo=1
  hi=$max
  while [ "$lo" -lt "$hi" ]; do
    mid=$(( (lo + hi) / 2 ))
    if passes "$n" "$mid"; then hi=$mid; else lo=$((mid + 1)); fi
  done
  s=$lo
  p=$(peak_live "$n" "$s")
  [ "${p:-0}" -lt "${p0:-0}" ] && p=$p0
  twice=$(( (2 * p + 1048575) / 1048576 ))
  chosen=$(( twice > s ? twice : s ))
  echo "| $n | $(mib "$p0") | $s | $(mib "$p") | $chosen |"
  [ $write -eq 1 ] && echo "$chosen" > "$bench/programs/$n/mem.txt"
done
