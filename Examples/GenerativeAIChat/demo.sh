#!/usr/bin/env bash
# Runs generative-ai-chat against loopback_server.py on 127.0.0.1 with the repository's
# TEST-ONLY key: a whole answer, a streamed one (server-sent events), a config profile, and a
# request signed with the wrong key (401). The server checks every signature with `openssl`,
# independently of the Swift code, and logs the host and request-target it verified.
# Usage: ./demo.sh [BIN_DIR]   (default: build here and use its debug folder)
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
key_id="$tenancy/$user/$(cat "$keys/rsa2048.fingerprint")"
compartment="ocid1.compartment.oc1..aaaaaaaaloopback"

log="$(mktemp)"
config="$(mktemp)"
python3 "$here/loopback_server.py" --public-key "$keys/rsa2048.pub.pem" --port 0 --max-seconds 120 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log" "$config"' EXIT
port=""
for _ in $(seq 1 100); do   # at most 10 s for the server to report its port
  port="$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "demo: the server did not start"; cat "$log"; exit 1; }
endpoint="http://127.0.0.1:$port/openai/v1"
echo "\$ python3 loopback_server.py --public-key ../../Vectors/keys/rsa2048.pub.pem --port 0"
head -n 1 "$log"

run() {
  local shown="$*"
  shown="${shown//$keys/../../Vectors/keys}"
  echo
  echo "\$ generative-ai-chat ${shown//$config/demo-config}"
  "$bin/generative-ai-chat" "$@" && echo "(exit 0)" || echo "(exit $?)"
}
run --endpoint "$endpoint" --key-file "$keys/rsa2048.pem" --key-id "$key_id" --compartment-id "$compartment" "Say hello"
run --endpoint "$endpoint" --key-file "$keys/rsa2048.pem" --key-id "$key_id" --compartment-id "$compartment" --stream "Say hello, slowly"
printf '[DEMO]\ntenancy=%s\nuser=%s\nfingerprint=%s\nkey_file=%s\nregion=us-chicago-1\n' \
  "$tenancy" "$user" "$(cat "$keys/rsa2048.fingerprint")" "$keys/rsa2048.pem" >"$config"
chmod 600 "$config"
run --endpoint "$endpoint" --profile DEMO --config-file "$config" --compartment-id "$compartment" --stream "From a profile"
run --endpoint "$endpoint" --key-file "$keys/rsa3072.pem" --key-id "$key_id" --compartment-id "$compartment" "Wrong key"

echo
echo "server log:"
sed 1d "$log"
# Three good requests, one refused, all signed for host 127.0.0.1:PORT and the /openai/v1 target
# with the header list Oracle's SDKs (and oci-openai) sign for a POST.
signed="POST /openai/v1/chat/completions host=127.0.0.1:$port signed=\[date (request-target) host content-length content-type x-content-sha256\]"
[ "$(grep -c -- "^$signed -> 200$" "$log")" = 3 ] && [ "$(grep -c -- "^$signed -> 401" "$log")" = 1 ]
