#!/usr/bin/env bash
# Runs create-volume-backup against oci-loopback-server on 127.0.0.1 with the repository's
# TEST-ONLY key: URLSession, AsyncHTTPClient, a swift-openapi-generator client signed by
# OCISigningMiddleware, a bare swift-http-types request, a config profile (through the default
# chain, with --auth api_key), and a request signed with the wrong key (401).
# Usage: ./demo.sh [BIN_DIR]   (default: build here and use .build/debug)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
keys="$here/../../Vectors/keys"
bin="${1:-}"
if [ -z "$bin" ]; then
  swift build --package-path "$here" >/dev/null
  bin="$(swift build --package-path "$here" --show-bin-path)"
fi
tenancy="ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
user="ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"

log="$(mktemp)"
"$bin/oci-loopback-server" --public-key "$keys/rsa2048.pub.pem" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 100); do   # at most 10 s for the server to report its port
  port="$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "demo: the server did not start"; cat "$log"; exit 1; }
echo "\$ oci-loopback-server --public-key ../../Vectors/keys/rsa2048.pub.pem --port 0"
cat "$log"

run() {
  local shown="$*"
  echo
  echo "\$ create-volume-backup ${shown//$keys/../../Vectors/keys}"
  "$bin/create-volume-backup" "$@" && echo "(exit 0)" || echo "(exit $?)"
}
run --endpoint "http://127.0.0.1:$port" --key-file "$keys/rsa2048.pem" --tenancy "$tenancy" --user "$user" \
    --volume-id ocid1.volume.oc1.iad.example --display-name nightly
run --endpoint "http://127.0.0.1:$port" --client ahc --key-file "$keys/rsa2048.pem" --tenancy "$tenancy" --user "$user" \
    --volume-id ocid1.volume.oc1.iad.example --type FULL
run --endpoint "http://127.0.0.1:$port" --client openapi --key-file "$keys/rsa2048.pem" --tenancy "$tenancy" --user "$user" \
    --volume-id ocid1.volume.oc1.iad.example --display-name generated-client
run --endpoint "http://127.0.0.1:$port" --client httptypes --key-file "$keys/rsa2048.pem" --tenancy "$tenancy" --user "$user" \
    --volume-id ocid1.volume.oc1.iad.example --type FULL
# A ~/.oci/config-style profile (a scratch config file; key_file points at the test key).
config="$(mktemp)"
trap 'kill "$server" 2>/dev/null || true; rm -f "$log" "$config"' EXIT
printf '[DEFAULT]\nregion=us-ashburn-1\n\n[DEMO]\ntenancy=%s\nuser=%s\nfingerprint=%s\nkey_file=%s\n' \
  "$tenancy" "$user" "$(cat "$keys/rsa2048.fingerprint")" "$keys/rsa2048.pem" >"$config"
chmod 600 "$config"
run --endpoint "http://127.0.0.1:$port" --auth api_key --profile DEMO --config-file "$config" --client openapi \
    --volume-id ocid1.volume.oc1.iad.example --display-name from-profile
run --endpoint "http://127.0.0.1:$port" --key-file "$keys/rsa3072.pem" --key-id "$tenancy/$user/b6:85:26:ad:ea:84:15:44:4f:5b:0d:cb:48:87:2e:ed" \
    --volume-id ocid1.volume.oc1.iad.example

echo
echo "server log:"
sed 1d "$log"
# The five good requests must have succeeded and the wrong key must have been refused.
[ "$(grep -c -- '-> 200' "$log")" = 5 ] && [ "$(grep -c -- '-> 401' "$log")" = 1 ]
