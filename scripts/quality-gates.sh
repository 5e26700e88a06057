#!/usr/bin/env bash
# Cheap quality gates for CI (issue 8), after the lead's `swift test`:
#   1. the package and its tests build without warnings: with WARNINGS_LOG=FILE (the output of a
#      from-scratch `swift test`, as CI has) the compiler diagnostics in that log are checked, which
#      costs nothing; otherwise the package is rebuilt with -warnings-as-errors
#   2. DocC builds the documentation of every default-build library with --warnings-as-errors
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

warnings_in_log() {
  local found
  grep -q "Compiling" "$WARNINGS_LOG" || { echo "quality-gates: $WARNINGS_LOG shows no compilation (an incremental build?)"; return 1; }
  found=$(grep -E '^/[^:]+\.swift:[0-9]+:[0-9]+: (warning|error):' "$WARNINGS_LOG" | grep -v '/\.build[^/]*/checkouts/' || true)
  if [ -n "$found" ]; then echo "$found"; return 1; fi
  echo "no compiler warnings in $WARNINGS_LOG"
}
warnings_as_errors() {
  swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | grep -E "warning:|error:|Build complete" ; return "${PIPESTATUS[0]}"
}
# Every default-build library, from the modules the debug build compiled (scripts/docc-check.sh,
# about 25 s). DOCC_PLUGIN=1 uses swift-docc-plugin instead, as the published archive is built:
# it compiles every target again for its symbol graphs (89 s for the two core catalogues on a
# fresh clone, 490 s for all seven).
docc_targets=(OCISigning OCISigningDiagnostics OCICredentials OCIPrincipals OCIRawRequest OCISigningFoundation OCILoopbackServer)
docc() {
  if [ "${DOCC_PLUGIN:-0}" != 1 ]; then
    scripts/docc-check.sh "${docc_targets[@]}"
    return
  fi
  local args=() target
  for target in "${docc_targets[@]}"; do args+=(--target "$target"); done
  swift package generate-documentation "${args[@]}" --warnings-as-errors 2>&1 \
    | grep -E "warning:|error:|Generated .*documentation|Finished building" | grep -v "swift-distributed-tracing"
  [ "${PIPESTATUS[0]}" = 0 ]
}

if [ -n "${WARNINGS_LOG:-}" ]; then
  step "no warnings in the swift test build ($WARNINGS_LOG)" warnings_in_log
else
  step "warnings-as-errors build" warnings_as_errors
fi
step "DocC (${docc_targets[*]}, --warnings-as-errors)" docc
if [ "$fuzz_seconds" != 0 ]; then
  step "fuzzing smoke run (${fuzz_seconds} s per target)" FuzzTesting/run-all.sh "$fuzz_seconds"
fi
