#!/usr/bin/env python3
"""Record resource principal v1.1 as Oracle's Python SDK (oci 2.189.0) performs it, against the shared fakes.

The shared harness (../shared/federation) records instance principals, RP v2.2, v3.0, OKE and session
tokens, but not v1.1: v1.1 needs instance principals underneath.  This tool reuses that harness
(its fake servers, its pinned clock, its fixture session keys, its request-id counter) and adds only
what v1.1 needs:

  * ResourcePrincipalsFederationSigner builds its InstancePrincipalsSecurityTokenSigner without a
    federation_endpoint, so oci.regions.endpoint_for is wrapped for service "auth" only (as the
    harness does for the Cloud Shell path);
  * the v1.1 module's SessionKeySupplier is the harness's fixture-key supplier;
  * OCI_RESOURCE_PRINCIPAL_RPT_PATH points at the fake's RPT route (/kat/rpv3/parentRpt); the default
    path, /20180711/resourcePrincipalToken/{id}, is recorded as the path the SDK derives.

Usage (writes into --out; copies nothing into the shared folder):

    cp -r ../shared/federation /tmp/fedcap
    /tmp/ocivenv/bin/python Vectors/tools/capture_rp_v11.py --federation /tmp/fedcap --out /tmp/rpv11
    python3 Vectors/tools/federation_from_kat.py ...   (turns the JSON into Vectors/federation files)

Every connect outside 127.0.0.1 is refused by the harness's guard and counted in the output.
"""
import argparse, json, os, subprocess, sys, time


def start_fakes(federation):
    ports = os.path.join(federation, "state", "ports-rpv11.json")
    if os.path.exists(ports):
        os.remove(ports)
    os.makedirs(os.path.dirname(ports), exist_ok=True)
    server = subprocess.Popen([sys.executable, os.path.join(federation, "lib", "fake_oci.py"), "--fixtures",
                               os.path.join(federation, "fixtures"), "--ports-file", ports, "--max-seconds", "120",
                               "--base-port", "47310"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(ports) and os.path.getsize(ports) > 0:
            return server, ports
        time.sleep(0.1)
    server.kill()
    raise SystemExit("capture_rp_v11: the fake servers did not start")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--federation", required=True, help="a writable copy of ../shared/federation")
    ap.add_argument("--out", required=True, help="where resource_principal_v11.json is written")
    ap.add_argument("--vectors", help="also write the Vectors/federation folder here "
                                      "(Vectors/federation/resource-principals/v1.1)")
    a = ap.parse_args()
    federation = os.path.abspath(a.federation)
    server, ports = start_fakes(federation)
    try:
        sys.path.insert(0, federation)
        sys.argv = ["capture.py", "--fixtures", os.path.join(federation, "fixtures"), "--ports", ports, "--out", a.out]
        import capture as h  # noqa: E402  (the shared harness: guard, clock, key pool, request ids)
        kat = capture_v11(h, a.out)
        if a.vectors:
            write_vectors(h, kat, a.vectors)
    finally:
        server.kill()


def setup(h, out):
    from cryptography.hazmat.primitives import serialization
    h.FIX = os.path.join(os.path.dirname(h.__file__), "fixtures")
    h.P = json.load(open(os.path.join(os.path.dirname(h.__file__), "state", "ports-rpv11.json")))
    h.KEYPOOL = [serialization.load_pem_private_key(h.fx(f"keys/session_{i}.pem", "rb"), None) for i in range(8)]
    os.makedirs(out, exist_ok=True)
    for v in list(os.environ):
        if v.startswith("OCI_") or v.lower() in ("http_proxy", "https_proxy"):
            os.environ.pop(v)
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    import oci.auth.signers.resource_principals_federation_signer as rpf
    rpf.SessionKeySupplier = h.FixtureSessionKeySupplier
    return json.loads(h.fx("identity.json"))


def redirect_auth(h, oci):
    original = oci.regions.endpoint_for

    def endpoint_for(service, *args, **kwargs):
        if service == "auth":
            return f"http://127.0.0.1:{h.P['auth']}"
        return original(service, *args, **kwargs)

    oci.regions.endpoint_for = endpoint_for
    return original


def as_shipped_attempt(h, oci):
    """Build the signer once as shipped: it contacts 169.254.169.254 despite OCI_METADATA_BASE_URL."""
    blocked_before = len(h.BLOCKED)
    try:
        oci.auth.signers.get_resource_principals_signer()
        return {"error": None}
    except Exception as e:  # noqa: BLE001
        return {"description": "As shipped, building the v1.1 signer GETs the instance id from the default IMDS "
                               "address although OCI_METADATA_BASE_URL points elsewhere (the harness blocks it)",
                "error": h.err(e), "blocked_connects": h.BLOCKED[blocked_before:]}


def fixture_of(h, private_key):
    """The fixtures/keys/session_<n>.pem that holds `private_key`."""
    numbers = private_key.private_numbers().public_numbers
    for i, key in enumerate(h.KEYPOOL):
        if key.private_numbers().public_numbers == numbers:
            return f"keys/session_{i}.pem"
    raise SystemExit("capture_rp_v11: a session key that is not a fixture")


def write_vectors(h, kat, folder):
    """The capture as a Vectors/federation folder: raw requests, signing strings and the answers
    the fakes gave, copied verbatim; nothing is computed here."""
    import base64

    def put(path, data):
        path = os.path.join(folder, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

    def exchange(name, rec, with_body):
        put(f"{name}/request.raw", base64.b64decode(rec["raw_b64"]))
        put(f"{name}/signing-string.txt", rec["signed"]["signing_string"])
        put(f"{name}/authorization.txt", [v for k, v in rec["headers"] if k.lower() == "authorization"][0])
        put(f"{name}/response.json", rec["response"]["body"])
        if with_body:
            put(f"{name}/body.json", rec["body"])

    def api_case(name, rec):
        headers = dict((k.lower(), v) for k, v in rec["headers"])
        put(f"{name}/case.json", json.dumps({
            "description": "A service call of ResourcePrincipalsFederationSigner: keyId ST$<rpst>, the v1.1 session key",
            "method": rec["request_line"].split(" ")[0], "target": rec["request_line"].split(" ")[1],
            "host": headers["host"], "signedHeaders": rec["signed"]["signed_headers"], "sessionKey": "../session-key.pem",
            "source": source}, indent=2) + "\n")
        put(f"{name}/request.raw", base64.b64decode(rec["raw_b64"]))
        put(f"{name}/signing-string.txt", rec["signed"]["signing_string"])
        put(f"{name}/signature.txt", rec["signed"]["authorization_params"]["signature"])
        put(f"{name}/key-id.txt", rec["signed"]["authorization_params"]["keyId"])

    source = {"name": "oci-python-sdk", "version": kat["harness"]["sdk"]["oci"],
              "harness": "shared/federation (capture.py + fake_oci.py) driven by Vectors/tools/capture_rp_v11.py",
              "capture": "capture.json"}
    put("capture.json", json.dumps(kat, indent=2) + "\n")
    put("session-key.pem", h.fx(kat["rp_session_key_fixture"]))
    put("instance-session-key.pem", h.fx(kat["instance_session_key_fixture"]))
    put("instance-token.txt", kat["instance_token"]["jwt"])
    put("rpst.txt", kat["rpst"]["jwt"])
    exchange("federation", kat["federation_request"], True)
    exchange("rpt-request", kat["rpt_request"], False)
    exchange("rpst-exchange", kat["rpst_request"], True)
    for rec in kat["api_requests"]:
        api_case("api-" + rec["request_line"].split(" ")[0].lower(), rec)
    put("case.json", json.dumps({
        "description": kat["description"], "date": kat["harness"]["pinned_clock"]["date"], "env": kat["env"],
        "derived": kat["derived"], "callsWhileBuilding": kat["calls_while_building"],
        "federationsWhileBuilding": kat["federations_while_building"], "federationsNote": kat["federations_note"],
        "sessionKeys": {"rp": kat["rp_session_key_fixture"], "instance": kat["instance_session_key_fixture"],
                        "note": "session-key.pem signs the service calls and is posted as sessionPublicKey; "
                                "instance-session-key.pem is the key of the instance token that signs the RPT GET and "
                                "the RPST POST (both shared-harness fixtures)"},
        "imds": "../../instance-principals/imds (the same fixtures the fake IMDS served)",
        "rpstClaims": {k: kat["rpst"]["claims"][k] for k in ("iat", "exp", "res_tenant", "sub")},
        "pythonAsShipped": kat["as_shipped"], "workaroundUsed": kat["workaround_used"],
        "source": source}, indent=2) + "\n")


def capture_v11(h, out):
    import oci
    IDN = setup(h, out)
    T0 = IDN["pinned_epoch"]
    imds_base = f"http://127.0.0.1:{h.P['imds']}/opc/v2"
    rpt_endpoint = f"http://127.0.0.1:{h.P['api']}"
    env = {"OCI_METADATA_BASE_URL": imds_base, "OCI_RESOURCE_PRINCIPAL_VERSION": "1.1",
           "OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT": rpt_endpoint,
           "OCI_RESOURCE_PRINCIPAL_RPT_PATH": "/kat/rpv3/parentRpt"}
    h.reset("rpv11", T0, token_lifetime=1200)
    os.environ.update(env)
    original = redirect_auth(h, oci)
    ip_class = oci.auth.signers.InstancePrincipalsSecurityTokenSigner
    try:
        default_rpst_endpoint = original("auth", IDN["region"])
        as_shipped = as_shipped_attempt(h, oci)
        # The RPT path provider reads the instance id from the class constant METADATA_URL_BASE, which
        # OCI_METADATA_BASE_URL never changes; point it at the fake to observe the rest of the flow.
        ip_class.METADATA_URL_BASE = imds_base
        h.reset("rpv11", T0, token_lifetime=1200)
        signer = oci.auth.signers.get_resource_principals_signer()
        build_log = h.server_log()
        h.api_client(signer).create_volume_backup(h.volume_backup_details(IDN, "kat-rpv11-backup"),
                                                  opc_retry_token="kat-retry-token-rpv11")
        h.api_client(signer).get_volume_backup("ocid1.volumebackup.oc1.phx.kat")
        api_log = h.server_log()[len(build_log):]
    finally:
        oci.regions.endpoint_for = original
        ip_class.METADATA_URL_BASE = ip_class.DEFAULT_METADATA_URL_BASE
    by = lambda log, listener: [r for r in log if r["listener"] == listener]
    federations = [r for r in by(build_log, "auth") if r["request_line"].startswith("POST /v1/x509 ")]
    rpst_post = [r for r in by(build_log, "auth") if "/v1/resourcePrincipalSessionToken" in r["request_line"]][0]
    federation = federations[-1]
    kat = {
        "description": "Resource principals v1.1: the SDK builds instance principals (IMDS reads, POST /v1/x509), "
                       "GETs the resource principal token from OCI_RESOURCE_PRINCIPAL_RPT_ENDPOINT + the RPT path "
                       "signed as ST$<instance token>, POSTs /v1/resourcePrincipalSessionToken (same signer) with a "
                       "new session key's public half, then signs service calls as ST$<RPST> with that key. "
                       "Captured from oci " + oci.__version__ + " ResourcePrincipalsFederationSigner.",
        "harness": h.harness_meta({
            "imds_override": f"env OCI_METADATA_BASE_URL={imds_base}",
            "auth_override": "oci.regions.endpoint_for wrapped: service 'auth' -> the fake (the v1.1 signer builds "
                             "its instance-principal signer without a federation_endpoint and defaults the RPST "
                             "endpoint to the same host)",
            "session_keys_v11": "ResourcePrincipalsFederationSigner's SessionKeySupplier is the harness's fixture "
                                "supplier, so its key is the next fixtures/keys/session_<n>.pem",
            "api_override": f"BlockstorageClient(service_endpoint='http://127.0.0.1:{h.P['api']}')"}),
        "env": env,
        "as_shipped": as_shipped,
        "workaround_used": "InstancePrincipalsSecurityTokenSigner.METADATA_URL_BASE (a class constant) set to the "
                           "fake IMDS base while the signer is built: DefaultRptPathProvider always GETs "
                           "{METADATA_URL_BASE}/instance/id, even when OCI_RESOURCE_PRINCIPAL_RPT_PATH and _RPT_ID "
                           "are set, and OCI_METADATA_BASE_URL does not change that constant",
        "derived": {"default_rpt_path_template": "/20180711/resourcePrincipalToken/{id}",
                    "default_rpst_endpoint": default_rpst_endpoint,
                    "instance_id_from_imds": IDN["instance"], "signer_region": signer.region,
                    "signer_tenancy_id": signer.tenancy_id},
        "session_key_generations": list(h.KEYUSE),
        "calls_while_building": [r["request_line"] + "  [" + r["listener"] + "] -> " + str(r["response_status"])
                                 for r in build_log],
        "imds_requests_in_order": [h.describe(r, with_raw=False) for r in by(build_log, "imds")],
        "federations_while_building": len(federations),
        "federations_note": "the instance-principal signer federates when it is built, and the v1.1 signer's "
                            "first refresh forces a second federation; the RPT GET and the RPST POST are signed "
                            "with the second token",
        "federation_request": h.describe(federation),
        "instance_token": h.token_view(federation["minted_token"]),
        "rpt_request": h.describe(by(build_log, "api")[0]),
        "rpst_request": h.describe(rpst_post),
        "rpst": h.token_view(rpst_post["minted_token"]),
        "api_requests": [h.describe(r) for r in by(api_log, "api")],
        "rp_session_key_fixture": fixture_of(h, signer.private_key),
        "instance_session_key_fixture": fixture_of(h, signer.instance_principal_signer.session_key_supplier.get_key_pair()["private"]),
    }
    for k in env:
        os.environ.pop(k, None)
    h.write(out, "resource_principal_v11.json", kat)
    return kat
    print(f"capture_rp_v11: wrote {out}/resource_principal_v11.json; calls {kat['calls_while_building']}; "
          f"blocked non-loopback connects: {len(h.BLOCKED)}")


if __name__ == "__main__":
    main()
