#!/usr/bin/env bash
# Leak check: 100,000 signatures and 10,000 key loads (good and failing) under LeakSanitizer.
#   scripts/leaks.sh                      LSan, 100000 signatures, 10000 key loads
#   scripts/leaks.sh SIGNATURES LOADS     other counts
#   scripts/leaks.sh --valgrind [S L]     valgrind memcheck instead (slow: default 2000 / 1000)
# Exit status non-zero on any leak, unexpected outcome or file-descriptor leak.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
vectors="$root/Vectors/oracle-docs/oci-doc-test-vectors.json"
mode=lsan
if [ "${1:-}" = "--valgrind" ]; then mode=valgrind; shift; fi

if [ $mode = lsan ]; then
  signatures="${1:-100000}"; loads="${2:-10000}"
  swift build --package-path LeakCheck -c release --sanitize=address --scratch-path LeakCheck/.build-asan 2>&1 \
    | grep -v "Cannot export local symbol" | tail -n 3
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
  export SWIFT_BACKTRACE=enable=no
  echo "== leak-check $signatures signatures, $loads key loads under AddressSanitizer + LeakSanitizer"
  start=$(date +%s)
  set +e
  LeakCheck/.build-asan/release/leak-check "$signatures" "$loads" "$vectors"
  rc=$?
  set -e
  echo "leak-check: rc=$rc (LeakSanitizer prints nothing and exits 0 when nothing leaked), $(( $(date +%s) - start )) s"
  exit $rc
else
  signatures="${1:-2000}"; loads="${2:-1000}"
  swift build --package-path LeakCheck -c release 2>&1 | tail -n 1
  echo "== leak-check $signatures signatures, $loads key loads under valgrind memcheck"
  start=$(date +%s)
  set +e
  valgrind --leak-check=full --show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible \
    --error-exitcode=99 --suppressions="$root/scripts/valgrind-swift.supp" \
    LeakCheck/.build/release/leak-check "$signatures" "$loads" "$vectors"
  rc=$?
  set -e
  echo "leak-check (valgrind): rc=$rc, $(( $(date +%s) - start )) s"
  exit $rc
fi
