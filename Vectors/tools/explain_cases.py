#!/usr/bin/env python3
"""Builds Vectors/explain/: requests Oracle's Python SDK (oci==2.189.0) signed, then changed
the way real 401s happen (a proxy re-encodes the query, a header is edited after signing...).

Each case folder holds
  signed.http  the request exactly as the SDK signed it (raw request format),
  sent.http    the request after the change, as the server receives it,
  case.json    the change made and the cause `oci-sign explain` must name.
The signature is always the SDK's; the change is made to the text with plain string edits, so
the expected cause comes from how the file was built, never from the Swift code.

Usage:  /tmp/ocivenv/bin/python Vectors/tools/explain_cases.py   (any Python with oci==2.189.0)
"""
import base64, hashlib, json, os, re, shutil

import oci
import oci.signer
from oci._vendor import requests as oci_requests
from cryptography.hazmat.primitives import serialization

assert oci.__version__ == "2.189.0", oci.__version__
TOOLS = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.dirname(TOOLS)
OUT = os.path.join(VECTORS, "explain")
DOC = json.load(open(os.path.join(TOOLS, "oci-doc-test-vectors.json")))
TENANCY, USER = DOC["credentials"]["tenancy_ocid"], DOC["credentials"]["user_ocid"]
DATE = "Thu, 05 Jan 2014 21:31:40 GMT"
OS_HOST = "objectstorage.us-ashburn-1.oraclecloud.com"
IAAS_HOST = "iaas.us-ashburn-1.oraclecloud.com"


def key(name):
    pem = open(os.path.join(VECTORS, "keys", name + ".pem"), "rb").read()
    der = serialization.load_pem_private_key(pem, None).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    md5 = hashlib.md5(der).hexdigest()
    return pem.decode(), ":".join(md5[i:i + 2] for i in range(0, 32, 2))


def sdk_sign(method, host, target, headers, body=b"", exclude_body=False):
    """The raw request as Oracle's signer signed it (URL set verbatim, not re-quoted)."""
    pem, fp = key("rsa2048")
    signer = oci.signer.Signer(TENANCY, USER, fp, private_key_file_location=None, private_key_content=pem)
    req = oci_requests.PreparedRequest()
    req.prepare_method(method)
    req.url = "https://" + host + target
    req.prepare_headers(dict([("host", host), ("date", DATE)] + headers))
    req.prepare_body(data=body, files=None)
    assert req.path_url == target
    (signer.without_content_headers if exclude_body else signer)(req)
    params = dict(re.findall(r'(\w+)="([^"]*)"', req.headers["authorization"][len("Signature "):]))
    auth = "Signature " + ",".join('%s="%s"' % (p, params[p]) for p in ("version", "headers", "keyId", "algorithm", "signature"))
    lines = ["%s %s HTTP/1.1" % (method, target), "Host: " + host, "Date: " + DATE]
    lines += ["%s: %s" % (n, v) for n, v in headers]
    if method in ("POST", "PUT") and not exclude_body:
        for name in ("content-length", "x-content-sha256"):
            if name not in dict(headers):
                lines.append("%s: %s" % (name, req.headers[name]))
    lines.append("authorization: " + auth)
    return ("\n".join(lines) + "\n\n").encode() + body


def replace_once(data, old, new):
    assert data.count(old) >= 1, old
    return data.replace(old, new, 1)


CASES = []


def case(cid, cause, change, signed, sent, **options):
    assert signed != sent or cause in ("exclude-body-operation", "key-id-fingerprint"), cid
    CASES.append((cid, dict(id=cid, cause=cause, change=change, options=options), signed, sent))


def build():
    get = sdk_sign("GET", OS_HOST, "/n/ns/b/bk/o?prefix=my%20dir&start=a+b", [])
    case("query-percent20-one-of-two", "target-occurrences",
         "a proxy re-encoded the first '%20' as '+'; the literal '+' the SDK signed is unchanged",
         get, replace_once(get, b"my%20dir", b"my+dir"))
    get = sdk_sign("GET", IAAS_HOST, "/20160918/instances?compartmentId=ocid1.compartment.oc1..x&displayName=web%28prod%29,eu", [])
    case("query-parentheses-decoded", "target-occurrences",
         "'%28' and '%29' decoded to '(' ')' after signing; the raw ',' the SDK signed stays raw",
         get, replace_once(get, b"web%28prod%29,eu", b"web(prod),eu"))
    get = sdk_sign("GET", OS_HOST, "/n/ns/b/bk/o/logs%2F2014%2Fjan.txt", [])
    case("path-encoded-slash-decoded", "target-occurrences",
         "'%2F' in the object name decoded to '/' after signing",
         get, get.replace(b"logs%2F2014%2Fjan.txt", b"logs/2014/jan.txt"))
    get = sdk_sign("GET", IAAS_HOST, "/20160918/instances", [])
    case("headers-list-omits-host", "headers-list-omits",
         "'host' removed from headers=\"...\" after signing (the SDK signed the host line)",
         get, replace_once(get, b'headers="date (request-target) host"', b'headers="date (request-target)"'))
    case("date-edited-after-signing", "date-window",
         "the Date header rewritten 3 minutes later after signing",
         get, replace_once(get, b"Date: Thu, 05 Jan 2014 21:31:40 GMT", b"Date: Thu, 05 Jan 2014 21:34:40 GMT"),
         now="Thu, 05 Jan 2014 21:34:40 GMT")
    get = sdk_sign("GET", OS_HOST + ":9443", "/n/ns/b/bk/o", [])
    case("port-removed", "host-port-scan", "the port ':9443' the SDK signed dropped from Host",
         get, replace_once(get, b"Host: " + OS_HOST.encode() + b":9443", b"Host: " + OS_HOST.encode()))
    get = sdk_sign("GET", OS_HOST, "/n/ns/b/bk/o", [])
    case("port-added", "host-without-port", "a port ':7443' added to Host after signing",
         get, replace_once(get, b"Host: " + OS_HOST.encode(), b"Host: " + OS_HOST.encode() + b":7443"))
    case("host-rewritten-by-proxy", "host-overridden",
         "a proxy replaced Host and kept the signed one in X-Forwarded-Host",
         get, replace_once(get, b"Host: " + OS_HOST.encode(), b"Host: proxy.internal:3128\nX-Forwarded-Host: " + OS_HOST.encode()))
    body = b"\x89PNG\r\n\x1a\nnot really a picture"
    put = sdk_sign("PUT", OS_HOST, "/n/ns/b/bk/o/photos/cat.png", [("content-type", "image/png")], body, exclude_body=True)
    case("put-object-verified-with-body", "exclude-body-operation",
         "PutObject signed by the SDK without body headers, verified without --exclude-body", put, put)
    put = sdk_sign("PUT", OS_HOST, "/n/ns/b/bk/u/big.bin?uploadId=u1&uploadPartNum=2", [("content-type", "application/octet-stream")], body, exclude_body=True)
    case("upload-part-verified-with-body", "exclude-body-operation",
         "UploadPart signed by the SDK without body headers, verified without --exclude-body", put, put)
    post = sdk_sign("POST", "cell-1.streaming.us-ashburn-1.oci.oraclecloud.com", "/20180418/streams/ocid1.stream.oc1.iad.x/messages",
                    [("content-type", "application/json")], b'{"messages":[{"value":"aGk="}]}', exclude_body=True)
    case("put-messages-verified-with-body", "exclude-body-operation",
         "PutMessages signed by the SDK without body headers, verified without --exclude-body", post, post)
    case("key-id-names-another-key", "key-id-fingerprint",
         "signed with rsa2048 (its fingerprint in the keyId), explained with the rsa3072 public key",
         get, get, publicKey="rsa3072")
    case("signature-from-another-string", "none",
         "the request line changed to a path no variant derives (/20160918/vnics)",
         get, replace_once(get, b"GET /20160918/instances", b"GET /20160918/vnics") if b"/20160918/instances" in get else
         replace_once(get, b"GET /n/ns/b/bk/o", b"GET /n/ns/b/other/o"))


def main():
    build()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for cid, meta, signed, sent in CASES:
        folder = os.path.join(OUT, cid)
        os.makedirs(folder)
        open(os.path.join(folder, "signed.http"), "wb").write(signed)
        open(os.path.join(folder, "sent.http"), "wb").write(sent)
        meta["options"].setdefault("publicKey", "rsa2048")
        meta["source"] = {"name": "oci-python-sdk", "version": oci.__version__,
                          "note": "oci.signer.Signer on a hand-built PreparedRequest; sent.http is signed.http with the change applied as text"}
        open(os.path.join(folder, "case.json"), "w").write(json.dumps(meta, indent=2, sort_keys=True) + "\n")
    print("wrote %d cases to %s" % (len(CASES), OUT))


main()
