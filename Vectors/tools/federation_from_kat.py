#!/usr/bin/env python3
"""Copy the known answers of the federation harness into Vectors/federation/: instance
principals, resource principals (v2.2, v3.0).

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
# --------------------------------------------------------------------------- resource principals
def resource_principals():
    """RP v2.2 (no network: the service calls signed with ST$<rpst> and the RP key) and v3.0
    (the leaf's parent-RPT GET and RPST POST, then the service call as ST$<parent rpst> signed
    with the leaf key), copied from kat/resource_principal_v22.json and _v3.json."""
    source = {"name": "oci-python-sdk", "version": "2.189.0", "harness": "shared/federation (capture.py + fake_oci.py)"}
    v22 = kat("resource_principal_v22.json")
    inputs, cases = v22["inputs"], v22["cases"]
    base = "resource-principals/v2.2"
    write(f"{base}/rpst.txt", inputs["rpst"])
    write(f"{base}/rpst2.txt", cases["file_paths_and_401_reload"]["rpst2"])
    write(f"{base}/private.pem", inputs["private_pem"])
    write(f"{base}/private-encrypted.pem", inputs["private_pem_encrypted"])
    write(f"{base}/passphrase.txt", inputs["passphrase"])
    inline = cases["inline_values"]
    for api in inline["api_requests"]:
        method = api["request_line"].split(" ")[0].lower()
        api_case(f"{base}/api-{method}", api, None, "A service call signed by EphemeralResourcePrincipalSigner: keyId ST$<rpst>, the RP private key",
                 {"sessionKey": "../private.pem", "source": dict(source, kat="kat/resource_principal_v22.json -> cases.inline_values")})
    obo = cases["delegation_token"]["api_request"]
    api_case(f"{base}/delegation-get", obo, None, "get_resource_principal_delegation_token_signer: opc-obo-token signed right after host",
             {"sessionKey": "../private.pem", "delegationToken": "kat-rp-obo-token",
              "source": dict(source, kat="kat/resource_principal_v22.json -> cases.delegation_token")})
    write(f"{base}/case.json", json.dumps({
        "description": v22["description"],
        "date": v22["harness"]["pinned_clock"]["date"],
        "env": inline["env"],
        "region": inputs["region"], "signerRegion": inline["signer_region"],
        "rpstClaims": {k: inputs["rpst_claims"][k] for k in ("iat", "exp", "res_tenant", "res_compartment", "sub")},
        "tenancyIdClaim": inline["tenancy_id_claim"], "compartmentIdClaim": inline["compartment_id_claim"],
        "networkCallsWhileBuildingSigner": inline["network_calls_while_building_signer"],
        "fileReload": {"calls": cases["file_paths_and_401_reload"]["calls"],
                       "keyIdsInOrder": cases["file_paths_and_401_reload"]["key_ids_in_order"],
                       "note": cases["file_paths_and_401_reload"]["note"]},
        "pythonErrors": {name: case.get("error") for name, case in cases["errors"].items()},
        "pythonBugs": {"rpstFileWithTrailingNewline": cases["rpst_file_with_trailing_newline"],
                       "encryptedKeyPassphraseFile": cases["encrypted_key_passphrase_file"]},
        "expiredInlineRpst": cases["expired_inline_rpst"],
        "files": {"rpst.txt": "inputs.rpst", "rpst2.txt": "cases.file_paths_and_401_reload.rpst2",
                  "private.pem": "inputs.private_pem (fixtures/keys/rp_session.pem)",
                  "private-encrypted.pem": "inputs.private_pem_encrypted", "passphrase.txt": "inputs.passphrase (no newline)"},
        "source": dict(source, kat="kat/resource_principal_v22.json"),
    }, indent=2) + "\n")

    v3 = kat("resource_principal_v3.json")
    base = "resource-principals/v3.0"
    leaf_key_id = v3["parent_rpt_request"]["signed"]["authorization_params"]["keyId"]
    # The capture builds the leaf from the v2.2 inputs; the KAT redacts them as <rpst>/<pem>.
    assert leaf_key_id == "ST$" + inputs["rpst"], "the v3.0 leaf is not the v2.2 RPST"
    assert v3["rpst_request"]["signed"]["key"]["session_spki_b64"] == inline["api_requests"][0]["signed"]["key"]["session_spki_b64"]
    for name, request in (("parent-rpt", v3["parent_rpt_request"]), ("rpst-exchange", v3["rpst_request"])):
        write(f"{base}/{name}/request.raw", base64.b64decode(request["raw_b64"]))
        write(f"{base}/{name}/signing-string.txt", request["signed"]["signing_string"])
        write(f"{base}/{name}/authorization.txt", [v for k, v in request["headers"] if k.lower() == "authorization"][0])
        write(f"{base}/{name}/response.json", request["response"]["body"])
        if request["body"]:
            write(f"{base}/{name}/body.json", request["body"])
    write(f"{base}/parent-rpst.txt", v3["parent_rpst"]["jwt"])
    api_case(f"{base}/api-get", v3["api_request"], None, "The service call of NestedResourcePrincipals: keyId ST$<parent rpst>, the LEAF key",
             {"sessionKey": "../../v2.2/private.pem", "source": dict(source, kat="kat/resource_principal_v3.json -> api_request")})
    write(f"{base}/case.json", json.dumps({
        "description": v3["description"],
        "date": v3["harness"]["pinned_clock"]["date"],
        "env": v3["env"],
        "leaf": {"rpst": "../v2.2/rpst.txt", "privatePem": "../v2.2/private.pem",
                 "note": "the KAT redacts the leaf values as <rpst>/<pem>; capture.py passes the v2.2 inputs (checked: the leaf keyId is ST$ + v2.2 rpst, the posted sessionPublicKey is the v2.2 key's SPKI)"},
        "signerRegion": v3["signer_region"],
        "callsWhileBuilding": v3["calls_while_building"],
        "parentRpstClaims": {k: v3["parent_rpst"]["claims"][k] for k in ("iat", "exp", "res_tenant", "sub")},
        "pythonAsShippedError": v3["as_shipped_error"], "workaroundUsed": v3["workaround_used"],
        "leaf21Under30": v3["leaf_2_1_under_3_0"],
        "source": dict(source, kat="kat/resource_principal_v3.json"),
    }, indent=2) + "\n")


resource_principals()
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
