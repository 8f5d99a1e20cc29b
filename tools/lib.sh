# Shared by the tools: sourced, not run.

# programs DIR|FILE... : the .mit files named, or found under the directories named (sorted),
# into the array `programs`; with no arguments, the stress programs.
collect_programs() {
  local here; here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local targets=("$@")
  [ ${#targets[@]} -eq 0 ] && targets=("$here/stress-programs/programs")
  programs=()
  local t f
  for t in "${targets[@]}"; do
    if [ -d "$t" ]; then while IFS= read -r f; do programs+=("$f"); done < <(find "$t" -name '*.mit' | sort)
    else programs+=("$t"); fi
  done
}

# mem_directive PROGRAM : the N of its `// @mem N` header line, or nothing.
mem_directive() {
  sed -n 's|^//[[:space:]]*@mem[[:space:]]\{1,\}\([0-9]\{1,\}\).*|\1|p' "$1" | head -1
}

# stdin_of PROGRAM : its .in file, or /dev/null.
stdin_of() {
  if [ -f "$1.in" ]; then echo "$1.in"; else echo /dev/null; fi
}
