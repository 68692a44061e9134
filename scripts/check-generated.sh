#!/bin/sh
# Regenerate into a temporary folder and fail on any difference from the
# committed generated/ (CI runs this: generated/ must match gen/ + templates/).
set -eu
cd "$(dirname "$0")/.."
LUA=${LUA:-$(command -v lua5.4 || command -v lua)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$LUA" gen/q4kgen.lua --out "$tmp"
if diff -ru generated "$tmp" >"$tmp.diff" 2>&1; then
  echo "generated/ is in sync with gen/ and templates/ ($(ls generated | wc -l) files)"
  rm -f "$tmp.diff"
else
  cat "$tmp.diff"
  rm -f "$tmp.diff"
  echo "generated/ is out of date: run 'lua5.4 gen/q4kgen.lua' and commit the result" >&2
  exit 1
fi
