#!/usr/bin/env bash
# JMH benchmarks of the interpreter loop, the allocator's fast paths and the collector.
#
#   vm-bench/jmh.sh [JMH arguments, e.g. a benchmark regex like Collector]
#
# Builds the vm-bench module (profile bench, with vm-lib) and runs its uber-jar with short
# settings: JMH_OPTS (default "-wi 3 -i 5 -f 1"), forks running with the launcher's JVM flags
# (JMH_JVM_ARGS, default "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m", as ./gcvm runs
# the VM). The result table, with the machine and the date, goes to results/jmh-latest.txt and
# a dated copy results/jmh-YYYY-MM-DD_HHMMSS.txt; JMH's full log to target/jmh-log.txt.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
opts="${JMH_OPTS:--wi 3 -i 5 -f 1}"
jvm_args="${JMH_JVM_ARGS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m}"

echo "jmh.sh: building vm-bench (mvn -Pbench -pl vm-bench -am package -DskipTests)" >&2
(cd "$root" && mvn -B -ntp -q -Pbench -pl vm-bench -am package -DskipTests)
jar="$bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "jmh.sh: $jar was not built" >&2; exit 1; }

mkdir -p "$bench/results"
result="$bench/target/jmh-result.txt"
log="$bench/target/jmh-log.txt"
date_iso="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
stamp="$(date -u '+%Y-%m-%d_%H%M%S')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -jar "$jar" $opts -jvmArgs "$jvm_args" -rf text -rff "$result" "$@" 2>&1 | tee "$log"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=""; [ -n "$(git -C "$root" status --porcelain 2>/dev/null | head -1)" ] && dirty=" plus uncommitted changes"
{
  echo "gc-vm JMH benchmarks"
  echo "date: $date_iso"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1), $(awk '/^MemTotal/ { printf "%.1f GiB memory", $2 / 1048576 }' /proc/meminfo); load average at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "gc-vm: $commit$dirty; $(java -version 2>&1 | head -1)"
  echo "settings: $opts -jvmArgs \"$jvm_args\"${*:+ $*}"
  echo
  cat "$result"
} > "$bench/results/jmh-latest.txt"
cp "$bench/results/jmh-latest.txt" "$bench/results/jmh-$stamp.txt"
echo "jmh.sh: written to $bench/results/jmh-latest.txt" >&2
