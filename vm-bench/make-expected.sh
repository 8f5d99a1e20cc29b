#!/usr/bin/env bash
# Writes programs/NAME/expected.txt from the Python version of each benchmark, then checks
# that the MITScript (on our VM, at the benchmark's mem.txt), Lua 5.4, LuaJIT and node versions
# print exactly the same. Runtimes that are not installed are skipped with a note.
#
#   vm-bench/make-expected.sh [--check] [NAME ...]     (default: every benchmark)
#
# --check leaves expected.txt alone and only compares every version against it.
set -uo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/lib.sh"
check=0
names=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) names+=("$a") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for d in "$bench"/programs/*/; do n="$(basename "$d")"; [ -f "$(prog_base "$d").mit" ] && names+=("$n"); done
fi
"$root/gcvm" --help >/dev/null 2>&1 || { "$root/gcvm" --help >/dev/null; exit 70; }
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
lua54="$(command -v lua5.4 || true)"
if [ -z "$lua54" ] && command -v lua >/dev/null && lua -v 2>&1 | grep -q 'Lua 5\.4'; then lua54="$(command -v lua)"; fi
bad=0
for n in "${names[@]}"; do
  d="$bench/programs/$n"
  if [ -f "$d/gen_input.py" ] && [ ! -f "$d/input.txt" ]; then python3 "$d/gen_input.py"; fi
  in=/dev/null; [ -f "$d/input.txt" ] && in="$d/input.txt"
  if [ $check -eq 0 ]; then
    python3 "$(prog_base "$d").py" < "$in" > "$d/expected.txt" || { echo "$n: python3 failed"; bad=1; continue; }
    echo "$n: expected.txt written ($(wc -l < "$d/expected.txt") lines)"
  fi
  mem=64; [ -f "$d/mem.txt" ] && mem="$(tr -dc '0-9' < "$d/mem.txt")"
  p="$(prog_base "$d")"
  declare -a cmds=("python3 $p.py" "$root/gcvm -mem $mem $p.mit")
  [ -n "$lua54" ] && cmds+=("$lua54 $p.lua") || echo "$n: no Lua 5.4, skipped"
  command -v luajit >/dev/null && cmds+=("luajit $p.lua") || echo "$n: no LuaJIT, skipped"
  command -v node >/dev/null && cmds+=("node $p.js") || echo "$n: no node, skipped"
  for c in "${cmds[@]}"; do
    if $c < "$in" > "$out" 2>/dev/null && cmp -s "$out" "$d/expected.txt"; then
      echo "$n: ok   $c"
    else
      echo "$n: DIFF $c"; diff "$out" "$d/expected.txt" | head -5; bad=1
    fi
  done
done
exit $bad
