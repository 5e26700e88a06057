#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (+ LeakSanitizer) and ThreadSanitizer.
#   scripts/sanitizers.sh            both
#   scripts/sanitizers.sh address    one of them (address | thread)
# Separate scratch paths (.build-asan, .build-tsan; git-ignored) keep the normal .build intact.
# Exit status: non-zero if any test fails or a sanitizer reports anything.
set -euo pipefail
cd "$(dirname "$0")/.."
which=("${@:-address thread}")
# shellcheck disable=SC2206
which=(${which[*]})
status=0
for sanitizer in "${which[@]}"; do
  case "$sanitizer" in
    address)
      scratch=.build-asan
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
      export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=1"
      ;;
    thread)
      scratch=.build-tsan
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
      ;;
    *) echo "sanitizers.sh: unknown sanitizer '$sanitizer' (address | thread)" >&2; exit 2 ;;
  esac
  mkdir -p "$scratch"
  log="$scratch/test.log"
  echo "== swift test --sanitize=$sanitizer --scratch-path $scratch (log: $log)"
  start=$(date +%s)
  set +e
  swift test --sanitize="$sanitizer" --scratch-path "$scratch" 2>&1 \
    | grep -v "Cannot export local symbol" > "$log"
  rc=${PIPESTATUS[0]}
  set -e
  elapsed=$(( $(date +%s) - start ))
  reports=$(grep -cE "^(==[0-9]+==ERROR|WARNING: ThreadSanitizer|SUMMARY: (Address|Leak|Thread)Sanitizer)" "$log" || true)
  summary=$(grep -E "^(✔|✘) Test run with" "$log" | tail -n1 || true)
  echo "   rc=$rc sanitizer reports=$reports time=${elapsed}s ${summary}"
  if [ "$rc" != 0 ] || [ "$reports" != 0 ]; then
    status=1
    grep -E "ERROR|WARNING: ThreadSanitizer|SUMMARY|✘" "$log" | head -n 40 || true
  fi
done
exit $status
