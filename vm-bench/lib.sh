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

# launcher_jvm_flags ROOT MEM : the JVM flags of ROOT/gcvm's exec line (up to the class path,
# so without its class-data archive), with -Xmx worked out for -mem MEM: the same JVM settings
# as a real run. Fails (status 70) if the exec line has no such flags.
launcher_jvm_flags() {
  local f
  f="$(sed -n '/^exec java /,/io\.gcvm\.cli\.Main/p' "$1/gcvm" | tr -d '\\\n' | sed -e 's/^exec java //' -e 's/ *-cp .*//')"
  case "$f" in *'-Xmx$((mem + 48))m'*) ;; *) echo "no JVM flags found on $1/gcvm's exec line" >&2; return 70 ;; esac
  echo "${f//'$((mem + 48))'/$(($2 + 48))}"
}
