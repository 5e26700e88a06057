#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 10), one after the other.
#   FuzzTesting/run-all.sh SECONDS
# Exit status 1 if any target found a crash (its input is in FuzzTesting/FailCases/<target>/).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-10}"
status=0
for dir in "$here"/Sources/Fuzz*/; do
  target="$(basename "$dir")"
  [ "$target" = FuzzSupport ] && continue
  echo "== $target ($seconds s)"
  "$here/run.sh" "$target" "$seconds" 2>&1 | grep -E "^(#[0-9]+ +DONE|Done|stat::|==[0-9]+==ERROR|SUMMARY|Test unit written|seed-corpora|INFO: Loaded|.*error:)" || true
  rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || { echo "!! $target exited $rc"; status=1; }
done
exit $status
