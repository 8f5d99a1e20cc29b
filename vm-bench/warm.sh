#!/usr/bin/env bash
# Each benchmark run RUNS times in one JVM, each run a new VM: how much of a whole-process time
# is execution, and how much the JVM's start and warm-up.
#
#   vm-bench/warm.sh [-n RUNS] [NAME...]        (default: 8 runs of every benchmark)
#
# The JVM gets the launcher's flags (read from ./gcvm's exec line, without its class-data
# archive). The first run pays for class loading and for C1 compiling the interpreter loop;
# the later ones only for what every new VM does again (compiling the guest's hot code, and
# C1 compiling that). Every run's output is checked against expected.txt. Compare the median with the whole-process
# times of run.sh (ours and the peers') and with an empty program's (about 0.05 s).
# The table, with the machine, the date and the commit, goes to results/warm-latest.txt and a
# dated copy results/warm-YYYY-MM-DD_HHMMSS.txt.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
# shellcheck source=lib.sh
. "$bench/lib.sh"
runs=8
if [ "${1:-}" = "-n" ]; then runs="$2"; shift 2; fi
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$bench"/programs/*/; do names+=("$(basename "$d")"); done
fi

echo "warm.sh: building vm-bench (mvn -Pbench -pl vm-bench -am package -DskipTests)" >&2
(cd "$root" && mvn -B -ntp -q -Pbench -pl vm-bench -am package -DskipTests)
jar="$bench/target/benchmarks.jar"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# results/ is this script's own output: a change there is not a change to what is measured
dirty=""; [ -n "$(git -C "$root" status --porcelain -- . ':!vm-bench/results' 2>/dev/null | head -1)" ] && dirty=" plus uncommitted changes"
stamp="$(date -u '+%Y-%m-%d_%H%M%S')"
mkdir -p "$bench/results"
out="$bench/results/warm-$stamp.txt"
{
  echo "gc-vm: each benchmark $runs times in one JVM (vm-bench/warm.sh)"
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "gc-vm: $commit$dirty; $(java -version 2>&1 | head -1)"
  echo
  for n in "${names[@]}"; do
    d="$bench/programs/$n"
    [ -d "$d" ] || { echo "warm.sh: no benchmark $n" >&2; exit 64; }
    in=/dev/null; [ -f "$d/input.txt" ] && in="$d/input.txt"
    mem="$(tr -d '[:space:]' < "$d/mem.txt")"
    echo "== $n (-mem $mem)"
    # -Xmx for two regions: the last run's may not have been collected when the next one starts
    flags="$(launcher_jvm_flags "$root" $((mem * 2)))" || exit 70
    read -ra jvm <<< "$flags" # split, not globbed (a flag has a '*')
    MALLOC_ARENA_MAX=2 java "${jvm[@]}" -cp "$jar" io.gcvm.bench.WarmRuns "$(prog_base "$d").mit" "$mem" "$runs" "$in" "$d/expected.txt"
  done
} | tee "$out"
cp "$out" "$bench/results/warm-latest.txt"
