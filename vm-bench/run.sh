#!/usr/bin/env bash
# Whole-process comparison of gc-vm with the runtimes people would use instead.
#
#   vm-bench/run.sh [-n RUNS] [-b NAME,NAME...] [-r RUNTIME,RUNTIME...] [--timeout S] [--no-install]
#
#   -n RUNS        runs of each benchmark on each runtime (default 5, or $RUNS)
#   -b NAMES       only these benchmarks (directories under programs/)
#   -r RUNTIMES    only these runtimes, of: gcvm python3 lua5.4 luajit node (gcvm is always run:
#                  the ratios are to it)
#   --timeout S    stop a single run after S seconds (default 900); it counts as failed
#   --no-install   do not install missing runtimes with apt-get
#
# For every benchmark and runtime it runs the program RUNS times (rounds interleave the
# runtimes, so a change in the machine's load hits all of them alike) under
# /usr/bin/time -f "%e %M", and reports the median wall time, the median peak RSS, the ratio of
# the runtime's median time to ours, and whether every run printed exactly expected.txt and
# exited 0. Ours is `gcvm -mem N` with N from programs/NAME/mem.txt. The table, with the
# machine and the date, goes to standard output, to results/latest.md, and to a new dated file
# results/YYYY-MM-DD_HHMMSS.md.
set -uo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/lib.sh"
gcvm="$root/gcvm"

runs="${RUNS:-5}"
only_benchmarks=""
only_runtimes=""
timeout_s=900
install=1
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift ;;
    -b) only_benchmarks="$2"; shift ;;
    -r) only_runtimes="$2"; shift ;;
    --timeout) timeout_s="$2"; shift ;;
    --no-install) install=0 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
  shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: -n needs a positive number" >&2; exit 64; }

note() { echo "run.sh: $*" >&2; notes+=("$*"); }
notes=()

# ------------------------------------------------------------------ peer runtimes

apt_updated=0
can_install() {
  [ $install -eq 1 ] && command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }
}
apt_install() { # package
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if [ $apt_updated -eq 0 ]; then
    echo "run.sh: apt-get update" >&2
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    apt_updated=1
  fi
  echo "run.sh: apt-get install -y $1" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >/dev/null 2>&1
}
ensure() { # command package -> 0 when the command is there (installing it if need be)
  command -v "$1" >/dev/null && return 0
  if can_install; then apt_install "$2" && command -v "$1" >/dev/null && return 0; fi
  return 1
}

ensure /usr/bin/time time || { echo "run.sh: /usr/bin/time is missing and could not be installed (apt-get install time)" >&2; exit 69; }
ensure timeout coreutils || { echo "run.sh: timeout (coreutils) is missing" >&2; exit 69; }

wanted() { # runtime
  [ "$1" = gcvm ] && return 0
  [ -z "$only_runtimes" ] && return 0
  [[ ",$only_runtimes," == *",$1,"* ]]
}

declare -A cmd label
runtimes=(gcvm)
label[gcvm]="gc-vm (ours)"
if wanted python3; then
  if ensure python3 python3; then
    runtimes+=(python3); cmd[python3]="python3"
    label[python3]="$(python3 -c 'import platform; print(platform.python_implementation(), platform.python_version())' 2>/dev/null || echo python3)"
  else note "python3 is missing and could not be installed: skipped"; fi
fi
if wanted lua5.4; then
  lua54=""
  if command -v lua5.4 >/dev/null; then lua54=lua5.4
  elif command -v lua >/dev/null && lua -v 2>&1 | grep -q 'Lua 5\.4'; then lua54=lua
  elif ensure lua5.4 lua5.4; then lua54=lua5.4; fi
  if [ -n "$lua54" ]; then
    runtimes+=(lua5.4); cmd[lua5.4]="$lua54"
    label[lua5.4]="$($lua54 -v 2>&1 | awk '{print $1, $2; exit}')"
  else note "Lua 5.4 is missing and could not be installed: skipped"; fi
fi
if wanted luajit; then
  if ensure luajit luajit; then
    runtimes+=(luajit); cmd[luajit]="luajit"
    label[luajit]="$(luajit -v 2>&1 | awk '{print $1, $2; exit}')"
  else note "LuaJIT is missing and could not be installed: skipped"; fi
fi
if wanted node; then
  nodebin=""
  if command -v node >/dev/null; then nodebin=node
  elif command -v nodejs >/dev/null; then nodebin=nodejs
  elif ensure node nodejs; then nodebin=node
  elif command -v nodejs >/dev/null; then nodebin=nodejs; fi
  if [ -n "$nodebin" ]; then
    runtimes+=(node); cmd[node]="$nodebin"
    label[node]="node $($nodebin --version 2>/dev/null)"
  else note "node is missing and could not be installed: skipped"; fi
fi
ext_of() { case "$1" in gcvm) echo mit ;; python3) echo py ;; lua5.4|luajit) echo lua ;; node) echo js ;; esac; }

# ------------------------------------------------------------------ our VM, built outside the timings

# (gcvm rebuilds vm-lib when its sources are newer than the jar; --help prints on stderr)
if ! "$gcvm" --help >/dev/null 2>"${TMPDIR:-/tmp}/gcvm-help.$$"; then
  cat "${TMPDIR:-/tmp}/gcvm-help.$$" >&2; rm -f "${TMPDIR:-/tmp}/gcvm-help.$$"
  echo "run.sh: $gcvm does not start" >&2; exit 70
fi
rm -f "${TMPDIR:-/tmp}/gcvm-help.$$"
java_version="$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
label[gcvm]="gc-vm (ours)"

# ------------------------------------------------------------------ benchmarks

order=(binary_trees_16 binary_trees_18 record_churn string_build closures fib word_freq life kmedoids bignum cars)
names=()
for n in "${order[@]}"; do [ -f "$(prog_base "$bench/programs/$n").mit" ] && names+=("$n"); done
for d in "$bench"/programs/*/; do
  n="$(basename "$d")"
  [ -f "$(prog_base "$d").mit" ] || continue
  [[ " ${names[*]} " == *" $n "* ]] || names+=("$n")
done
if [ -n "$only_benchmarks" ]; then
  sel=()
  for n in "${names[@]}"; do [[ ",$only_benchmarks," == *",$n,"* ]] && sel+=("$n"); done
  names=("${sel[@]}")
fi
[ ${#names[@]} -gt 0 ] || { echo "run.sh: no benchmarks selected" >&2; exit 64; }

declare -A input mem
ready=()
for n in "${names[@]}"; do
  d="$bench/programs/$n"
  if [ -f "$d/gen_input.py" ] && [ ! -f "$d/input.txt" ]; then
    echo "run.sh: generating $n/input.txt" >&2
    python3 "$d/gen_input.py" || { note "$n: could not generate input.txt: skipped"; continue; }
  fi
  input[$n]=/dev/null; [ -f "$d/input.txt" ] && input[$n]="$d/input.txt"
  [ -f "$d/expected.txt" ] || { note "$n: no expected.txt: skipped"; continue; }
  m="$(tr -dc '0-9' < "$d/mem.txt" 2>/dev/null)"
  [ -n "$m" ] || { m=64; note "$n: no mem.txt, ran at -mem 64"; }
  mem[$n]="$m"
  ready+=("$n")
done
names=("${ready[@]}")

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# ------------------------------------------------------------------ machine

cpu="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1)"
memtotal="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
date_iso="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
stamp="$(date -u '+%Y-%m-%d_%H%M%S')"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# what runs is the VM's code: results recorded here but not yet committed do not make it "uncommitted"
dirty=""; [ -n "$(git -C "$root" status --porcelain -- . ':(exclude)vm-bench/results' 2>/dev/null | head -1)" ] && dirty=" plus uncommitted changes"

# peak RSS of the JVM running an empty program at -mem 1: what ours costs before its heap
echo 'x = 0;' > "$work/empty.mit"
base=()
for i in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/t" "$gcvm" -mem 1 "$work/empty.mit" > /dev/null 2>&1
  base+=("$(tail -1 "$work/t" | awk '{print $2}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
base_kb="$(median "${base[@]}")"

# ------------------------------------------------------------------ the runs

declare -A times rss fails
total=$(( ${#names[@]} * ${#runtimes[@]} * runs ))
done_runs=0
for n in "${names[@]}"; do
  d="$bench/programs/$n"
  for ((r = 1; r <= runs; r++)); do
    for rt in "${runtimes[@]}"; do
      prog="$(prog_base "$d").$(ext_of "$rt")"
      if [ "$rt" = gcvm ]; then c=("$gcvm" -mem "${mem[$n]}" "$prog"); else c=(${cmd[$rt]} "$prog"); fi
      /usr/bin/time -f "%e %M" -o "$work/t" timeout "$timeout_s" "${c[@]}" < "${input[$n]}" > "$work/out" 2> "$work/err"
      status=$?
      read -r t m < <(tail -1 "$work/t")
      times[$n,$rt]+="$t "
      rss[$n,$rt]+="$m "
      why=""
      if [ $status -eq 124 ]; then why="timed out after ${timeout_s} s"
      elif [ $status -ne 0 ]; then
        msg="$(grep -h -m1 -E 'Exception|Error' "$work/out" "$work/err" | head -1)"
        [ -n "$msg" ] || msg="$(grep -v '^$' "$work/err" | tail -1)"
        msg="$(printf '%s' "$msg" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | tr -cd '[:print:]')"
        why="exit $status: ${msg:0:200}"
      elif ! cmp -s "$work/out" "$d/expected.txt"; then why="output differs from expected.txt"; fi
      if [ -n "$why" ]; then fails[$n,$rt]+="$r	$why"$'\n'; fi
      done_runs=$((done_runs + 1))
      printf 'run.sh: [%d/%d] %-16s %-8s run %d: %6s s %7s KB %s\n' "$done_runs" "$total" "$n" "$rt" "$r" "$t" "$m" "${why:+($why)}" >&2
    done
  done
done

# ------------------------------------------------------------------ the table

fmt_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
report="$work/report.md"
{
  echo "# gc-vm benchmarks: whole process"
  echo
  echo "- date: $date_iso"
  echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, $memtotal memory, $(uname -sr); load average at start: $load_start, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- ours: gc-vm $commit$dirty, OpenJDK $java_version, \`gcvm -mem N\` with N from programs/NAME/mem.txt (about twice the live peak); JVM baseline (empty program at -mem 1): $(fmt_mb "$base_kb") MB peak RSS"
  peers=""
  for rt in "${runtimes[@]}"; do [ "$rt" = gcvm ] || peers+="${peers:+, }${label[$rt]}"; done
  echo "- peers: ${peers:-none}"
  echo "- runs: $runs of each benchmark on each runtime, interleaved; each cell: median wall time, median peak RSS, and the runtime's time / ours (above 1: slower than ours)"
  echo
  header="| benchmark | -mem |"; rule="|---|---:|"
  for rt in "${runtimes[@]}"; do header+=" ${label[$rt]} |"; rule+="---|"; done
  header+=" ours: RSS - JVM baseline (target N+5) |"; rule+="---:|"
  echo "$header"
  echo "$rule"
  for n in "${names[@]}"; do
    row="| $n | ${mem[$n]} |"
    # shellcheck disable=SC2086
    ours_t="$(median ${times[$n,gcvm]})"
    for rt in "${runtimes[@]}"; do
      # shellcheck disable=SC2086
      t="$(median ${times[$n,$rt]})"; m="$(median ${rss[$n,$rt]})"
      cell="$(printf '%.2f s, %s MB' "$t" "$(fmt_mb "$m")")"
      if [ "$rt" != gcvm ]; then
        if [ -z "${fails[$n,gcvm]:-}" ] && awk -v o="$ours_t" 'BEGIN { exit !(o > 0) }'; then
          cell+="$(awk -v a="$t" -v o="$ours_t" 'BEGIN { printf ", %.2fx", a / o }')"
        else cell+=", -"; fi
      fi
      [ -n "${fails[$n,$rt]:-}" ] && cell+=" **FAILED**"
      row+=" $cell |"
    done
    # shellcheck disable=SC2086
    om="$(median ${rss[$n,gcvm]})"
    if [ -n "${fails[$n,gcvm]:-}" ]; then row+=" - |"
    else
      over=$(( (${om%.*} - ${base_kb%.*}) / 1024 ))
      mark="within"; [ "$over" -gt $(( mem[$n] + 5 )) ] && mark="over"
      row+=" $over MB ($mark ${mem[$n]}+5) |"
    fi
    echo "$row"
  done
  echo
  slower_py=""; slower_lua=""
  for n in "${names[@]}"; do
    # shellcheck disable=SC2086
    o="$(median ${times[$n,gcvm]})"
    for rt in python3 lua5.4; do
      [[ " ${runtimes[*]} " == *" $rt "* ]] || continue
      # shellcheck disable=SC2086
      t="$(median ${times[$n,$rt]})"
      if awk -v o="$o" -v t="$t" 'BEGIN { exit !(o > t) }'; then
        s="$n ($(awk -v o="$o" -v t="$t" 'BEGIN { printf "%.1fx", o / t }'))"
        if [ "$rt" = python3 ]; then slower_py+="${slower_py:+, }$s"; else slower_lua+="${slower_lua:+, }$s"; fi
      fi
    done
  done
  [[ " ${runtimes[*]} " == *" python3 "* ]] && echo "Ours slower than ${label[python3]} on: ${slower_py:-none}."
  [[ " ${runtimes[*]} " == *" lua5.4 "* ]] && echo "Ours slower than ${label[lua5.4]} on: ${slower_lua:-none}."
  echo
  nf=0
  for n in "${names[@]}"; do for rt in "${runtimes[@]}"; do
    if [ -n "${fails[$n,$rt]:-}" ]; then
      [ $nf -eq 0 ] && echo "Failed runs (non-zero exit, timeout, or output other than expected.txt):"
      nf=$((nf + 1))
      # the same reason once, with the runs that gave it
      echo "- $n on ${label[$rt]}: $(printf '%s' "${fails[$n,$rt]}" | awk -F'\t' '
        { if (!($2 in runs)) order[++k] = $2; runs[$2] = runs[$2] (runs[$2] == "" ? "" : ", ") $1 }
        END { for (i = 1; i <= k; i++) printf "%s%s %s: %s", (i > 1 ? "; " : ""), (runs[order[i]] ~ /,/ ? "runs" : "run"), runs[order[i]], order[i] }')"
    fi
  done; done
  [ $nf -eq 0 ] && echo "Every run exited 0 and printed exactly expected.txt."
  if [ ${#notes[@]} -gt 0 ]; then
    echo
    echo "Notes:"
    for x in "${notes[@]}"; do echo "- $x"; done
  fi
  echo
  echo "Wall times of every run (s), in run order:"
  echo
  for n in "${names[@]}"; do
    line="- $n:"
    for rt in "${runtimes[@]}"; do line+=" $rt ${times[$n,$rt]% };"; done
    echo "${line%;}"
  done
  echo
  echo "Reproduce: \`vm-bench/run.sh -n $runs\` (see vm-bench/README.md)."
} > "$report"

mkdir -p "$bench/results"
cp "$report" "$bench/results/latest.md"
cp "$report" "$bench/results/$stamp.md"
cat "$report"
echo >&2
echo "run.sh: written to $bench/results/latest.md and $bench/results/$stamp.md" >&2
