#!/usr/bin/env bash
# End-to-end tests on loopback: AsyncHTTPClient and URLSession requests signed by this library,
# verified by the Hummingbird OCI-style server (OCILoopbackServer). Needs the IntegrationTests
# trait, which pulls in SwiftNIO, AsyncHTTPClient and Hummingbird; they are built in their own
# scratch folder so the plain `swift test` build (.build) never contains them.
# Measured on the 2-core CI machine, see Docs/async-http-client.md ("CI").
# OCI_TRAIT_SCRATCH / OCI_TRAITS replace the scratch folder and the trait list, so CI builds
# the trait targets once for this script, scripts/oke-e2e.sh and scripts/openapi-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scratch="${OCI_TRAIT_SCRATCH:-.build-integration}"
traits="${OCI_TRAITS:-IntegrationTests}"
# Package.resolved is shared by every scratch folder: put back the plain build's pins afterwards,
# so a later plain `swift build` does not check out SwiftNIO & co. (it would not build them).
saved_resolved=""
if [ -f Package.resolved ]; then saved_resolved="$(mktemp)"; cp Package.resolved "$saved_resolved"; fi
restore_resolved() { if [ -n "$saved_resolved" ]; then mv "$saved_resolved" Package.resolved; else rm -f Package.resolved; fi; }
trap restore_resolved EXIT
swift test --traits "$traits" --scratch-path "$scratch" "$@" 2>&1 | tee /tmp/ci-integration-tests.log
tested=$(date +%s)
# The example package reuses the same checkouts and objects (only its own targets compile),
# then runs against its loopback server: URLSession, AsyncHTTPClient, and a wrong key (401).
example=Examples/CreateVolumeBackup
swift build --package-path "$example" --scratch-path "$scratch" 2>&1 | tail -n 3
timeout 120 "$example/demo.sh" "$(swift build --package-path "$example" --scratch-path "$scratch" --show-bin-path)"
echo "integration-tests: tests $(( tested - start )) s, example $(( $(date +%s) - tested )) s"
