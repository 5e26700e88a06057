#!/usr/bin/env bash
# DocC with --warnings-as-errors for every default-build library, from the modules the plain
# debug build already compiled: `swift-symbolgraph-extract` reads each .swiftmodule in
# .build/debug/Modules and `docc convert` builds its catalogue (or the symbols alone) from it.
# Nothing is compiled again, so all seven libraries take about 12 s here, where the
# swift-docc-plugin (`swift package generate-documentation`), which rebuilds every target for
# its symbol graphs, took 89 s for two and 490 s for seven on a fresh clone.
#
# A broken symbol link, a missing parameter description or a bad article fails it, naming the
# target. Archives go to .build/docc-check/<target>.doccarchive.
# Usage: scripts/docc-check.sh [TARGET...]   (default: the seven libraries below)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(OCISigning OCISigningDiagnostics OCICredentials OCIPrincipals OCIRawRequest OCISigningFoundation OCILoopbackServer)
triple=$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')
modules=.build/debug/Modules
swift build >/dev/null   # a no-op after `swift test`; builds the modules otherwise
out=.build/docc-check
rm -rf "$out"
mkdir -p "$out"
failed=()
for target in "${targets[@]}"; do
  graphs="$out/$target.symbols"
  mkdir -p "$graphs"
  if ! swift-symbolgraph-extract -module-name "$target" -target "$triple" -I "$modules" \
      -Xcc -fmodule-map-file=Sources/CLibCrypto/module.modulemap \
      -output-dir "$graphs" -minimum-access-level public -skip-synthesized-members >"$out/$target.log" 2>&1; then
    failed+=("$target"); echo "docc-check: $target: symbol graph extraction failed"; cat "$out/$target.log"; continue
  fi
  catalog=$(find "Sources/$target" -maxdepth 1 -name '*.docc' | head -n 1)
  if docc convert ${catalog:+"$catalog"} --additional-symbol-graph-dir "$graphs" --warnings-as-errors \
      --fallback-display-name "$target" --fallback-bundle-identifier "$target" \
      --output-path "$out/$target.doccarchive" >>"$out/$target.log" 2>&1; then
    echo "docc-check: $target: clean${catalog:+ (catalogue $catalog)}"
  else
    failed+=("$target"); echo "docc-check: $target: FAILED"; grep -E "error|warning" "$out/$target.log" | head -n 20
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "docc-check: failed: ${failed[*]}"; exit 1; }
