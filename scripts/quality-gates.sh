#!/usr/bin/env bash
# Cheap quality gates for CI (issue 8), after the lead's `swift test`:
#   1. the package and its tests build with -warnings-as-errors
#   2. DocC builds the OCISigning and OCISigningDiagnostics documentation with --warnings-as-errors
#   3. every fuzz target runs briefly (FUZZ_SECONDS each, default 5: 36 s of fuzzing, 59 s with the incremental builds, for the six targets; FUZZ_SECONDS=0 skips)
# The long checks (sanitizers, leaks, long fuzzing) are separate scripts: Docs/hardening.md.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds="${FUZZ_SECONDS:-5}"

step() {
  local name="$1"; shift
  local start; start=$(date +%s)
  echo "quality-gates: $name"
  if "$@"; then
    echo "quality-gates: $name passed ($(( $(date +%s) - start )) s)"
  else
    echo "quality-gates: $name FAILED ($(( $(date +%s) - start )) s)"
    exit 1
  fi
}

warnings_as_errors() {
  swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | grep -E "warning:|error:|Build complete" ; return "${PIPESTATUS[0]}"
}
docc() {
  local target
  for target in OCISigning OCISigningDiagnostics; do
    swift package generate-documentation --target "$target" --warnings-as-errors 2>&1 \
      | grep -E "warning:|error:|Generated documentation|Finished building"
    [ "${PIPESTATUS[0]}" = 0 ] || return 1
  done
}

step "warnings-as-errors build" warnings_as_errors
step "DocC (OCISigning, OCISigningDiagnostics, --warnings-as-errors)" docc
if [ "$fuzz_seconds" != 0 ]; then
  step "fuzzing smoke run (${fuzz_seconds} s per target)" FuzzTesting/run-all.sh "$fuzz_seconds"
fi
