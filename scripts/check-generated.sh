#!/bin/sh
# Regenerate into a temporary folder and fail on any difference from the
# committed generated/ (CI runs this: generated/ must match gen/ + templates/).
# diff -r also compares the subfolders (generated/include/) and reports files
# that exist on one side only, so a stale file left in generated/ fails too.
set -eu
cd "$(dirname "$0")/.."
LUA=${LUA:-$(command -v lua5.4 || command -v lua)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$LUA" gen/q4kgen.lua --out "$tmp/generated"
if diff -ru generated "$tmp/generated" >"$tmp/diff" 2>&1; then
  echo "generated/ is in sync with gen/ and templates/ ($(find generated -type f | wc -l | tr -d ' ') files)"
else
  cat "$tmp/diff"
  echo "generated/ is out of date: run 'lua5.4 gen/q4kgen.lua' (and delete files it no longer writes), then commit the result" >&2
  exit 1
fi
