#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 10), one after the other.
#   FuzzTesting/run-all.sh SECONDS
# Full logs: FuzzTesting/.corpus/<target>.log. Exit status 1 if any target failed to build or
# found a crash (its input is then in FuzzTesting/FailCases/<target>/).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-10}"
status=0
mkdir -p "$here/.corpus"
for dir in "$here"/Sources/Fuzz*/; do
  target="$(basename "$dir")"
  [ "$target" = FuzzSupport ] && continue
  log="$here/.corpus/$target.log"
  echo "== $target ($seconds s, log $log)"
  "$here/run.sh" "$target" "$seconds" > "$log" 2>&1
  rc=$?
  grep -E "^(#[0-9]+ +(INITED|DONE)|Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|new_units_added)|==[0-9]+==ERROR|SUMMARY|Test unit written|seed-corpora|run.sh:|.*error:)" "$log" | sed 's/^/   /'
  grep -E "^#[0-9]+ " "$log" | tail -n 1 | sed 's/^/   last: /'
  [ "$rc" = 0 ] || { echo "!! $target exited $rc"; status=1; }
done
exit $status
