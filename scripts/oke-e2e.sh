#!/usr/bin/env bash
# OKE workload identity end to end against Oracle's reference harness: starts
# ../shared/federation/lib/fake_oci.py (its proxymux is real TLS, signed by fixtures/tls/k8s_ca.pem)
# and runs
#   oci-sign sign --auth oke_workload_identity FILE
# built with the AsyncHTTPClient trait (URLSession on Linux cannot trust only one CA), then checks:
#   1. the proxymux received the service-account token as a Bearer and a podKey;
#   2. the signed request's keyId is ST$<the RPST the fake minted> (not ST$ST$);
#   3. its signature verifies with the podKey the fake received (here, with `cryptography`) and
#      the fake API accepts it (it verifies against the token's jwk claim);
#   4. with another CA as OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH the same command is refused
#      (untrustedServerCertificate) and nothing is signed.
# The fake's service-account token is replaced by one valid for an hour (the recorded one expired
# in 2014). Bounded: the fake exits by itself after 120 s and is killed by PID on exit.
# Usage: scripts/oke-e2e.sh [path/to/shared/federation] [path/to/oci-sign built with the trait]
# Without an oci-sign it builds one: OKE_E2E_TRAITS (default AsyncHTTPClient; IntegrationTests
# implies it) in OKE_E2E_SCRATCH (default .build-ahc), e.g. the CI reuses .build-integration.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
harness="${1:-$root/../shared/federation}"
[ -d "$harness/lib" ] || harness=/work/shared/federation
cli="${2:-}"
if [ -z "$cli" ]; then
  traits="${OKE_E2E_TRAITS:-AsyncHTTPClient}"; scratch="${OKE_E2E_SCRATCH:-.build-ahc}"
  # A trait build pins SwiftNIO & co. in Package.resolved: put the plain build's pins back after.
  saved_resolved=""
  if [ -f "$root/Package.resolved" ]; then saved_resolved="$(mktemp)"; cp "$root/Package.resolved" "$saved_resolved"; fi
  (cd "$root" && swift build --traits "$traits" --scratch-path "$scratch" --product oci-sign >/dev/null)
  cli="$(cd "$root" && swift build --traits "$traits" --scratch-path "$scratch" --show-bin-path)/oci-sign"
  if [ -n "$saved_resolved" ]; then mv "$saved_resolved" "$root/Package.resolved"; else rm -f "$root/Package.resolved"; fi
fi
python=python3
python3 -c "import cryptography" 2>/dev/null || { echo "needs python3 with cryptography" >&2; exit 2; }

work="$(mktemp -d)"
cleanup() { [ -n "${fake_pid:-}" ] && kill "$fake_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp -R "$harness" "$work/federation"
chmod -R u+w "$work/federation"
fixtures="$work/federation/fixtures"

# A service-account token (JWT-shaped; the fake compares it, our code checks its exp).
"$python" - "$fixtures/sa_token.txt" <<'PY'
import base64, json, sys, time
b = lambda o: base64.urlsafe_b64encode(json.dumps(o).encode()).rstrip(b"=").decode()
now = int(time.time())
token = b({"alg": "RS256", "typ": "JWT"}) + "." + b({"sub": "system:serviceaccount:default:e2e", "iat": now, "exp": now + 3600}) + ".c2ln"
open(sys.argv[1], "w").write(token + "\n")
PY

"$python" "$work/federation/lib/fake_oci.py" --fixtures "$fixtures" --ports-file "$work/ports.json" --max-seconds 120 \
  >"$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
[ -s "$work/ports.json" ] || { echo "fake_oci.py did not start" >&2; cat "$work/fake.log" >&2; exit 1; }
port() { "$python" -c "import json,sys; print(json.load(open('$work/ports.json'))['$1'])"; }
api=$(port api); proxymux=$(port proxymux); control=$(port control)
curl -s --max-time 5 -X POST -d '{"scenario": "swift-oke-e2e"}' "http://127.0.0.1:$control/reset" >/dev/null

printf 'GET /20160918/volumeBackups/ocid1.volumebackup.oc1.phx.kat HTTP/1.1\nHost: 127.0.0.1:%s\n\n' "$api" > "$work/request.http"
run() {  # run CA_FILE: oci-sign sign --auth oke_workload_identity as a pod would
  KUBERNETES_SERVICE_HOST=127.0.0.1 OCI_KUBERNETES_PROXYMUX_SERVICE_PORT="$proxymux" \
    OCI_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH="$fixtures/sa_token.txt" OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH="$1" \
    OCI_RESOURCE_PRINCIPAL_REGION=phx HOME="$work" timeout 60 "$cli" sign --auth oke_workload_identity "$work/request.http"
}
start=$(date +%s%N)
run "$fixtures/tls/k8s_ca.pem" > "$work/signed.http"
end=$(date +%s%N)
echo "oci-sign sign --auth oke_workload_identity: $(( (end - start) / 1000000 )) ms (process start, RSA-2048 keygen, TLS exchange, signing)"

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
mux = [r for r in log if r["listener"] == "proxymux"]
api = [r for r in log if r["listener"] == "api"]
assert len(mux) == 1, f"expected one proxymux exchange, got {len(mux)}"
assert mux[0]["tls"] and mux[0]["bearer_matches_service_account_token"], "proxymux did not get the service-account token"
assert mux[0]["proxymux_body_keys"] == ["podKey"], mux[0]["proxymux_body_keys"]
assert mux[0]["body"].startswith('{"podKey": "'), mux[0]["body"][:20]
rpst = mux[0]["minted_token"]
signed = open(sys.argv[2], encoding="ascii").read()
assert f'keyId="ST${rpst}"' in signed and 'keyId="ST$ST$' not in signed, "keyId is not ST$<minted RPST>"
assert len(api) == 1 and api[0]["verification"]["ok"], api[0]["verification"] if api else "no API request"
v = api[0]["verification"]
key = serialization.load_der_public_key(base64.b64decode(json.loads(mux[0]["body"])["podKey"]))
key.verify(base64.b64decode(v["authorization_params"]["signature"]), v["signing_string"].encode("ascii"),
           padding.PKCS1v15(), hashes.SHA256())
print("proxymux exchange over TLS accepted, keyId ST$<minted RPST>, signature verifies with the podKey the fake received")
PY

# Another CA: the proxymux's certificate is not signed by it, so nothing may be signed.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/other-ca.key" -out "$work/other-ca.pem" -days 1 \
  -subj "/CN=some other cluster CA" >/dev/null 2>&1
if run "$work/other-ca.pem" > "$work/refused.http" 2> "$work/refused.err"; then
  echo "signed although the proxymux certificate is not signed by the given CA" >&2; exit 1
fi
[ ! -s "$work/refused.http" ] || { echo "printed a request with an untrusted proxymux" >&2; exit 1; }
grep -q "untrustedServerCertificate" "$work/refused.err" || { echo "unexpected error:" >&2; cat "$work/refused.err" >&2; exit 1; }
echo "refused with another CA: $(head -c 300 "$work/refused.err")"
echo "oke-e2e: OK"
