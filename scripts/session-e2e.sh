#!/usr/bin/env bash
# End to end for session tokens (UPST) against Oracle's reference harness: starts
# ../shared/federation/lib/fake_oci.py, writes a session profile whose token the fake's auth
# service signed (claims as in kat/session_token.json, bound to fixtures/keys/upst_session.pem,
# valid from now), runs
#   oci-sign session validate   and   oci-sign session refresh
# with OCI_SDK_AUTH_CLIENT_REGION_URL pointing at the fake, and checks that
#   1. the fake verified the refresh request (signature with the token's jwk, body hash, length),
#      signed over date (request-target) host content-length content-type x-content-sha256,
#      keyId ST$<old token>, body {"currentToken": "<old token>"};
#   2. the token file now holds exactly the token the fake minted, still mode 0600;
#   3. no output holds the token;
#   4. bad input fails with a typed error and leaves the file alone: a session past sess_exp, a
#      token that is not a JWT, a profile without security_token_file, a refused refresh (HTTP
#      401), an answer without a token.
# Bounded: the fake exits by itself after 120 s and is killed by PID on exit.
# Usage: scripts/session-e2e.sh [path/to/shared/federation] [path/to/oci-sign]
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
cleanup() {
  [ -n "${fake_pid:-}" ] && kill "$fake_pid" 2>/dev/null || true
  [ -n "${bad_pid:-}" ] && kill "$bad_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp -R "$harness" "$work/federation"
chmod -R u+w "$work/federation"
fix="$work/federation/fixtures"
"$python" "$work/federation/lib/fake_oci.py" --fixtures "$fix" --ports-file "$work/ports.json" --max-seconds 120 \
  >"$work/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
[ -s "$work/ports.json" ] || { echo "fake_oci.py did not start" >&2; cat "$work/fake.log" >&2; exit 1; }
port() { "$python" -c "import json,sys; print(json.load(open('$work/ports.json'))['$1'])"; }
auth=$(port auth); control=$(port control)
curl -s --max-time 5 -X POST -d '{"scenario": "swift-session-e2e"}' "http://127.0.0.1:$control/reset" >/dev/null

# A token as the fake's auth service would have minted at `oci session authenticate` time.
mint() { # mint <exp offset> <sess_exp offset> <jti>
  "$python" - "$fix" "$@" <<'PY'
import email.utils, json, sys, time
sys.path.insert(0, sys.argv[1] + "/../lib")
import ocisig
from cryptography.hazmat.primitives import serialization
fix, exp_off, sess_off, jti = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ident = json.load(open(fix + "/identity.json"))
auth = serialization.load_pem_private_key(open(fix + "/keys/authsvc_jwt.pem", "rb").read(), None)
session = serialization.load_pem_private_key(open(fix + "/keys/upst_session.pem", "rb").read(), None)
now = int(time.time())
claims = {"sub": ident.get("user", "ocid1.user.oc1..kat"), "ptype": "user", "iss": "authService.oracle.com", "aud": "oci",
          "ttype": "login", "tenant": ident["tenancy"],
          "sess_exp": email.utils.formatdate(now + sess_off, usegmt=True).replace("GMT", "UTC"),
          "iat": now - 600, "exp": now + exp_off, "jti": jti,
          "jwk": json.dumps(ocisig.jwk_of(session.public_key(), "upst-session-key"), separators=(",", ":"))}
print(ocisig.jwt_encode(claims, auth), end="")
PY
}

home="$work/home"
mkdir -p "$home/.oci/sessions/e2e"
cp "$fix/keys/upst_session.pem" "$home/.oci/sessions/e2e/oci_api_key.pem"
chmod 600 "$home/.oci/sessions/e2e/oci_api_key.pem"
token_file="$home/.oci/sessions/e2e/token"
mint 3000 86400 e2e-1 > "$token_file"
chmod 600 "$token_file"
old_token="$(cat "$token_file")"
cat > "$home/.oci/config" <<EOF
[e2e]
fingerprint=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff
key_file=~/.oci/sessions/e2e/oci_api_key.pem
tenancy=ocid1.tenancy.oc1..aaaaaaaaic5eporuxxun4etiydg7wsuy4cgd2urmd2fitek2v2dk7m2wgmfu
region=us-phoenix-1
security_token_file=~/.oci/sessions/e2e/token

[apikey]
fingerprint=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff
key_file=~/.oci/sessions/e2e/oci_api_key.pem
tenancy=ocid1.tenancy.oc1..aaaaaaaaic5eporuxxun4etiydg7wsuy4cgd2urmd2fitek2v2dk7m2wgmfu
user=ocid1.user.oc1..aaaaaaaawvmvrgm6dgc3mrinlckiqw7yi7o7lgojkvjluidghd3jrhri4hi3
region=us-phoenix-1

[notjwt]
key_file=~/.oci/sessions/e2e/oci_api_key.pem
region=us-phoenix-1
security_token_file=~/.oci/sessions/e2e/notjwt

[ended]
key_file=~/.oci/sessions/e2e/oci_api_key.pem
region=us-phoenix-1
security_token_file=~/.oci/sessions/e2e/ended
EOF
chmod 600 "$home/.oci/config"
run() { HOME="$home" OCI_SDK_AUTH_CLIENT_REGION_URL="${AUTH_URL:-http://127.0.0.1:$auth}" timeout 60 "$cli" "$@"; }
leaks() { ! grep -qF "${old_token#*.}" "$@" && ! grep -qF "$(cat "$token_file" | cut -d. -f2)" "$@"; }

run session validate --profile e2e > "$work/validate.out"
grep -q "^status: *valid" "$work/validate.out"
start=$(date +%s%N)
run session refresh --profile e2e > "$work/refresh.out" 2> "$work/refresh.err"
end=$(date +%s%N)
echo "oci-sign session refresh: $(( (end - start) / 1000000 )) ms (process start, config + key, signing, POST, atomic write)"
[ "$(stat -c %a "$token_file")" = 600 ] || { echo "token file mode changed to $(stat -c %a "$token_file")" >&2; exit 1; }
leaks "$work/validate.out" "$work/refresh.out" "$work/refresh.err" || { echo "a token appears in the output" >&2; exit 1; }

curl -s --max-time 5 "http://127.0.0.1:$control/log" > "$work/log.json"
"$python" - "$work/log.json" "$token_file" "$old_token" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))["requests"]
new, old = open(sys.argv[2]).read(), sys.argv[3]
refresh = [r for r in log if r["listener"] == "auth" and r["request_line"].startswith("POST /v1/authentication/refresh")]
assert len(refresh) == 1, f"expected one refresh, got {len(refresh)}"
r = refresh[0]
v = r["verification"]
assert v["ok"] and v["signature_valid"] and v["body_sha256_matches"] and v["content_length_matches"], v
assert v["signed_headers"] == ["date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"], v["signed_headers"]
assert v["authorization_params"]["keyId"] == "ST$" + old, "keyId is not ST$<the old token>"
assert r["body"] == json.dumps({"currentToken": old}), "body is not {\"currentToken\": <old token>} in json.dumps form"
assert r["response_status"] == 200, r["response_status"]
assert new == r["minted_token"], "the token file does not hold the token the fake minted"
assert new != old
print(f"refresh verified by the fake (keyId ST$<old token>, {len(v['signed_headers'])} signed headers); "
      f"the token file holds the token the fake minted (jti {json.loads(__import__('base64').urlsafe_b64decode(new.split('.')[1] + '==')).get('jti')})")
PY
run session validate --profile e2e | grep -q "^status: *valid"

# Bad input: each must fail with its typed error and leave the files alone.
expect() { # expect <status> <code> <args...>
  local want=$1 code=$2; shift 2
  local before; before="$(sha256sum "$token_file")"
  set +e; run "$@" > "$work/bad.out" 2> "$work/bad.err"; local got=$?; set -e
  [ "$got" = "$want" ] || { echo "oci-sign $*: exit $got, expected $want" >&2; cat "$work/bad.err" >&2; exit 1; }
  grep -q "\[$code\]" "$work/bad.err" || { echo "oci-sign $*: no [$code]" >&2; cat "$work/bad.err" >&2; exit 1; }
  [ "$before" = "$(sha256sum "$token_file")" ] || { echo "oci-sign $*: the token file changed" >&2; exit 1; }
  leaks "$work/bad.out" "$work/bad.err" || { echo "oci-sign $*: a token appears in the output" >&2; exit 1; }
  echo "  $* -> exit $got [$code]"
}
mint -7200 -3600 ended > "$home/.oci/sessions/e2e/ended"
printf 'not-a-jwt-at-all\n' > "$home/.oci/sessions/e2e/notjwt"
echo "bad input:"
expect 2 sessionEnded session refresh --profile ended
expect 2 invalidSessionToken session refresh --profile notjwt
expect 2 missingConfigValue session refresh --profile apikey
set +e; run session validate --profile ended > "$work/bad.out" 2>&1; status=$?; set -e
[ "$status" = 1 ] && grep -q "session ended" "$work/bad.out" || { echo "validate of an ended session: exit $status" >&2; exit 1; }
echo "  session validate --profile ended -> exit 1 (session ended)"
# The fake refuses a token it did not sign: a JWT-shaped token from another issuer.
good="$(cat "$token_file")"
printf '%s' "${good%.*}.c2lnbmF0dXJl" > "$token_file"
expect 1 sessionRefreshFailed session refresh --profile e2e
printf '%s' "$good" > "$token_file"

# An auth service that answers 200 without a token.
"$python" - "$work/bad-port" <<'PY' &
import http.server, sys, threading
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        body = b'{"notToken": "x"}'
        self.send_response(200); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1])); __import__("os").replace(sys.argv[1] + ".tmp", sys.argv[1])
threading.Timer(60, s.shutdown).start()
s.serve_forever()
PY
bad_pid=$!
for _ in $(seq 1 50); do [ -s "$work/bad-port" ] && break; sleep 0.1; done
AUTH_URL="http://127.0.0.1:$(cat "$work/bad-port")" expect 1 sessionRefreshFailed session refresh --profile e2e
[ "${VERBOSE:-0}" = 1 ] && cat "$work/refresh.out" "$work/validate.out" "$work/bad.err"
echo "session-e2e: OK"
