#!/usr/bin/env bash
# Resource principals end to end against Oracle's reference harness: starts
# ../shared/federation/lib/fake_oci.py (fake Auth + API on 127.0.0.1), mints a resource
# principal session token (RPST) with the fake auth service's key for the harness's RP key, and
#   v2.2: runs `oci-sign sign --auth resource_principal FILE` with the variables inline and as
#         files, with and without a pass phrase (encrypted key), and checks that the keyId is
#         ST$<rpst>, that `oci-sign verify --key-file <RP key>` accepts it, and that the fake API
#         accepts it (it verifies ST$ signatures against the token's jwk claim);
#   v3.0: the leaf variables plus the parent RPT URL / RPST endpoint on the fake; checks that the
#         fake accepted the GET and the POST, that the keyId is ST$<the parent RPST the fake
#         minted>, and that the request verifies with the LEAF key;
#   v1.1: instance principals underneath (the fake IMDS and /v1/x509), the resource's token from
#         the fake's RPT route, exchanged at /v1/resourcePrincipalSessionToken; checks that the fake
#         accepted all three, that the GET and POST are signed as ST$<the instance token>, that the
#         keyId is ST$<the RPST the fake minted>, and that the fake API accepts the request; then the
#         same as the leaf of a v3.0;
#   bad:  a 2.1 version is refused as not supported, and no token or pass phrase is printed.
# Bounded: the fake exits by itself after 120 s and is killed by PID on exit.
# Usage: scripts/resource-principal-e2e.sh [path/to/shared/federation] [path/to/oci-sign]
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
fx="$work/federation/fixtures"
"$python" "$work/federation/lib/fake_oci.py" --fixtures "$fx" --ports-file "$work/ports.json" --max-seconds 120 \
  >"$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
[ -s "$work/ports.json" ] || { echo "fake_oci.py did not start" >&2; cat "$work/fake.log" >&2; exit 1; }
port() { "$python" -c "import json,sys; print(json.load(open('$work/ports.json'))['$1'])"; }
imds=$(port imds); auth=$(port auth); api=$(port api); control=$(port control)
reset() { curl -s --max-time 5 -X POST -d "{\"scenario\": \"$1\"}" "http://127.0.0.1:$control/reset" >/dev/null; }

# A fresh RPST for the RP key, signed by the fake auth service (the claims of capture.py's mint_rpst).
"$python" - "$work/federation/lib" "$fx" > "$work/rpst" <<'PY'
import json, sys, time
sys.path.insert(0, sys.argv[1])
import ocisig
from cryptography.hazmat.primitives import serialization
fx = sys.argv[2]
ident = json.load(open(f"{fx}/identity.json"))
authsvc = serialization.load_pem_private_key(open(f"{fx}/keys/authsvc_jwt.pem", "rb").read(), None)
rp = serialization.load_pem_private_key(open(f"{fx}/keys/rp_session.pem", "rb").read(), None)
now = int(time.time())
claims = {"sub": ident["rp_resource"], "res_type": "fnfunc", "res_id": ident["rp_resource"], "res_tenant": ident["tenancy"],
          "res_compartment": ident["compartment"], "ptype": "resource", "iss": "authService.oracle.com", "aud": "oci",
          "ttype": "res", "tenant": ident["tenancy"], "iat": now, "exp": now + 3600, "jti": f"e2e-rpst-{now}",
          "jwk": json.dumps(ocisig.jwk_of(rp.public_key(), "rp-session-key"), separators=(",", ":"))}
print(ocisig.jwt_encode(claims, authsvc))
PY
rpst="$(cat "$work/rpst")"   # the file keeps its trailing newline on purpose (the Python SDK fails on it)
printf 'GET /20160918/volumeBackups/ocid1.volumebackup.oc1.phx.kat HTTP/1.1\nHost: 127.0.0.1:%s\n\n' "$api" > "$work/request.http"
passphrase="$(cat "$fx/keys/rp_session_passphrase.txt")"

send_to_fake_api() {
  "$python" - "$1" "$api" <<'PY'
import socket, sys
raw = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
with socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=10) as s:
    s.sendall(raw)
    status = s.recv(65536).split(b"\r\n", 1)[0].decode()
sys.exit(0 if " 200 " in status else 1)
PY
}

# sign_case NAME EXPECTED_TOKEN VERIFY_KEY VAR=VALUE...: sign, check keyId, verify, send.
sign_case() {
  local name="$1" token="$2" key="$3"; shift 3
  local out="$work/signed-$name.http"
  env -i PATH="$PATH" HOME="$work" "$@" timeout 60 "$cli" sign --auth resource_principal "$work/request.http" > "$out" 2> "$work/err-$name"
  grep -q "keyId=\"ST\$$token\"" "$out" || { echo "$name: keyId is not ST\$<rpst>" >&2; exit 1; }
  "$cli" verify --key-file "$key" "$out" > "$work/verify-$name" || { echo "$name: oci-sign verify refused it" >&2; cat "$work/verify-$name" >&2; exit 1; }
  send_to_fake_api "$out" || { echo "$name: the fake API refused it" >&2; exit 1; }
  echo "resource principal $name: keyId ST\$<rpst>, verifies with the RP key (oci-sign verify), fake API 200"
}

reset rp-e2e
sign_case v2.2-inline "$rpst" "$fx/keys/rp_session.pem" OCI_RESOURCE_PRINCIPAL_VERSION=2.2 \
  OCI_RESOURCE_PRINCIPAL_RPST="$rpst" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM="$(cat "$fx/keys/rp_session.pem")" OCI_RESOURCE_PRINCIPAL_REGION=phx
sign_case v2.2-files "$rpst" "$fx/keys/rp_session.pem" OCI_RESOURCE_PRINCIPAL_VERSION=2.2 \
  OCI_RESOURCE_PRINCIPAL_RPST="$work/rpst" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM="$fx/keys/rp_session.pem" OCI_RESOURCE_PRINCIPAL_REGION=us-phoenix-1
sign_case v2.2-inline-passphrase "$rpst" "$fx/keys/rp_session.pem" OCI_RESOURCE_PRINCIPAL_VERSION=2.2 \
  OCI_RESOURCE_PRINCIPAL_RPST="$rpst" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM="$(cat "$fx/keys/rp_session_encrypted.pem")" \
  OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE="$passphrase"
printf '%s\n' "$passphrase" > "$work/passphrase"
sign_case v2.2-files-passphrase "$rpst" "$fx/keys/rp_session.pem" OCI_RESOURCE_PRINCIPAL_VERSION=2.2 \
  OCI_RESOURCE_PRINCIPAL_RPST="$work/rpst" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM="$fx/keys/rp_session_encrypted.pem" \
  OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE="$work/passphrase"

# v3.0: the leaf exchanges its token for the parent's at the fake.
reset rp-v3-e2e
v3=(OCI_RESOURCE_PRINCIPAL_VERSION=3.0 OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE=2.2
    OCI_RESOURCE_PRINCIPAL_RPST_FOR_LEAF_RESOURCE="$work/rpst" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_FOR_LEAF_RESOURCE="$fx/keys/rp_session.pem"
    OCI_RESOURCE_PRINCIPAL_REGION_FOR_LEAF_RESOURCE=phx
    OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE="http://127.0.0.1:$api/kat/rpv3/parentRpt"
    OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE="http://127.0.0.1:$auth")
start=$(date +%s%N)
env -i PATH="$PATH" HOME="$work" "${v3[@]}" timeout 60 "$cli" sign --auth resource_principal "$work/request.http" > "$work/signed-v3.http"
end=$(date +%s%N)
curl -s --max-time 5 "http://127.0.0.1:$control/log" > "$work/log.json"
parent="$("$python" - "$work/log.json" "$rpst" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))["requests"]
get = [r for r in log if r["listener"] == "api" and r["request_line"].startswith("GET /kat/rpv3/parentRpt")]
post = [r for r in log if r["listener"] == "auth" and r["request_line"].startswith("POST /v1/resourcePrincipalSessionToken")]
assert len(get) == 1 and get[0]["verification"]["ok"], get
assert len(post) == 1 and post[0]["verification"]["ok"], post
assert get[0]["verification"]["authorization_params"]["keyId"] == "ST$" + sys.argv[2], "the GET is not signed as the leaf"
assert post[0]["verification"]["signed_headers"] == ["date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"]
assert post[0]["rpst_body_keys"] == ["resourcePrincipalToken", "servicePrincipalSessionToken", "sessionPublicKey"], post[0]["rpst_body_keys"]
print(post[0]["minted_token"])
PY
)"
grep -q "keyId=\"ST\$$parent\"" "$work/signed-v3.http" || { echo "v3.0: keyId is not ST\$<parent rpst>" >&2; exit 1; }
"$cli" verify --key-file "$fx/keys/rp_session.pem" "$work/signed-v3.http" > "$work/verify-v3" || { echo "v3.0: does not verify with the leaf key" >&2; exit 1; }
send_to_fake_api "$work/signed-v3.http" || { echo "v3.0: the fake API refused it" >&2; exit 1; }
echo "resource principal v3.0: the fake accepted the leaf's GET and POST, keyId ST\$<parent rpst>, verifies with the leaf key, fake API 200 ($(( (end - start) / 1000000 )) ms for oci-sign sign)"

# v1.1: the instance principal fetches the resource's token and exchanges it (and, second, as a v3.0 leaf).
v11=(OCI_METADATA_BASE_URL="http://127.0.0.1:$imds/opc/v2" OCI_SDK_AUTH_CLIENT_REGION_URL="http://127.0.0.1:$auth"
     OCI_RESOURCE_PRINCIPAL_VERSION=1.1 OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT="http://127.0.0.1:$api"
     OCI_RESOURCE_PRINCIPAL_RPT_PATH=/kat/rpv3/parentRpt OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT="http://127.0.0.1:$auth")
v11_leaf=(OCI_METADATA_BASE_URL="http://127.0.0.1:$imds/opc/v2" OCI_SDK_AUTH_CLIENT_REGION_URL="http://127.0.0.1:$auth"
     OCI_RESOURCE_PRINCIPAL_VERSION=3.0 OCI_RESOURCE_PRINCIPAL_VERSION_FOR_LEAF_RESOURCE=1.1
     OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT_FOR_LEAF_RESOURCE="http://127.0.0.1:$api"
     OCI_RESOURCE_PRINCIPAL_RPT_PATH_FOR_LEAF_RESOURCE=/kat/rpv3/parentRpt
     OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_LEAF_RESOURCE="http://127.0.0.1:$auth"
     OCI_RESOURCE_PRINCIPAL_RPT_URL_FOR_PARENT_RESOURCE="http://127.0.0.1:$api/kat/rpv3/parentRpt?parent=1"
     OCI_RESOURCE_PRINCIPAL_RPST_ENDPOINT_FOR_PARENT_RESOURCE="http://127.0.0.1:$auth")
for flavour in v1.1 v3.0-leaf-v1.1; do
  reset "rp-$flavour-e2e"
  if [ "$flavour" = v1.1 ]; then vars=("${v11[@]}"); exchanges=1; else vars=("${v11_leaf[@]}"); exchanges=2; fi
  start=$(date +%s%N)
  env -i PATH="$PATH" HOME="$work" "${vars[@]}" timeout 60 "$cli" sign --auth resource_principal "$work/request.http" \
    > "$work/signed-$flavour.http" 2> "$work/err-$flavour" || { echo "$flavour: oci-sign sign failed" >&2; cat "$work/err-$flavour" >&2; exit 1; }
  end=$(date +%s%N)
  curl -s --max-time 5 "http://127.0.0.1:$control/log" > "$work/log-$flavour.json"
  minted="$("$python" - "$work/log-$flavour.json" "$exchanges" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))["requests"]
fed = [r for r in log if r["listener"] == "auth" and r["request_line"].startswith("POST /v1/x509 ")]
gets = [r for r in log if r["listener"] == "api" and r["request_line"].startswith("GET /kat/rpv3/parentRpt")]
posts = [r for r in log if r["listener"] == "auth" and r["request_line"].startswith("POST /v1/resourcePrincipalSessionToken")]
assert len(fed) == 1 and fed[0]["verification"]["ok"], "expected one accepted federation"
assert len(gets) == int(sys.argv[2]) and all(r["verification"]["ok"] for r in gets), gets
assert len(posts) == int(sys.argv[2]) and all(r["verification"]["ok"] for r in posts), posts
assert gets[0]["verification"]["authorization_params"]["keyId"] == "ST$" + fed[0]["minted_token"], "the RPT GET is not signed as the instance"
assert posts[0]["verification"]["authorization_params"]["keyId"] == "ST$" + fed[0]["minted_token"], "the RPST POST is not signed as the instance"
assert all(r["rpst_body_keys"] == ["resourcePrincipalToken", "servicePrincipalSessionToken", "sessionPublicKey"] for r in posts)
if len(posts) == 2:
    assert gets[1]["verification"]["authorization_params"]["keyId"] == "ST$" + posts[0]["minted_token"], "the parent GET is not signed as the leaf"
    assert json.loads(posts[1]["body"])["sessionPublicKey"] == json.loads(posts[0]["body"])["sessionPublicKey"], "the parent token is not bound to the leaf key"
print(posts[-1]["minted_token"])
PY
)"
  grep -q "keyId=\"ST\$$minted\"" "$work/signed-$flavour.http" || { echo "$flavour: keyId is not ST\$<the minted rpst>" >&2; exit 1; }
  send_to_fake_api "$work/signed-$flavour.http" || { echo "$flavour: the fake API refused it" >&2; exit 1; }
  echo "resource principal $flavour: the fake accepted the federation, $exchanges RPT GET(s) and RPST POST(s) signed as the instance (then the leaf), keyId ST\$<minted rpst>, fake API 200 ($(( (end - start) / 1000000 )) ms for oci-sign sign)"
done

env -i PATH="$PATH" HOME="$work" "${v3[@]}" timeout 60 "$cli" auth check --auth resource_principal > "$work/check" 2>&1 \
  || { echo "auth check failed" >&2; cat "$work/check" >&2; exit 1; }
grep -q "^method: resource_principal" "$work/check" && grep -q "^resource principal version: 3.0" "$work/check" \
  || { echo "auth check does not show the resource principal" >&2; cat "$work/check" >&2; exit 1; }

# Bad input: refused by name, no secret printed.
set +e
env -i PATH="$PATH" HOME="$work" OCI_RESOURCE_PRINCIPAL_VERSION=2.1 OCI_RESOURCE_PRINCIPAL_RPST="$rpst" \
  timeout 60 "$cli" sign --auth resource_principal "$work/request.http" > "$work/bad.out" 2>&1
status=$?
env -i PATH="$PATH" HOME="$work" OCI_RESOURCE_PRINCIPAL_VERSION=2.2 OCI_RESOURCE_PRINCIPAL_RPST="$rpst" \
  OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM="$(cat "$fx/keys/rp_session_encrypted.pem")" OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE=wrong-e2e-phrase \
  timeout 60 "$cli" sign --auth resource_principal "$work/request.http" >> "$work/bad.out" 2>&1
status2=$?
set -e
[ "$status" -ne 0 ] && [ "$status2" -ne 0 ] && grep -q "version 2.1 is not supported" "$work/bad.out" \
  || { echo "bad input was not refused as expected" >&2; cat "$work/bad.out" >&2; exit 1; }
if grep -qF -e "$rpst" -e "wrong-e2e-phrase" -e "$passphrase" "$work/bad.out" "$work"/err-* "$work/check"; then
  echo "a token or pass phrase was printed" >&2; exit 1
fi
echo "resource principal bad input: 2.1 refused as not supported, wrong pass phrase refused, no token or pass phrase printed"
echo "resource-principal-e2e: OK"
