#!/usr/bin/env bash
# End-to-end tests on loopback: AsyncHTTPClient and URLSession requests signed by this library,
# verified by the Hummingbird OCI-style server (OCILoopbackServer). Needs the IntegrationTests
# trait, which pulls in SwiftNIO, AsyncHTTPClient and Hummingbird; they are built in their own
# scratch folder so the plain `swift test` build (.build) never contains them.
# Measured on the 2-core CI machine, see Docs/async-http-client.md ("CI").
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
swift test --traits IntegrationTests --scratch-path .build-integration "$@" 2>&1 | tee /tmp/ci-integration-tests.log
tested=$(date +%s)
# The example package reuses the same checkouts and objects (only its own targets compile),
# then runs against its loopback server: URLSession, AsyncHTTPClient, and a wrong key (401).
example=Examples/CreateVolumeBackup
swift build --package-path "$example" --scratch-path .build-integration 2>&1 | tail -n 3
timeout 120 "$example/demo.sh" "$(swift build --package-path "$example" --scratch-path .build-integration --show-bin-path)"
echo "integration-tests: tests $(( tested - start )) s, example $(( $(date +%s) - tested )) s"
