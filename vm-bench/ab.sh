#!/usr/bin/env bash
# A/B: is VM build B faster than VM build A? Two ways to tell, for changes too small for run.sh.
#
#   vm-bench/ab.sh [-n RUNS] [-b NAME,NAME] A B              wall time, runs alternating
#   vm-bench/ab.sh --callgrind [-b NAME,NAME] A B            instructions and mispredictions
#
# A and B are each a jar, a git revision (built in a temporary worktree), or "." (this
# working tree, built with Maven). Benchmarks are vm-bench/programs/NAME, run at their mem.txt
# with their input; every run's output is checked against expected.txt.
#
# Wall time (default): RUNS rounds (default 7) per benchmark, A first in odd rounds and B
# first in even ones (the first JVM of a round came out up to ~15 % faster here); prints the
# median and the minimum of each, and B's median / A's. On this shared 2-core machine a
# difference under ~5 % is within the noise of a few runs.
#
# --callgrind: each benchmark once per build under valgrind's callgrind with its branch
# simulator, the JVM compiling every method before it first runs (-Xcomp -Xbatch), so that
# the interpreter's code is the same on every run whatever the machine is doing; an empty
# program's counts are subtracted. Prints instructions (Ir), conditional branches (Bc) and
# their simulated mispredictions (Bcm), and B / A of each: repeatable to ~0.1 %, and blind to
# cache misses. Some 50x slower than a plain run: a benchmark may name a smaller input in
# input-callgrind.txt. Under valgrind the JVM dies on some benchmarks (SIGSEGV in compiled
# code, old and new builds alike; seen on fib, life, cars, kmedoids, and more often with the
# branch simulator): such a run is done again without the simulator (instructions only), and
# a benchmark that dies again is reported and skipped (AB_DEBUG=1 shows the JVM's last words).
#
# AB_JAVA_A, AB_JAVA_B: more JVM flags for build A or B only (to weigh a JVM option, give the
# same jar twice: AB_JAVA_B=-XX:C1MaxInlineSize=60 vm-bench/ab.sh --callgrind J J).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/lib.sh"
runs=7; names=""; callgrind=0; builds=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift ;;
    -b) names="$2"; shift ;;
    --callgrind) callgrind=1 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) builds+=("$1") ;;
  esac
  shift
done
[ ${#builds[@]} -eq 2 ] || { sed -n '2,26p' "$0" >&2; exit 64; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"; git -C "$root" worktree prune' EXIT

build() { # checkout: packages its vm-lib (offline first), the log shown only on failure
  mvn -B -ntp -q -o -f "$1/vm-lib/pom.xml" package -DskipTests > "$tmp/build.log" 2>&1 \
    || mvn -B -ntp -q -f "$1/vm-lib/pom.xml" package -DskipTests > "$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; exit 1; }
}

jar_of() { # build -> path of its jar, built if need be
  local b="$1" out="$tmp/$2.jar"
  if [ -f "$b" ]; then cp "$b" "$out"
  elif [ "$b" = . ]; then
    build "$root"
    cp "$root"/vm-lib/target/vm-lib-*-SNAPSHOT.jar "$out"
  else
    git -C "$root" worktree add -q --detach "$tmp/tree-$2" "$b" >&2
    build "$tmp/tree-$2"
    cp "$tmp/tree-$2"/vm-lib/target/vm-lib-*-SNAPSHOT.jar "$out"
    git -C "$root" worktree remove --force "$tmp/tree-$2"
  fi
  echo "$out"
}
jar_a="$(jar_of "${builds[0]}" a)"; jar_b="$(jar_of "${builds[1]}" b)"

if [ -z "$names" ]; then
  names="$(for d in "$bench"/programs/*/; do basename "$d"; done | paste -sd, -)"
fi
IFS=, read -r -a list <<< "$names"
echo 'x = 1;' > "$tmp/empty.mit"

input_of() { # dir [callgrind] -> input file
  local d="$1"
  if [ "${2:-}" = callgrind ] && [ -f "$d/input-callgrind.txt" ]; then echo "$d/input-callgrind.txt"
  elif [ -f "$d/input.txt" ]; then echo "$d/input.txt"
  else echo /dev/null; fi
}

launcher_jvm_flags "$root" 1 > /dev/null || exit 70 # the launcher's flags are there to be read

flags() { # mem side -> the launcher's JVM flags (lib.sh), then the side's own ($AB_JAVA_A or $AB_JAVA_B)
  local own=""; case "$2" in a*) own="${AB_JAVA_A:-}" ;; b*) own="${AB_JAVA_B:-}" ;; esac
  echo "$(launcher_jvm_flags "$root" "$1") $own"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
minimum() { sort -n | head -1; }

if [ $callgrind -eq 0 ]; then
  printf '%-16s %22s %22s %8s\n' benchmark "A median (min) s" "B median (min) s" "B / A"
  for name in "${list[@]}"; do
    d="$bench/programs/$name"; mem="$(cat "$d/mem.txt")"; prog="$(prog_base "$d").mit"; in="$(input_of "$d")"
    : > "$tmp/a.t"; : > "$tmp/b.t"
    for ((i = 0; i < runs; i++)); do
      order="a b"; [ $((i % 2)) -eq 1 ] && order="b a"
      for w in $order; do
        j="$tmp/$w.jar"
        # shellcheck disable=SC2046
        /usr/bin/time -o "$tmp/time" -f %e java $(flags "$mem" "$w") -cp "$j" io.gcvm.cli.Main -mem "$mem" "$prog" < "$in" > "$tmp/out" 2>/dev/null \
          || { echo "ab.sh: $name failed on build $w" >&2; exit 1; }
        cmp -s "$tmp/out" "$d/expected.txt" || { echo "ab.sh: $name printed something else on build $w" >&2; exit 1; }
        cat "$tmp/time" >> "$tmp/$w.t"
      done
    done
    ma="$(median < "$tmp/a.t")"; mb="$(median < "$tmp/b.t")"
    printf '%-16s %14s (%5s) %14s (%5s) %8s\n' "$name" "$ma" "$(minimum < "$tmp/a.t")" "$mb" "$(minimum < "$tmp/b.t")" \
      "$(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.3f", b / a}')"
  done
  exit 0
fi

command -v valgrind >/dev/null || { echo "ab.sh: --callgrind needs valgrind" >&2; exit 69; }
counts() { # jar prog mem input tag -> "Ir Bc Bcm" ("Ir - -" without the branch simulator), or ""
  count_once yes "$@" || count_once no "$@" || true
}
count_once() { # branch-sim jar prog mem input tag
  local sim="$1"; shift
  local cg="$tmp/cg.$5"
  # shellcheck disable=SC2046
  if valgrind --tool=callgrind --branch-sim="$sim" --callgrind-out-file="$cg" --smc-check=all \
       java $(flags "$3" "$5") -Xcomp -Xbatch -XX:+UnlockDiagnosticVMOptions -XX:-CreateCoredumpOnCrash -XX:ErrorFile="$tmp/hs_err_%p.log" \
       -cp "$1" io.gcvm.cli.Main -mem "$3" "$2" < "$4" > "$tmp/out.$5" 2>"$tmp/err.$5"; then
    awk '/^events:/ {for (i = 2; i <= NF; i++) ev[i] = $i} /^summary:/ {for (i = 2; i <= NF; i++) v[ev[i]] = $i}
         END {print v["Ir"], (v["Bc"] == "" ? "-" : v["Bc"]), (v["Bcm"] == "" ? "-" : v["Bcm"])}' "$cg"
  else
    [ -n "${AB_DEBUG:-}" ] && grep -h -m3 'SIG\|Problematic\|^J ' "$tmp/out.$5" "$tmp/err.$5" >&2
    return 1
  fi
}
# the empty program's counts, per build, subtracted from every benchmark's
counts "$jar_a" "$tmp/empty.mit" 1 /dev/null ea > "$tmp/ea" & counts "$jar_b" "$tmp/empty.mit" 1 /dev/null eb > "$tmp/eb" & wait
base_a="$(cat "$tmp/ea")"; base_b="$(cat "$tmp/eb")"
[ -n "$base_a" ] && [ -n "$base_b" ] || { echo "ab.sh: the empty program failed under valgrind" >&2; exit 70; }
printf '%-16s %12s %12s %7s %10s %10s %7s %9s %9s %7s\n' benchmark "A Ir (M)" "B Ir (M)" "B / A" "A Bc (M)" "B Bc (M)" "B / A" "A Bcm (M)" "B Bcm (M)" "B / A"
for name in "${list[@]}"; do
  d="$bench/programs/$name"; mem="$(cat "$d/mem.txt")"; prog="$(prog_base "$d").mit"; in="$(input_of "$d" callgrind)"
  counts "$jar_a" "$prog" "$mem" "$in" a > "$tmp/ca" & counts "$jar_b" "$prog" "$mem" "$in" b > "$tmp/cb" & wait
  a="$(cat "$tmp/ca")"; b="$(cat "$tmp/cb")"
  if [ -z "$a" ] || [ -z "$b" ]; then echo "$name: the JVM died under valgrind (skipped)"; continue; fi
  if [ ! -f "$d/input-callgrind.txt" ]; then
    cmp -s "$tmp/out.a" "$d/expected.txt" && cmp -s "$tmp/out.b" "$d/expected.txt" \
      || { echo "ab.sh: $name printed something else under valgrind" >&2; exit 1; }
  fi
  awk -v name="$name" -v a="$a" -v b="$b" -v ea="$base_a" -v eb="$base_b" 'BEGIN {
    split(a, A); split(b, B); split(ea, EA); split(eb, EB)
    printf "%-16s", name
    for (k = 1; k <= 3; k++) {
      if (A[k] == "-" || B[k] == "-" || EA[k] == "-" || EB[k] == "-") { printf (k == 3 ? " %9s %9s %7s" : " %10s %10s %7s"), "-", "-", "-"; continue }
      x = (A[k] - EA[k]) / 1e6; y = (B[k] - EB[k]) / 1e6
      printf (k == 3 ? " %9.2f %9.2f %7.3f" : (k == 1 ? " %12.1f %12.1f %7.3f" : " %10.1f %10.1f %7.3f")), x, y, (x > 0 ? y / x : 0)
    }
    printf "\n" }'
done
