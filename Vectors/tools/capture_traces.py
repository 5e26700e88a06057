#!/usr/bin/env python3
"""Captures real `curl -v` traces and Oracle SDK request logs (what `oci --debug` turns on:
`log_requests`, i.e. http.client's debug output plus DEBUG logging) of requests Oracle's
Python SDK (oci==2.189.0) signed, sent to a 127.0.0.1 listener that answers 401.

Writes Vectors/captures/: <name>.txt (the trace, stdout and stderr interleaved as a terminal
shows them), <name>.body (the body sent, for `--body`), <name>.json (what was sent).

Usage:  /tmp/ocivenv/bin/python Vectors/tools/capture_traces.py   (needs curl on PATH)
"""
import hashlib, json, os, subprocess, sys, textwrap, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOOLS = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.dirname(TOOLS)
OUT = os.path.join(VECTORS, "captures")
KEY = os.path.join(VECTORS, "keys", "rsa2048.pem")
DOC = json.load(open(os.path.join(TOOLS, "oci-doc-test-vectors.json")))
TENANCY, USER = DOC["credentials"]["tenancy_ocid"], DOC["credentials"]["user_ocid"]
FINGERPRINT = open(os.path.join(VECTORS, "keys", "rsa2048.fingerprint")).read().strip()


class Unauthorized(BaseHTTPRequestHandler):
    def handle_one(self):
        length = int(self.headers.get("content-length", "0") or 0)
        if length:
            self.rfile.read(length)
        body = b'{"code":"NotAuthenticated","message":"The required information to complete authentication was not provided or was incorrect."}'
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.send_header("opc-request-id", "capture/0001")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = handle_one

    def log_message(self, *args):
        pass


SDK_SCRIPT = textwrap.dedent('''
    import logging, sys, oci
    logging.basicConfig(level=logging.DEBUG)
    port, kind, body_file = sys.argv[1], sys.argv[2], sys.argv[3]
    config = {"user": %r, "tenancy": %r, "fingerprint": %r, "key_file": %r,
              "region": "us-ashburn-1", "log_requests": True}
    client = oci.object_storage.ObjectStorageClient(config, service_endpoint="http://127.0.0.1:" + port,
                                                   retry_strategy=oci.retry.NoneRetryStrategy())
    try:
        if kind == "put":
            client.put_object("ns", "bk", "photos/cat.png", open(body_file, "rb").read(), content_type="image/png")
        elif kind == "post":
            details = oci.object_storage.models.CreateBucketDetails(name="logs", compartment_id="ocid1.compartment.oc1..x")
            client.create_bucket("ns", details)
        else:
            client.list_objects("ns", "bk", prefix="my dir/", fields="name,size")
    except oci.exceptions.ServiceError as error:
        print("ServiceError:", error.status, error.code)
''') % (USER, TENANCY, FINGERPRINT, KEY)


def sdk_signed_headers(method, url, body, content_type):
    """Headers Oracle's signer adds for a request (for curl to send verbatim)."""
    import oci.signer
    from oci._vendor import requests as oci_requests
    signer = oci.signer.Signer(TENANCY, USER, FINGERPRINT, KEY)
    req = oci_requests.PreparedRequest()
    req.prepare(method=method, url=url, headers={"content-type": content_type} if content_type else {}, data=body or None)
    signer(req)
    return [(n, v) for n, v in req.headers.items() if n.lower() not in ("host", "content-length")]


def capture(name, argv, body, sent):
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30).stdout
    open(os.path.join(OUT, name + ".txt"), "wb").write(out)
    if body is not None:
        open(os.path.join(OUT, name + ".body"), "wb").write(body)
    sent["sha256"] = hashlib.sha256(body or b"").hexdigest()
    open(os.path.join(OUT, name + ".json"), "w").write(json.dumps(sent, indent=2, sort_keys=True) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Unauthorized)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = str(server.server_address[1])
    base = "http://127.0.0.1:" + port
    picture = b"\x89PNG\r\n\x1a\nnot really a picture"
    body_path = os.path.join(OUT, "sdk-debug-put-object.body")
    open(body_path, "wb").write(picture)
    try:
        for kind, name in (("get", "sdk-debug-list-objects"), ("put", "sdk-debug-put-object"), ("post", "sdk-debug-create-bucket")):
            capture(name, [sys.executable, "-u", "-c", SDK_SCRIPT, port, kind, body_path],
                    picture if kind == "put" else None,
                    {"tool": "oci-python-sdk %s log_requests=True (what oci --debug enables)" % "2.189.0", "kind": kind, "port": port})
        json_body = b'{"name":"logs","compartmentId":"ocid1.compartment.oc1..x"}'
        url = base + "/n/ns/b/"
        headers = sdk_signed_headers("POST", url, json_body, "application/json")
        argv = ["curl", "-sS", "-v", "-X", "POST", url, "--data-binary", "@-"]
        for n, v in headers:
            argv += ["-H", "%s: %s" % (n, v)]
        body_file = os.path.join(OUT, "curl-v-create-bucket.body")
        open(body_file, "wb").write(json_body)
        argv[argv.index("@-")] = "@" + body_file
        capture("curl-v-create-bucket", argv, json_body, {"tool": "curl -v", "signedBy": "oci.signer.Signer", "port": port})
        url = base + "/n/ns/b/bk/o?prefix=my%20dir/&fields=name,size"
        headers = sdk_signed_headers("GET", url, None, None)
        argv = ["curl", "-sS", "-v", url, "-H", "Host: objectstorage.us-ashburn-1.oraclecloud.com"]
        for n, v in headers:
            argv += ["-H", "%s: %s" % (n, v)]
        capture("curl-v-host-override", argv, None,
                {"tool": "curl -v", "signedBy": "oci.signer.Signer", "port": port,
                 "change": "signed for host 127.0.0.1:%s, sent with -H 'Host: objectstorage.us-ashburn-1.oraclecloud.com'" % port})
    finally:
        server.shutdown()
    print("wrote", OUT)


main()
