# Shared by the bench scripts: sourced, not run.

# prog_base DIR : the path, without its extension, of a benchmark's programs (NAME.mit, .py,
# .lua, .js). A benchmark that only differs from another by its input has no copies of its own:
# its file `source` names the benchmark whose programs it runs.
prog_base() {
  local d="${1%/}"
  if [ -f "$d/source" ]; then
    local s; s="$(tr -d '[:space:]' < "$d/source")"
    echo "$(dirname "$d")/$s/$s"
  else
    echo "$d/$(basename "$d")"
  fi
}
