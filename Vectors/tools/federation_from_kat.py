#!/usr/bin/env python3
"""Copy the instance-principal known answers of the federation harness into Vectors/federation/.

Input: ../shared/federation (kat/*.json and fixtures/), produced by Oracle's Python SDK
oci 2.189.0 against fake IMDS/Auth servers. Nothing here is computed by the Swift code: every
expected value is a byte string the SDK sent, copied verbatim.

Usage: python3 Vectors/tools/federation_from_kat.py /path/to/federation
"""
import base64, json, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/federation"
dst = os.path.join(os.path.dirname(__file__), "..", "federation")


def write(path, data):
    path = os.path.join(dst, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def kat(name):
    with open(os.path.join(src, "kat", name)) as f:
        return json.load(f)


def api_case(folder, api, token, description, extra=None):
    headers = dict((k.lower(), v) for k, v in api["headers"])
    signed = api["signed"]
    meta = {"description": description, "method": api["request_line"].split(" ")[0],
            "target": api["request_line"].split(" ")[1], "host": headers["host"],
            "signedHeaders": signed["signed_headers"], "sessionKey": "session-key.pem",
            "source": {"name": "oci-python-sdk", "version": "2.189.0", "harness": "shared/federation (capture.py + fake_oci.py)"}}
    meta.update(extra or {})
    write(f"{folder}/case.json", json.dumps(meta, indent=2) + "\n")
    write(f"{folder}/request.raw", base64.b64decode(api["raw_b64"]))
    write(f"{folder}/signing-string.txt", signed["signing_string"])
    write(f"{folder}/signature.txt", signed["authorization_params"]["signature"])
    write(f"{folder}/key-id.txt", signed["authorization_params"]["keyId"])


ip = kat("instance_principals.json")
fed = ip["federation_request"]
inputs = ip["inputs"]
case = "instance-principals"
for name in ["identity/cert.pem", "identity/key.pem", "identity/intermediate.pem", "instance/region"]:
    write(f"{case}/imds/{name}", inputs["imds"][name])
write(f"{case}/session-key.pem", inputs["session_private_key_used_pem"])
write(f"{case}/federation/request.raw", base64.b64decode(fed["raw_b64"]))
write(f"{case}/federation/body.json", fed["body"])
write(f"{case}/federation/signing-string.txt", fed["signed"]["signing_string"])
auth = [v for k, v in fed["headers"] if k.lower() == "authorization"][0]
write(f"{case}/federation/authorization.txt", auth)
write(f"{case}/federation/response.json", fed["response"]["body"])
write(f"{case}/token.txt", ip["token"]["jwt"])
write(f"{case}/case.json", json.dumps({
    "description": ip["description"],
    "date": ip["harness"]["pinned_clock"]["date"],
    "federationEndpoint": "http://127.0.0.1:47111/v1/x509",
    "derived": ip["derived"],
    "token": {"iat": ip["token"]["claims"]["iat"], "exp": ip["token"]["claims"]["exp"]},
    "imdsRequestsInOrder": [r["request_line"] for r in ip["imds_requests_in_order"]],
    "source": {"name": "oci-python-sdk", "version": "2.189.0", "kat": "kat/instance_principals.json",
               "harness": "shared/federation (capture.py + fake_oci.py)",
               "note": "session key = fixtures/keys/session_1.pem (Python discards generation 0); date pinned via oci.signer.inject_missing_headers"},
}, indent=2) + "\n")
for i, api in enumerate(ip["api_requests"]):
    api_case(f"{case}/api-{api['request_line'].split(' ')[0].lower()}", api, ip["token"]["jwt"],
             "A service call signed with keyId ST$<token> and the session key")

variants = kat("instance_principals_variants.json")
obo = variants["delegation_token"]
for api in obo["api_requests"]:
    method = api["request_line"].split(" ")[0].lower()
    api_case(f"{case}/delegation-{method}", api, None,
             "Delegation (InstancePrincipalsDelegationTokenSigner): opc-obo-token signed right after host",
             {"delegationToken": obo["delegation_token"]})

layouts = variants["tenancy_extraction"]["layouts"]
tenancy = {"expected": variants["tenancy_extraction"]["expected"], "layouts": {}}
for rel, info in layouts.items():
    name = os.path.basename(rel)
    with open(os.path.join(src, "fixtures", rel), "rb") as f:
        write(f"tenancy-extraction/{name}", f.read())
    tenancy["layouts"][name] = {"sdk": info["sdk_get_tenancy_id_from_certificate"], "naiveByteScan": info["naive_der_byte_scan"]}
tenancy["source"] = {"name": "oci-python-sdk", "version": "2.189.0", "kat": "kat/instance_principals_variants.json -> tenancy_extraction"}
write("tenancy-extraction/case.json", json.dumps(tenancy, indent=2) + "\n")
for name in ["cert_wrong_key.pem", "cert_other_tenancy.pem", "intermediate_two_certs.pem"]:
    with open(os.path.join(src, "fixtures", "quirks", name), "rb") as f:
        write(f"quirks/{name}", f.read())


def upst_section():
    """Session tokens (UPST): the refresh call of `oci session refresh`, and a service call."""
    st = kat("session_token.json")
    refresh = st["refresh_request"]
    case = "session-token"
    write(f"{case}/session-key.pem", st["inputs"]["key_file_pem"])
    write(f"{case}/config", st["inputs"]["config"])
    write(f"{case}/token.txt", st["inputs"]["token"])
    write(f"{case}/refresh/request.raw", base64.b64decode(refresh["raw_b64"]))
    write(f"{case}/refresh/body.json", refresh["body"])
    write(f"{case}/refresh/signing-string.txt", refresh["signed"]["signing_string"])
    write(f"{case}/refresh/authorization.txt", [v for k, v in refresh["headers"] if k.lower() == "authorization"][0])
    write(f"{case}/refresh/response.json", refresh["response"]["body"])
    write(f"{case}/refreshed-token.txt", st["refreshed_token"]["jwt"])
    host = dict((k.lower(), v) for k, v in refresh["headers"])["host"]
    claims = st["inputs"]["token_claims"]
    write(f"{case}/case.json", json.dumps({
        "description": st["description"],
        "date": st["harness"]["pinned_clock"]["date"],
        "refreshEndpoint": f"http://{host}{refresh['request_line'].split(' ')[1]}",
        "signedHeaders": refresh["signed"]["signed_headers"],
        "token": {"iat": claims["iat"], "exp": claims["exp"], "sess_exp": claims["sess_exp"]},
        "refreshedToken": {"exp": st["refreshed_token"]["claims"]["exp"], "sess_exp": st["refreshed_token"]["claims"]["sess_exp"]},
        "source": {"name": "oci-python-sdk", "version": "2.189.0", "kat": "kat/session_token.json",
                   "harness": "shared/federation (capture.py + fake_oci.py)",
                   "note": "the refresh call is the OCI CLI's / Java SDK's, sent through oci.auth.signers.SecurityTokenSigner; key = key_file; date pinned via oci.signer.inject_missing_headers"},
    }, indent=2) + "\n")
    api_case(f"{case}/api-get", st["api_request"], st["inputs"]["token"],
             "A service call signed with keyId ST$<contents of security_token_file> and key_file")


upst_section()
print("wrote", dst)
