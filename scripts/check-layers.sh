#!/bin/sh
# No cycles between the library's source files: from the object files of a
# build, draw an edge a -> b when a.c uses a symbol b.c defines, and let
# tsort find any loop (file-level call cycles such as dispatch <-> profile
# are what made the runtime hard to read and to change).
#   scripts/check-layers.sh BUILD_DIR
set -eu
build=${1:?usage: check-layers.sh BUILD_DIR}
objs=$(find "$build/CMakeFiles/q4k_objects.dir" -name '*.o' | sort)
[ -n "$objs" ] || { echo "check-layers: no objects under $build (build first)" >&2; exit 2; }
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
# shellcheck disable=SC2086
nm -A $objs | awk '
{ f = $1; sub(/:.*/, "", f); sub(/.*q4k_objects\.dir\//, "", f); sub(/\.c\.o$/, "", f)
  if ($2 == "U") use[f " " $3] = 1
  else if (NF >= 3 && $2 ~ /^[TDRBC]$/) def[$3] = f }
END { for (k in use) { split(k, a, " "); if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]] } }' |
    sort -u >"$edges"
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
    cat "$edges.err" >&2
    rm -f "$edges.err"
    echo "check-layers: the files above call each other in a cycle" >&2
    exit 1
fi
rm -f "$edges.err"
echo "check-layers: $(wc -l <"$edges") dependencies between $(echo "$objs" | wc -l) object files, no cycle"
