#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer) and runs one for SECONDS.
#   FuzzTesting/run.sh TARGET SECONDS [extra libFuzzer flags...]
# Corpus: FuzzTesting/.corpus/TARGET (seeded from Vectors/, grows across runs, git-ignored).
# A crash input is written to FuzzTesting/FailCases/TARGET/crash-<sha1> and the script exits 1;
# keep that file (it is replayed by run.sh --replay) and add a regression unit test in Tests/.
#   FuzzTesting/run.sh --replay TARGET   re-runs every kept FailCases input once (exit 0 = fixed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
replay=0
if [ "${1:-}" = "--replay" ]; then replay=1; shift; fi
target="${1:?usage: run.sh [--replay] TARGET SECONDS}"
seconds="${2:-30}"
[ $replay = 1 ] || shift 2 || true
[ $replay = 0 ] || shift 1

# Release + debug info: -O finds bugs faster; ASan still checks every access (toolchain-notes §6).
config="${FUZZ_CONFIG:-release}"
set +e
# -Xswiftc -sanitize=fuzzer,address, not `--sanitize=fuzzer --sanitize=address`: SwiftPM 6.3
# passed only one of two --sanitize flags to the compiler (coverage or ASan silently missing).
swift build --package-path "$here" -c "$config" --product "$target" --manifest-cache none \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g 2>&1 \
  | grep -v "Cannot export local symbol" >&2
build_status=${PIPESTATUS[0]}
set -e
binary="$here/.build/$config/$target"
# Never fuzz a stale binary: a failed build must stop the run.
[ "$build_status" = 0 ] && [ -x "$binary" ] || { echo "run.sh: build of $target failed" >&2; exit 2; }
# Never fuzz blind: the binary must carry coverage counters and AddressSanitizer.
if command -v readelf >/dev/null 2>&1 && command -v objdump >/dev/null 2>&1; then
  # (grep -c, not grep -q: under pipefail, -q's early exit makes readelf die of SIGPIPE)
  [ "$(readelf -S "$binary" | grep -c __sancov_cntrs || true)" -gt 0 ] || { echo "run.sh: $target has no coverage instrumentation" >&2; exit 2; }
  asan_calls=$(objdump -d --no-show-raw-insn "$binary" | grep -cE 'call.*<__asan_(report|load|store)' || true)
  [ "$asan_calls" -gt 100 ] || { echo "run.sh: $target's Swift code has no AddressSanitizer checks ($asan_calls)" >&2; exit 2; }
fi

# Without this the Swift backtracer takes the trap and libFuzzer writes no crash file.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
fail_dir="$here/FailCases/$target"
mkdir -p "$fail_dir"

if [ $replay = 1 ]; then
  inputs=("$fail_dir"/crash-* "$fail_dir"/leak-* "$fail_dir"/timeout-* "$fail_dir"/oom-*)
  existing=(); for f in "${inputs[@]}"; do [ -f "$f" ] && existing+=("$f"); done
  [ ${#existing[@]} -gt 0 ] || { echo "run.sh: no kept inputs for $target"; exit 0; }
  exec "$binary" "${existing[@]}"
fi

"$here/seed-corpora.sh" "$target"
corpus="$here/.corpus/$target"
dict=()
[ -f "$here/Sources/$target/fuzz.dict" ] && dict=(-dict="$here/Sources/$target/fuzz.dict")
exec "$binary" "$corpus" "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 \
  -timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix="$fail_dir/" "$@"
