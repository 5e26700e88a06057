#!/usr/bin/env bash
# The OpenAPI trait end to end: builds OCISigningOpenAPI (swift-openapi-runtime), runs its tests
# and the send-policy tests, then the GenerativeAIChat example against its loopback server
# (loopback_server.py verifies every signature with openssl). Built in its own scratch folder so
# the plain `swift test` build (.build) never contains swift-openapi-runtime.
# Measured on the 2-core machine, see Docs/openapi.md ("CI").
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# OCI_TRAIT_SCRATCH / OCI_TRAITS (with OpenAPI among them) reuse another trait build, as CI does.
scratch="${OCI_TRAIT_SCRATCH:-.build-openapi}"
traits="${OCI_TRAITS:-OpenAPI}"
# Package.resolved is shared by every scratch folder: put back the plain build's pins afterwards.
saved_resolved=""
if [ -f Package.resolved ]; then saved_resolved="$(mktemp)"; cp Package.resolved "$saved_resolved"; fi
restore_resolved() { if [ -n "$saved_resolved" ]; then mv "$saved_resolved" Package.resolved; else rm -f Package.resolved; fi; }
trap restore_resolved EXIT
# OPENAPI_SUITES_RAN=1: the suites already ran on this trait build (CI runs them with
# integration-tests.sh); building the root package again here after an example shared the
# scratch folder would only relink it (about 110 s), so only the example runs.
if [ "${OPENAPI_SUITES_RAN:-0}" != 1 ]; then
  swift build --build-tests --traits "$traits" --scratch-path "$scratch" 2>&1 | tail -n 3
fi
built=$(date +%s)
if [ "${OPENAPI_SUITES_RAN:-0}" != 1 ]; then
  swift test --skip-build --traits "$traits" --scratch-path "$scratch" \
    --filter 'OCISigningOpenAPITests|SendPolicyTests|URLSessionSendTests' 2>&1 | tee /tmp/ci-openapi-tests.log | tail -n 5
fi
tested=$(date +%s)
example=Examples/GenerativeAIChat
swift build --package-path "$example" --scratch-path "$scratch" 2>&1 | tail -n 1
timeout 120 "$example/demo.sh" "$(swift build --package-path "$example" --scratch-path "$scratch" --show-bin-path)"
echo "openapi-tests: build $(( built - start )) s, tests $(( tested - built )) s, example $(( $(date +%s) - tested )) s"
