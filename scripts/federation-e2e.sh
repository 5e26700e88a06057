#!/usr/bin/env bash
# End to end against Oracle's reference harness: starts ../shared/federation/lib/fake_oci.py
# (fake IMDS + Auth + API on 127.0.0.1), runs
#   oci-sign sign --auth instance_principal FILE
# with OCI_METADATA_BASE_URL and OCI_SDK_AUTH_CLIENT_REGION_URL pointing at it, sends the signed
# request to the fake API, and checks with the fake's GET /log that
#   1. the fake auth service accepted the federation request (signature, body hash, keyId);
#   2. the signed request's keyId is ST$<the token the fake minted>;
#   3. its signature verifies with the session public key the fake received (checked here with
#      `cryptography`, and by the fake API against the token's jwk claim).
# Bounded: the fake exits by itself after 120 s and is killed by PID on exit.
# Usage: scripts/federation-e2e.sh [path/to/shared/federation] [path/to/oci-sign]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
harness="${1:-$root/../shared/federation}"
[ -d "$harness/lib" ] || harness=/work/shared/federation
cli="${2:-}"
if [ -z "$cli" ]; then
  (cd "$root" && swift build --product oci-sign >/dev/null)
  cli="$(cd "$root" && swift build --show-bin-path)/oci-sign"
fi
python=python3
python3 -c "import cryptography" 2>/dev/null || { echo "needs python3 with cryptography" >&2; exit 2; }

work="$(mktemp -d)"
cleanup() { [ -n "${fake_pid:-}" ] && kill "$fake_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp -R "$harness" "$work/federation"
chmod -R u+w "$work/federation"
"$python" "$work/federation/lib/fake_oci.py" --fixtures "$work/federation/fixtures" --ports-file "$work/ports.json" --max-seconds 120 \
  >"$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
[ -s "$work/ports.json" ] || { echo "fake_oci.py did not start" >&2; cat "$work/fake.log" >&2; exit 1; }
port() { "$python" -c "import json,sys; print(json.load(open('$work/ports.json'))['$1'])"; }
imds=$(port imds); auth=$(port auth); api=$(port api); control=$(port control)
curl -s --max-time 5 -X POST -d '{"scenario": "swift-e2e"}' "http://127.0.0.1:$control/reset" >/dev/null

printf 'GET /20160918/volumeBackups/ocid1.volumebackup.oc1.phx.kat HTTP/1.1\nHost: 127.0.0.1:%s\n\n' "$api" > "$work/request.http"
start=$(date +%s%N)
OCI_METADATA_BASE_URL="http://127.0.0.1:$imds/opc/v2" OCI_SDK_AUTH_CLIENT_REGION_URL="http://127.0.0.1:$auth" \
  HOME="$work" timeout 60 "$cli" sign --auth instance_principal "$work/request.http" > "$work/signed.http"
end=$(date +%s%N)
echo "oci-sign sign --auth instance_principal: $(( (end - start) / 1000000 )) ms (process start, IMDS reads, RSA-2048 keygen, federation, signing)"

# Send the signed request to the fake API, which verifies ST$ signatures against the token's jwk.
"$python" - "$work/signed.http" "$api" <<'PY'
import socket, sys
raw = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=10) as s:
    s.sendall(raw)
    status = s.recv(65536).split(b"\r\n", 1)[0].decode()
print("fake API answered:", status)
sys.exit(0 if " 200 " in status else 1)
PY

curl -s --max-time 5 "http://127.0.0.1:$control/log" > "$work/log.json"
"$python" - "$work/log.json" "$work/signed.http" <<'PY'
import base64, json, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
log = json.load(open(sys.argv[1]))["requests"]
fed = [r for r in log if r["listener"] == "auth" and r["request_line"].startswith("POST /v1/x509")]
api = [r for r in log if r["listener"] == "api"]
imds = [r for r in log if r["listener"] == "imds"]
assert len(fed) == 1, f"expected one federation, got {len(fed)}"
assert fed[0]["verification"]["ok"], fed[0]["verification"]
assert all(dict((k.lower(), v) for k, v in r["headers"]).get("authorization") == "Bearer Oracle" for r in imds), "IMDS without Bearer Oracle"
signed_headers = fed[0]["verification"]["signed_headers"]
assert signed_headers == ["date", "(request-target)", "content-length", "content-type", "x-content-sha256"], signed_headers
token = fed[0]["minted_token"]
session = json.loads(fed[0]["body"])["publicKey"]
signed = open(sys.argv[2], encoding="ascii").read()
assert f'keyId="ST${token}"' in signed, "keyId is not ST$<minted token>"
assert len(api) == 1 and api[0]["verification"]["ok"], api[0]["verification"] if api else "no API request"
v = api[0]["verification"]
key = serialization.load_der_public_key(base64.b64decode(session))
key.verify(base64.b64decode(v["authorization_params"]["signature"]), v["signing_string"].encode("ascii"),
           padding.PKCS1v15(), hashes.SHA256())
print(f"federation accepted by the fake (keyId {fed[0]['verification']['authorization_params']['keyId'][:40]}…), "
      f"{len(imds)} IMDS GETs with Bearer Oracle, signed request verifies with the session key the fake received")
PY
if [ "${MEASURE:-0}" = 1 ]; then
  (cd "$root" && OCI_FEDERATION_FAKE_PORTS="$work/ports.json" timeout 300 swift test --skip-build \
      --filter FederationLoopbackMeasurement 2>&1 | grep "federation over loopback" || true)
fi
"$root/scripts/session-e2e.sh" "$harness" "$cli"
# Resource principals (v2.2 inline/files, with/without pass phrase; v3.0) against the same harness.
"$root/scripts/resource-principal-e2e.sh" "$harness" "$cli"
echo "federation-e2e: OK"
