#!/usr/bin/env bash
# The outside meter: peak resident memory of the whole VM process, as the course graded -mem N.
#
#   tools/rss-meter.sh [DIR|FILE.mit ...]      (default: stress-programs/programs)
#
# For each program: runs `./gcvm -mem N prog.mit < prog.mit.in` under /usr/bin/time -v, where N
# is the program's `// @mem N` directive (or $MEM, default 16), and compares its peak RSS with
# the baseline: the same launcher running an empty program at -mem 1, i.e. what the JVM costs
# before any guest memory exists (the median of three runs). The check is
#   peak RSS - baseline <= N + 5 MB.
# It also checks the output against prog.mit.out when present. Prints a table; exits 1 if any
# program fails the meter or its output, 2 if the tools are missing.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gcvm="$here/gcvm"
[ -x /usr/bin/time ] || { echo "rss-meter: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

source "$here/tools/lib.sh"
collect_programs "$@"
[ ${#programs[@]} -gt 0 ] || { echo "rss-meter: no programs found in $*" >&2; exit 2; }

"$gcvm" --help >/dev/null 2>&1   # build on first use, outside the measurements
empty=$(mktemp --suffix=.mit)
trap 'rm -f "$empty" "$out"' EXIT
out=$(mktemp)

peak_kb() { # command... -> prints "peakKB exitStatus"
  local t; t=$(mktemp)
  /usr/bin/time -f "%M" -o "$t" "$@" > "$out" 2>/dev/null
  local code=$?
  echo "$(tail -1 "$t") $code"
  rm -f "$t"
}

# the baseline: the median of three runs (one run's peak varies by up to 0.8 MB)
bases=()
for _ in 1 2 3; do read -r b _ < <(peak_kb "$gcvm" -mem 1 "$empty"); bases+=("$b"); done
base=$(printf '%s\n' "${bases[@]}" | sort -n | sed -n 2p)
printf '%s\n' "machine: $(nproc) cores, $(java -version 2>&1 | head -1); date: $(date -u +%F)"
printf 'baseline (empty program, -mem 1, median of %s KB): %d KB\n\n' "${bases[*]}" "$base"
printf '%-34s %5s %10s %10s %10s %6s %s\n' program N 'peak KB' 'over KB' 'allowed' meter output
fail=0
for p in "${programs[@]}"; do
  n=$(mem_directive "$p")
  n=${n:-${MEM:-16}}
  in=$(stdin_of "$p")
  read -r peak code < <(peak_kb "$gcvm" -mem "$n" "$p" < "$in")
  over=$((peak - base)); allowed=$(((n + 5) * 1024))
  meter=ok; [ "$over" -le "$allowed" ] || { meter=OVER; fail=1; }
  verdict="exit $code"
  if [ -f "$p.out" ]; then
    if [ "$code" -eq 0 ] && cmp -s "$out" "$p.out"; then verdict=ok; else verdict="WRONG (exit $code)"; fail=1; fi
  fi
  printf '%-34s %5s %10d %10d %10d %6s %s\n' "$(basename "$p")" "$n" "$peak" "$over" "$allowed" "$meter" "$verdict"
done
exit $fail
