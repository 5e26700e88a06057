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


def oke_workload_identity():
    """OKE workload identity: the proxymux exchange (over TLS, not HTTP-signed) and a service
    call signed with keyId ST$<rpst> and the session key whose public half was the podKey."""
    oke = kat("oke_workload_identity.json")
    case = "oke-workload-identity"
    req = oke["proxymux_request"]
    headers = dict((k.lower(), v) for k, v in req["headers"])
    key_fixture = [g for g in oke["inputs"]["session_key_generations"] if g["when"] == "SessionKeySupplier.refresh"][0]["fixture"]
    with open(os.path.join(src, "fixtures", key_fixture), "rb") as f:
        write(f"{case}/session-key.pem", f.read())
    write(f"{case}/service-account-token", oke["inputs"]["service_account_token_file"])
    write(f"{case}/ca.crt", oke["inputs"]["k8s_ca_pem"])
    write(f"{case}/proxymux/request.raw", base64.b64decode(req["raw_b64"]))
    write(f"{case}/proxymux/body.json", req["body"])
    write(f"{case}/proxymux/response.body", oke["proxymux_response_body"])
    write(f"{case}/rpst.txt", oke["rpst"]["jwt"])
    host, port = headers["host"].rsplit(":", 1)
    write(f"{case}/case.json", json.dumps({
        "description": oke["description"],
        "host": host, "port": int(port), "opcRequestId": headers["opc-request-id"],
        "region": oke["harness"]["env"]["OCI_RESOURCE_PRINCIPAL_REGION"], "signerRegion": oke["signer_region"],
        "rpst": {"iat": oke["rpst"]["claims"]["iat"], "exp": oke["rpst"]["claims"]["exp"],
                 "res_tenant": oke["rpst"]["claims"]["res_tenant"]},
        "refreshBehaviour": oke["refresh_behaviour"],
        "source": {"name": "oci-python-sdk", "version": "2.189.0", "kat": "kat/oke_workload_identity.json",
                   "harness": "shared/federation (capture.py + fake_oci.py, proxymux over TLS)",
                   "note": f"session key = fixtures/{key_fixture} (Python discards generation 0); opc-request-id from a seeded random"},
    }, indent=2) + "\n")
    api_case(f"{case}/api-post", oke["api_request"], oke["rpst"]["jwt"],
             "A service call signed with keyId ST$<rpst> and the OKE session key")


oke_workload_identity()
print("wrote", dst)
