#!/usr/bin/env python3
"""Deterministic generator of the swift-oci-signing known-answer test vectors.

Every expected signed value (signing string, Authorization, added headers) is
produced by Oracle's own Python SDK (oci==2.189.0: oci.signer.Signer,
oci.auth.signers.SecurityTokenSigner and the vendored httpsig_cffi), never by
the Swift code of this repository.  The generator only

  * builds the unsigned request.http bytes from the case table below,
  * hands the request to the SDK signer (bypassing requests' URL re-quoting),
  * records what the SDK signed and re-emits it in the documented file format,
  * asserts that what was signed obeys the rules in Vectors/README.md
    (raw target byte for byte, Host verbatim, header list, body hash, ...),
  * verifies every signature with `cryptography` against the public key.

Re-running it must give byte-identical files.  Existing keys are never
regenerated (see ensure_keys()).

Usage:  python Vectors/tools/generate.py        (from anywhere)
"""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

import oci
import oci.signer
from oci._vendor import requests as oci_requests
from oci._vendor.httpsig_cffi import sign as httpsig_sign
from oci.auth.signers import SecurityTokenSigner

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SDK_VERSION = "2.189.0"
if oci.__version__ != SDK_VERSION:
    sys.exit("generate.py needs oci==%s (found %s); see Vectors/tools/requirements.txt"
             % (SDK_VERSION, oci.__version__))

TOOLS = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.dirname(TOOLS)
KEYS = os.path.join(VECTORS, "keys")
CASES_DIR = os.path.join(VECTORS, "cases")
DOC_JSON = os.path.join(TOOLS, "oci-doc-test-vectors.json")

with open(DOC_JSON, "rb") as f:
    DOC = json.load(f)

TENANCY = DOC["credentials"]["tenancy_ocid"]
USER = DOC["credentials"]["user_ocid"]
DATE = "Thu, 05 Jan 2014 21:31:40 GMT"
EMPTY_SHA = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="

BODY_METHODS = ("POST", "PUT", "PATCH")
OPTIONAL_SIGNED = ("opc-obo-token", "x-cross-tenancy-request", "x-subscription")
# Signed right after host (Python's delegation-token signers, observed on the wire; also Go).
AFTER_HOST_SIGNED = ("opc-obo-token",)

# ---------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------

GENERATED_KEYS = {
    # name: openssl genpkey arguments (run ONCE; the file is then committed)
    "rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa3072": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
    "rsa4096": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
    "rsa512": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512"],
    "ec-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
}
KEY_NAMES = ["doc-sample"] + sorted(GENERATED_KEYS)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def ensure_keys():
    doc_pem = DOC["key"]["private_key_pem_pkcs1"].encode("ascii")
    path = os.path.join(KEYS, "doc-sample.pem")
    if os.path.exists(path):
        with open(path, "rb") as f:
            assert f.read() == doc_pem, "keys/doc-sample.pem differs from the docs key"
    else:
        write_bytes(path, doc_pem)
    for name, args in sorted(GENERATED_KEYS.items()):
        path = os.path.join(KEYS, name + ".pem")
        if not os.path.exists(path):  # never regenerate an existing key
            print("generating NEW key %s (commit it!)" % name)
            subprocess.run(["openssl", "genpkey"] + args + ["-out", path], check=True)
    keys = {}
    for name in KEY_NAMES:
        with open(os.path.join(KEYS, name + ".pem"), "rb") as f:
            pem = f.read()
        priv = serialization.load_pem_private_key(pem, None)
        pub = priv.public_key()
        spki_pem = pub.public_bytes(serialization.Encoding.PEM,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)
        spki_der = pub.public_bytes(serialization.Encoding.DER,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)
        md5 = hashlib.md5(spki_der).hexdigest()
        fp = ":".join(md5[i:i + 2] for i in range(0, 32, 2))
        # cross-check with the documented OpenSSL command
        out = subprocess.run(
            "openssl pkey -pubout -outform DER -in '%s' | openssl md5 -c"
            % os.path.join(KEYS, name + ".pem"),
            shell=True, check=True, capture_output=True).stdout.decode()
        assert out.strip().split("= ")[-1] == fp, (name, out, fp)
        write_bytes(os.path.join(KEYS, name + ".pub.pem"), spki_pem)
        write_bytes(os.path.join(KEYS, name + ".fingerprint"), fp.encode("ascii"))
        keys[name] = {"pem": pem, "priv": priv, "pub": pub, "fp": fp}
    assert keys["doc-sample"]["fp"] == DOC["key"]["fingerprint_md5_of_der_spki"]
    assert keys["doc-sample"]["priv"].key_size == 1024
    for n, bits in (("rsa2048", 2048), ("rsa3072", 3072), ("rsa4096", 4096), ("rsa512", 512)):
        assert keys[n]["priv"].key_size == bits
    return keys


# ---------------------------------------------------------------------------
# Case table
# ---------------------------------------------------------------------------

CASES = []


def H(name, value, raw=None):
    """A request header line: name, the value, and optionally the raw text after
    the colon as it appears in request.http (for OWS cases)."""
    return (name, value, raw if raw is not None else " " + value)


def add(cid, description, method, target, headers, body=b"", *, key="rsa2048",
        flags=(), exclude_body=False, allow_weak=None, token=None, eol="\n",
        result="valid", expected_error=None, note=None, source=None,
        cross_check=None, raw=None, near_miss=None):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cid), cid
    assert cid not in [c["id"] for c in CASES], cid
    if allow_weak is None:
        allow_weak = key == "doc-sample"
    CASES.append(dict(id=cid, description=description, method=method, target=target,
                      headers=list(headers), body=body, key=key, flags=sorted(set(flags)),
                      exclude_body=exclude_body, allow_weak=allow_weak, token=token,
                      eol=eol, result=result, expected_error=expected_error, note=note,
                      source=source, cross_check=cross_check, raw=raw,
                      near_miss=near_miss))


def derived(vid):
    for v in DOC["derived_vectors"]:
        if v["id"] == vid:
            return v["signature"]
    raise KeyError(vid)


IAAS = "iaas.us-phoenix-1.oraclecloud.com"
ASH = "iaas.us-ashburn-1.oraclecloud.com"
OS_HOST = "objectstorage.us-phoenix-1.oraclecloud.com"
STREAM_HOST = "cell-1.streaming.us-phoenix-1.oci.oraclecloud.com"
DOC_GET_TARGET = DOC["official_vectors"][0]["url"].split(IAAS, 1)[1]
DOC_POST_BODY = DOC["official_vectors"][1]["body_utf8"].encode("utf-8")
assert len(DOC_POST_BODY) == 316

CVB_BODY = (b'{\n "volumeId": "dolore",\n "definedTags": {},\n "displayName": "fugiat tempor quis",\n'
            b' "freeformTags": {},\n "type": "INCREMENTAL"\n}')
assert len(CVB_BODY) == 128, len(CVB_BODY)

JSON_BODY = b'{"compartmentId": "ocid1.compartment.oc1..aaaaaaaaexample", "displayName": "vectors"}'
BINARY_BODY = bytes(range(256))
UTF8_BODY = '{"displayName": "Gr\u00fc\u00dfe \u2013 \u6771\u4eac \U0001F680", "description": "caf\u00e9"}'.encode("utf-8")
LARGE_BODY = b"".join(hashlib.sha256(b"swift-oci-signing large body %d" % i).digest()
                      for i in range(32768))
assert len(LARGE_BODY) == 1 << 20


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


SESSION_TOKEN = ".".join([
    b64url(b'{"alg":"RS256","kid":"asw","typ":"JWT"}'),
    b64url(b'{"sub":"ocid1.user.oc1..aaaaaaaaexample","iss":"authService.oracle.com",'
           b'"ptype":"user","sess_exp":"Thu, 05 Jan 2014 22:31:40 UTC","exp":1388961100}'),
    b64url(b"this-is-not-a-real-signature-test-vectors-only"),
])
SUB_OCID = "ocid1.organizationssubscription.oc1..aaaaaaaaexamplesubscription"
XTENANCY = "ocid1.tenancy.oc1..aaaaaaaaexampleothertenancy"
OBO = "exampleOboToken"


def std(host=IAAS, date=DATE):
    return [H("Host", host), H("Date", date)]


PY_DEFAULT_NOTE = ("oci.signer.Signer (default header lists) on a hand-built PreparedRequest "
                   "(url not re-quoted)")
PY_EXPLICIT_NOTE = ("oci.signer.Signer with explicit header lists set via the SDK's own "
                    "AbstractBaseSigner.create_signers")


def build_cases():
    ds = "doc-sample"
    # --- official documentation vectors ------------------------------------
    add("doc-get", "Oracle docs 'Test Values' GET example, signed with the docs key.",
        "GET", DOC_GET_TARGET, [H("Host", IAAS), H("Date", DATE)], key=ds,
        flags=["OfficialVector", "WeakKey1024", "QueryEncoding"],
        source="oracle-docs", cross_check=DOC["official_vectors"][0]["signature"])
    add("doc-post", "Oracle docs 'Test Values' POST example; the signer adds content-length and x-content-sha256.",
        "POST", "/20160918/volumeAttachments",
        [H("Host", IAAS), H("Date", DATE), H("Content-Type", "application/json")],
        DOC_POST_BODY, key=ds, flags=["OfficialVector", "WeakKey1024"],
        source="oracle-docs", cross_check=DOC["official_vectors"][1]["signature"])

    # --- research-derived vectors of the JSON (cross-checked) ---------------
    add("doc-key-post-empty", "POST with an empty body signs content-length 0 and the empty-body hash.",
        "POST", "/20160918/volumeAttachments",
        std() + [H("Content-Type", "application/json")], b"", key=ds,
        flags=["EmptyBody", "WeakKey1024", "DerivedVector"], cross_check=derived("post_empty"))
    add("doc-key-put-object", "Object Storage PutObject signs only date, (request-target) and host.",
        "PUT", "/n/ns/b/bucket/o/hello.txt",
        [H("Host", OS_HOST), H("Date", DATE), H("Content-Type", "text/plain")], b"Hello world!",
        key=ds, exclude_body=True, flags=["ExcludeBody", "WeakKey1024", "DerivedVector"],
        cross_check=derived("put_object_exclude_body"))
    add("doc-key-query-form-encoded", "Form-encoded query (space as '+', %2F, %2B) is signed exactly as sent.",
        "GET", "/n/ns/b/bucket/o?prefix=my+dir%2Fa%2Bb&limit=10", std(OS_HOST), key=ds,
        flags=["QueryEncoding", "WeakKey1024", "DerivedVector"],
        cross_check=derived("get_query_form_encoded"))
    add("doc-key-host-port-8443", "A non-default port is part of the signed host value.",
        "GET", "/20160918/instances", std("localhost:8443"), key=ds,
        flags=["NonDefaultPort", "WeakKey1024", "DerivedVector"],
        cross_check=derived("get_host_with_port"))
    add("doc-key-x-date", "x-date replaces date as the first signed header (doc-get request).",
        "GET", DOC_GET_TARGET, [H("Host", IAAS), H("x-date", DATE)], key=ds,
        flags=["XDate", "WeakKey1024", "DerivedVector"], cross_check=derived("get_xdate"))
    add("doc-key-obo-get", "opc-obo-token is appended after host on a GET (doc-get request).",
        "GET", DOC_GET_TARGET, std() + [H("opc-obo-token", OBO)], key=ds,
        flags=["OboToken", "WeakKey1024", "DerivedVector"], cross_check=derived("get_with_obo_token"))
    add("doc-key-delete", "DELETE signs the generic header set only.",
        "DELETE", "/20160918/instances/ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a",
        std(), key=ds, flags=["WeakKey1024", "DerivedVector"], cross_check=derived("delete_instance"))
    add("doc-key-session-token", "Session-token keyId (ST$...) on the doc-get request; the signature equals doc-get's.",
        "GET", DOC_GET_TARGET, std(), key=ds, token=SESSION_TOKEN,
        flags=["SessionToken", "WeakKey1024"], cross_check=DOC["official_vectors"][0]["signature"])

    # --- CreateVolumeBackup reference case -----------------------------------
    cvb_headers = [H("host", ASH), H("content-type", "application/json"),
                   H("opc-retry-token", "aliqua enim i"), H("date", DATE)]
    for cid, key, fl in (("create-volume-backup-doc-key", ds, ["WeakKey1024"]),
                         ("create-volume-backup", "rsa2048", []),
                         ("create-volume-backup-rsa3072", "rsa3072", ["Key3072"]),
                         ("create-volume-backup-rsa4096", "rsa4096", ["Key4096"])):
        add(cid, "CreateVolumeBackup reference request (128-byte JSON body, unsigned opc-retry-token) signed with the %s key." % key,
            "POST", "/20160918/volumeBackups", cvb_headers, CVB_BODY, key=key,
            flags=fl + ["UnsignedHeaders"])

    # --- every method, with and without body ---------------------------------
    get_t = "/20160918/instances?compartmentId=ocid1.compartment.oc1..aaaaaaaaexample"
    inst_t = "/20160918/instances/ocid1.instance.oc1.phx.aaaaaaaaexample"
    add("get-basic", "Plain GET signs date, (request-target), host.", "GET", get_t, std())
    add("get-with-body", "A body on GET is not signed and no body headers are added.",
        "GET", get_t, std(), b'{"ignored": true}', flags=["BodyOnBodylessMethod"])
    add("head-basic", "HEAD signs the generic header set.", "HEAD", inst_t, std())
    add("head-with-body", "A body on HEAD is not signed and no body headers are added.",
        "HEAD", inst_t, std(), b"abc", flags=["BodyOnBodylessMethod"])
    add("delete-basic", "DELETE signs the generic header set.", "DELETE", inst_t, std())
    add("delete-with-body", "A body on DELETE is not signed and no body headers are added.",
        "DELETE", inst_t, std() + [H("Content-Type", "application/json")], JSON_BODY,
        flags=["BodyOnBodylessMethod"])
    for m in BODY_METHODS:
        t = "/20160918/instances" if m == "POST" else inst_t
        add("%s-json-body" % m.lower(), "%s with a JSON body signs the three body headers." % m,
            m, t, std() + [H("Content-Type", "application/json")], JSON_BODY)
        add("%s-empty-body" % m.lower(), "%s with an empty body signs content-length 0 and the empty-body hash." % m,
            m, t, std() + [H("Content-Type", "application/json")], b"", flags=["EmptyBody"])
        add("%s-no-content-type" % m.lower(), "%s without Content-Type gets content-type application/json added and signed." % m,
            m, t, std(), JSON_BODY, flags=["DefaultContentType"])
    add("post-empty-no-content-type", "POST with neither a body nor Content-Type: all three body headers are added.",
        "POST", "/20160918/instances/ocid1.instance.oc1.phx.aaaaaaaaexample/actions/reboot",
        std(), b"", flags=["EmptyBody", "DefaultContentType"])
    add("patch-custom-content-type", "A non-JSON content-type given by the caller is signed verbatim.",
        "PATCH", inst_t, std() + [H("Content-Type", "application/merge-patch+json; charset=utf-8")],
        JSON_BODY)

    # --- exclude-body operations -----------------------------------------------
    add("put-object", "PutObject: body headers not signed; content-length still added.",
        "PUT", "/n/examplens/b/example-bucket/o/photos/2014/cat.jpg",
        std(OS_HOST) + [H("Content-Type", "application/octet-stream")], BINARY_BODY,
        exclude_body=True, flags=["ExcludeBody", "BinaryBody"])
    add("put-object-empty", "PutObject of a zero-byte object: content-length 0 added, not signed.",
        "PUT", "/n/examplens/b/example-bucket/o/empty.txt", std(OS_HOST), b"",
        exclude_body=True, flags=["ExcludeBody", "EmptyBody"])
    add("put-object-caller-content-length", "PutObject with a caller Content-Length: kept once, not signed.",
        "PUT", "/n/examplens/b/example-bucket/o/hello.txt",
        std(OS_HOST) + [H("Content-Length", "12"), H("Content-Type", "text/plain")],
        b"Hello world!", exclude_body=True, flags=["ExcludeBody", "CallerBodyHeaders"])
    add("put-object-metadata", "PutObject with opc-meta-*, content-md5 and if-match: none of them is signed.",
        "PUT", "/n/examplens/b/example-bucket/o/report.csv",
        std(OS_HOST) + [H("Content-Type", "text/csv"), H("opc-meta-foo", "bar"),
                        H("Content-MD5", "ZajifYh5KDgxtmS9i38K1A=="), H("If-Match", "*")],
        b"a,b\n1,2\n", exclude_body=True, flags=["ExcludeBody", "UnsignedHeaders"])
    add("upload-part", "UploadPart (PUT with uploadId/uploadPartNum query): body headers not signed.",
        "PUT", "/n/examplens/b/example-bucket/u/big.bin?uploadId=0a1b2c3d-4e5f-6789-abcd-ef0123456789&uploadPartNum=1",
        std(OS_HOST), LARGE_BODY[:4096], exclude_body=True, flags=["ExcludeBody", "BinaryBody"])
    add("put-messages", "Streaming PutMessages is a POST whose body headers are not signed.",
        "POST", "/20180418/streams/ocid1.stream.oc1.phx.aaaaaaaaexample/messages",
        std(STREAM_HOST) + [H("Content-Type", "application/json")],
        b'{"messages": [{"key": null, "value": "SGVsbG8="}]}', exclude_body=True,
        flags=["ExcludeBody"])
    add("put-messages-session-token", "PutMessages signed with a session-token keyId: exclusion still applies.",
        "POST", "/20180418/streams/ocid1.stream.oc1.phx.aaaaaaaaexample/messages",
        std(STREAM_HOST) + [H("Content-Type", "application/json")],
        b'{"messages": [{"key": "a2V5", "value": "dmFsdWU="}]}', exclude_body=True,
        token=SESSION_TOKEN, flags=["ExcludeBody", "SessionToken"])

    # --- bodies ---------------------------------------------------------------
    add("post-binary-body", "Body bytes 0x00..0xFF (including CR, LF, NUL) are hashed and counted as raw bytes.",
        "POST", "/20160918/blobs", std() + [H("Content-Type", "application/octet-stream")],
        BINARY_BODY, flags=["BinaryBody"])
    add("post-utf8-body", "Non-ASCII UTF-8 JSON body: content-length counts bytes, not characters.",
        "POST", "/20160918/instances", std() + [H("Content-Type", "application/json")],
        UTF8_BODY, flags=["UTF8Body"])
    add("put-large-body", "1 MiB deterministic binary body.",
        "PUT", "/20160918/blobs/large", std() + [H("Content-Type", "application/octet-stream")],
        LARGE_BODY, flags=["LargeBody", "BinaryBody"])
    add("post-body-trailing-newline", "A trailing LF in the body is part of the body (hashed and counted).",
        "POST", "/20160918/instances", std() + [H("Content-Type", "application/json")],
        JSON_BODY + b"\n")

    # --- targets ----------------------------------------------------------------
    tgt = [
        ("target-reserved-escapes", "/n/ns/b/bucket/o/a%3Fb%23c%26d%3De%25f", "Percent-encoded reserved characters (? # & = %) in the path are kept.", ["PathEncoding"]),
        ("target-utf8-escapes", "/n/ns/b/bucket/o/%C3%A9t%C3%A9%20%E6%9D%B1%E4%BA%AC", "Percent-encoded UTF-8 in the path is signed undecoded.", ["PathEncoding"]),
        ("target-query-plus", "/n/ns/b/bucket/o?prefix=a+b", "'+' for space in a query is kept as '+'.", ["QueryEncoding"]),
        ("target-query-pct20", "/n/ns/b/bucket/o?prefix=a%20b", "'%20' for space in a query is kept as '%20'.", ["QueryEncoding"]),
        ("target-query-literal-plus", "/n/ns/b/bucket/o?prefix=a%2Bb", "An encoded plus (%2B) is kept encoded.", ["QueryEncoding"]),
        ("target-repeated-params", "/20160918/instances?lifecycleState=RUNNING&lifecycleState=STOPPED&lifecycleState=RUNNING", "Repeated query parameters are kept in order, duplicates included.", ["QueryEncoding"]),
        ("target-empty-query-values", "/20160918/instances?a=&b&c=1", "Empty query values (a= and bare b) are kept exactly.", ["QueryEncoding"]),
        ("target-unsorted-query", "/20160918/instances?zeta=1&alpha=2&Mid=3", "Query parameters are not sorted.", ["QueryEncoding"]),
        ("target-lowercase-escape", "/20160918/instances?availabilityDomain=Pjwf%3a%20PHX-AD-1", "Lowercase percent-escape %3a is kept lowercase.", ["LowercaseEscape", "QueryEncoding"]),
        ("target-mixed-case-escapes", "/n/ns/b/bucket/o/a%2fb%2Fc%3a%3A", "Lowercase and uppercase escapes in one path are each kept as sent.", ["LowercaseEscape", "PathEncoding"]),
        ("target-tilde-escaped", "/n/ns/b/bucket/o/%7Euser%7efile", "%7E (tilde) is not decoded to '~'.", ["PathEncoding", "LowercaseEscape"]),
        ("target-tilde-literal", "/n/ns/b/bucket/o/~user", "A literal '~' is not encoded.", ["PathEncoding"]),
        ("target-encoded-slash", "/n/ns/b/bucket/o/dir%2Fsub%2Ffile.txt", "'/' encoded as %2F in an object name is kept encoded.", ["PathEncoding"]),
        ("target-dot-segments", "/20160918/../20160918/./instances", "'..' and '.' path segments are not normalised.", ["PathEncoding", "DotSegments"]),
        ("target-double-slash", "/n/ns/b/bucket/o//leading-slash-object", "An empty path segment (//) is kept.", ["PathEncoding"]),
        ("target-root", "/", "The root path '/' is signed as '/'.", []),
        ("target-subdelims", "/n/ns/b/bucket/o/a:b@c!d$e'f(g)h*i,j;k=l", "Unencoded sub-delimiters and ':' '@' in the path are kept.", ["PathEncoding"]),
        ("target-query-question-mark", "/20160918/instances?filter=a?b&x=/y", "A '?' and '/' inside the query are kept.", ["QueryEncoding"]),
        ("target-query-encoded-json", "/20160918/instances?definedTags=%7B%22ns%22%3A%7B%22k%22%3A%22v%22%7D%7D", "A percent-encoded JSON value in the query is signed undecoded.", ["QueryEncoding"]),
        ("target-long-query", "/20160918/instances?" + "&".join("p%02d=%s" % (i, "v" * 40) for i in range(60)), "A long (2.7 KB) query string is signed whole.", ["QueryEncoding"]),
    ]
    for cid, t, d, fl in tgt:
        add(cid, d, "GET", t, std(OS_HOST if "/n/" in t else IAAS), flags=fl)
    add("post-target-with-query", "A POST target with a query string is signed byte for byte.",
        "POST", "/20160918/instances/ocid1.instance.oc1.phx.aaaaaaaaexample?action=SOFTRESET",
        std() + [H("Content-Type", "application/json")], b"", flags=["QueryEncoding", "EmptyBody"])

    # --- hosts ----------------------------------------------------------------
    add("host-localhost-12000", "Host localhost:12000: the port is signed.", "GET",
        "/20160918/instances", std("localhost:12000"), flags=["NonDefaultPort"])
    add("host-ipv6-port", "IPv6 literal host with port [::1]:8080 is signed verbatim.", "GET",
        "/20160918/instances", std("[::1]:8080"), flags=["NonDefaultPort", "IPv6Host"])
    add("host-explicit-443", "An explicit default port :443 in Host is kept and signed.", "GET",
        "/20160918/instances", std(IAAS + ":443"), flags=["NonDefaultPort"])
    add("host-port-8443-post", "POST to a host with port 8443.", "POST", "/20160918/instances",
        std("localhost:8443") + [H("Content-Type", "application/json")], JSON_BODY,
        flags=["NonDefaultPort"])
    add("host-uppercase", "An uppercase Host value is signed verbatim, not lowercased.", "GET",
        "/20160918/instances", std("IAAS.US-Phoenix-1.OracleCloud.com"))

    # --- dates ------------------------------------------------------------------
    add("x-date-get", "x-date alone is signed in place of date.", "GET", get_t,
        [H("Host", IAAS), H("X-Date", DATE)], flags=["XDate"])
    add("x-date-with-date", "When both x-date and date are present, x-date is signed and date is not.",
        "GET", get_t, [H("Host", IAAS), H("Date", "Mon, 01 Jan 2024 00:00:00 GMT"), H("x-date", DATE)],
        flags=["XDate", "UnsignedHeaders"])
    add("x-date-post", "x-date on a POST leads the full body header list.", "POST",
        "/20160918/instances", [H("Host", IAAS), H("x-date", DATE), H("Content-Type", "application/json")],
        JSON_BODY, flags=["XDate"])
    add("x-date-put-object", "x-date on an exclude-body PutObject.", "PUT",
        "/n/examplens/b/example-bucket/o/x.txt", [H("Host", OS_HOST), H("x-date", DATE)], b"x",
        exclude_body=True, flags=["XDate", "ExcludeBody"])

    # --- optional signed headers ------------------------------------------------
    add("obo-token-get", "opc-obo-token is appended after host on GET.", "GET", get_t,
        std() + [H("opc-obo-token", OBO)], flags=["OboToken"])
    add("obo-token-post", "opc-obo-token is signed right after host on POST, before the body headers (Python delegation signers).", "POST",
        "/20160918/instances", [H("Host", IAAS), H("opc-obo-token", OBO), H("Date", DATE),
                                H("Content-Type", "application/json")], JSON_BODY,
        flags=["OboToken"])
    add("x-subscription-get", "x-subscription is appended after host.", "GET", get_t,
        std() + [H("x-subscription", SUB_OCID)], flags=["Subscription"])
    add("x-cross-tenancy-get", "x-cross-tenancy-request is appended after host.", "GET", get_t,
        std() + [H("x-cross-tenancy-request", XTENANCY)], flags=["CrossTenancy"])
    three_rev = [H("x-subscription", SUB_OCID), H("x-cross-tenancy-request", XTENANCY),
                 H("opc-obo-token", OBO)]
    add("optional-headers-all-get", "All three optional headers, given in reverse order, are signed as obo, cross-tenancy, subscription.",
        "GET", get_t, std() + three_rev, flags=["OboToken", "Subscription", "CrossTenancy"])
    add("optional-headers-all-post", "On POST opc-obo-token follows host; x-cross-tenancy-request and x-subscription follow the body headers.",
        "POST", "/20160918/instances", std() + [H("Content-Type", "application/json")] + three_rev,
        JSON_BODY, flags=["OboToken", "Subscription", "CrossTenancy"])
    add("optional-headers-put-object", "Optional headers on an exclude-body PutObject follow host.",
        "PUT", "/n/examplens/b/example-bucket/o/x.txt",
        std(OS_HOST) + [H("opc-obo-token", OBO), H("x-subscription", SUB_OCID)], b"data",
        exclude_body=True, flags=["ExcludeBody", "OboToken", "Subscription"])

    # --- session tokens -----------------------------------------------------------
    add("session-token-get", "keyId ST$<token> on a GET.", "GET", get_t, std(),
        token=SESSION_TOKEN, flags=["SessionToken"])
    add("session-token-post", "keyId ST$<token> on a POST with body.", "POST", "/20160918/instances",
        std() + [H("Content-Type", "application/json")], JSON_BODY, token=SESSION_TOKEN,
        flags=["SessionToken"])
    add("session-token-obo", "Session token together with an opc-obo-token.", "GET", get_t,
        std() + [H("opc-obo-token", OBO)], token=SESSION_TOKEN, flags=["SessionToken", "OboToken"])

    # --- unsigned headers, header syntax --------------------------------------------
    add("unsigned-headers-get", "opc-request-id, opc-client-info, user-agent, accept are never signed.",
        "GET", get_t, std() + [H("opc-request-id", "F5B2A7C1D3E84B0A9C6D2E1F0A3B4C5D"),
                               H("opc-client-info", "Oracle-SwiftSDK/0.1.0"),
                               H("User-Agent", "swift-oci-signing-tests/1.0"),
                               H("Accept", "application/json")],
        flags=["UnsignedHeaders"])
    add("unsigned-headers-post", "opc-retry-token, if-match, opc-meta-foo, content-md5 are never signed on POST.",
        "POST", "/20160918/instances",
        [H("opc-retry-token", "retry-token-123"), H("Host", IAAS), H("if-match", "\"etag-1\""),
         H("Date", DATE), H("opc-meta-foo", "bar"), H("Content-Type", "application/json"),
         H("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")], JSON_BODY, flags=["UnsignedHeaders"])
    add("mixed-case-header-names", "Header names written HOST, DATE, Content-Type are signed lowercase.",
        "POST", "/20160918/instances",
        [H("HOST", IAAS), H("DATE", DATE), H("Content-Type", "application/json")], JSON_BODY,
        flags=["MixedCaseHeaderNames"])
    add("mixed-case-body-headers", "Caller body headers in odd case (CONTENT-LENGTH, X-Content-SHA256) are found and signed lowercase.",
        "PUT", inst_t,
        std() + [H("CONTENT-TYPE", "application/json"), H("CONTENT-LENGTH", str(len(JSON_BODY))),
                 H("X-Content-SHA256", base64.b64encode(hashlib.sha256(JSON_BODY).digest()).decode())],
        JSON_BODY, flags=["MixedCaseHeaderNames", "CallerBodyHeaders"])
    add("header-ows", "Spaces and tabs after the colon and at the end of values are stripped.",
        "POST", "/20160918/instances",
        [H("Host", IAAS, "\t " + IAAS + "  "), H("Date", DATE, "   " + DATE + " \t"),
         H("Content-Type", "application/json", "application/json")], JSON_BODY,
        flags=["OWS"])
    add("header-order-date-last", "Signed-header order is fixed, whatever the order of header lines.",
        "POST", "/20160918/instances",
        [H("Content-Type", "application/json"), H("Host", IAAS), H("Date", DATE)], JSON_BODY)
    add("caller-body-headers", "Caller-supplied correct content-length and x-content-sha256 are kept, not duplicated.",
        "POST", "/20160918/volumeAttachments",
        std() + [H("Content-Type", "application/json"), H("Content-Length", "316"),
                 H("x-content-sha256", "V9Z20UJTvkvpJ50flBzKE32+6m2zJjweHpDMX/U4Uy0=")],
        DOC_POST_BODY, flags=["CallerBodyHeaders"])
    add("caller-sha256-only", "Caller-supplied correct x-content-sha256 only; content-length is added.",
        "POST", "/20160918/instances",
        std() + [H("Content-Type", "application/json"),
                 H("x-content-sha256", base64.b64encode(hashlib.sha256(JSON_BODY).digest()).decode())],
        JSON_BODY, flags=["CallerBodyHeaders"])
    add("caller-content-length-only", "Caller-supplied correct content-length only; x-content-sha256 is added.",
        "PATCH", inst_t,
        std() + [H("Content-Type", "application/json"), H("Content-Length", str(len(JSON_BODY)))],
        JSON_BODY, flags=["CallerBodyHeaders"])
    add("caller-empty-body-headers", "Caller-supplied content-length 0 and the empty hash for an empty PUT.",
        "PUT", inst_t,
        std() + [H("Content-Type", "application/json"), H("Content-Length", "0"),
                 H("x-content-sha256", EMPTY_SHA)], b"", flags=["CallerBodyHeaders", "EmptyBody"])

    # --- CRLF input -----------------------------------------------------------------
    add("crlf-get", "CRLF line endings in request.http are accepted; signed.http uses CRLF too.",
        "GET", get_t, std(), eol="\r\n", flags=["CRLFInput"])
    add("crlf-post", "CRLF input with a body that itself contains CRLF and LF bytes.",
        "POST", "/20160918/instances", std() + [H("Content-Type", "text/plain")],
        b"line one\r\nline two\nline three\r\n", eol="\r\n", flags=["CRLFInput"])

    # --- key sizes ------------------------------------------------------------------
    add("get-rsa3072", "GET signed with a 3072-bit key.", "GET", get_t, std(), key="rsa3072", flags=["Key3072"])
    add("get-rsa4096", "GET signed with a 4096-bit key.", "GET", get_t, std(), key="rsa4096", flags=["Key4096"])
    add("put-object-rsa4096", "PutObject signed with a 4096-bit key.", "PUT",
        "/n/examplens/b/example-bucket/o/k4096", std(OS_HOST), b"4096", key="rsa4096",
        exclude_body=True, flags=["Key4096", "ExcludeBody"])

    # --- near misses (invalid) --------------------------------------------------------
    for cid, nid, what in (
            ("near-miss-trailing-newline", "neg_trailing_newline", "A trailing LF was appended to the signing string."),
            ("near-miss-real-weekday", "neg_real_weekday", "The date was re-derived from the timestamp, giving the real weekday 'Sun' instead of the literal 'Thu'."),
            ("near-miss-uppercase-method", "neg_uppercase_method", "The method in (request-target) was left uppercase ('GET')."),
            ("near-miss-crlf-joins", "neg_crlf", "Signing-string lines were joined with CRLF instead of LF.")):
        add(cid, "Near miss on doc-get: " + what, "GET", DOC_GET_TARGET,
            [H("Host", IAAS), H("Date", DATE)], key=ds, result="invalid",
            flags=["NearMiss", "WeakKey1024", "OfficialVector"], near_miss=what,
            cross_check=[v for v in DOC["negative_vectors"] if v["id"] == nid][0])

    # --- errors ---------------------------------------------------------------------------
    E = "swift-oci-signing policy"

    def err(cid, code, description, raw, note, key="rsa2048", allow_weak=None, flags=()):
        add(cid, description, None, None, [], key=key, result="error", expected_error=code,
            raw=raw, note=note, source=E, allow_weak=allow_weak, flags=flags)

    ok_head = ("Host: %s\nDate: %s\n" % (IAAS, DATE)).encode()
    rl_note = "README 'request.http' contract: request line is METHOD SP TARGET SP HTTP/1.1"
    err("error-request-line-no-version", "malformedRequest", "Request line without the HTTP version.",
        b"GET /20160918/instances\n" + ok_head + b"\n", rl_note)
    err("error-request-line-http10", "malformedRequest", "Request line with a version other than HTTP/1.1.",
        b"GET /20160918/instances HTTP/1.0\n" + ok_head + b"\n", rl_note)
    err("error-header-without-colon", "malformedRequest", "A header line without a colon.",
        b"GET /20160918/instances HTTP/1.1\n" + ok_head + b"X-Broken-Header\n\n", "README 'request.http' contract: header lines are Name: value")
    err("error-obs-fold", "malformedRequest", "An obsolete folded continuation line (no colon) is rejected.",
        b"GET /20160918/instances HTTP/1.1\n" + ok_head + b"opc-request-id: abc\n continued\n\n", "README 'request.http' contract: no obs-fold; header lines are Name: value")
    err("error-empty-header-name", "malformedRequest", "A header line with an empty name.",
        b"GET /20160918/instances HTTP/1.1\n" + ok_head + b": value\n\n", "README 'request.http' contract: header name must be a non-empty token")
    err("error-truncated-no-blank-line", "malformedRequest", "File ends after the headers without the empty line.",
        b"GET /20160918/instances HTTP/1.1\n" + ok_head, "README 'request.http' contract: headers end with an empty line")
    err("error-empty-file", "malformedRequest", "An empty request.http.", b"", "README 'request.http' contract: truncated file")
    err("error-method-options", "unsupportedMethod", "OPTIONS is not a signable method.",
        b"OPTIONS /20160918/instances HTTP/1.1\n" + ok_head + b"\n", "spec section 2.1: only GET HEAD DELETE POST PUT PATCH (Python: \"Don't know how to sign request verb\")")
    err("error-method-lowercase", "unsupportedMethod", "Methods are case-sensitive: 'get' is not GET.",
        b"get /20160918/instances HTTP/1.1\n" + ok_head + b"\n", "spec section 2.1 method list; methods are case-sensitive tokens (RFC 9110)")
    err("error-method-trace", "unsupportedMethod", "TRACE is not a signable method.",
        b"TRACE / HTTP/1.1\n" + ok_head + b"\n", "spec section 2.1 method list")
    tn = "spec section 1.2: target is signed as sent; README invalidTarget rule"
    err("error-target-no-slash", "invalidTarget", "Target not starting with '/'.",
        b"GET 20160918/instances HTTP/1.1\n" + ok_head + b"\n", tn)
    err("error-target-absolute-form", "invalidTarget", "Absolute-form target (https://...) is rejected.",
        ("GET https://%s/20160918/instances HTTP/1.1\n" % IAAS).encode() + ok_head + b"\n", tn)
    err("error-target-asterisk", "invalidTarget", "Asterisk-form target '*' is rejected.",
        b"GET * HTTP/1.1\n" + ok_head + b"\n", tn)
    err("error-target-space", "invalidTarget", "A raw space inside the target (request line split at first and last SP).",
        b"GET /n/ns/b/bucket/o/a b HTTP/1.1\n" + ok_head + b"\n", tn)
    err("error-target-non-ascii", "invalidTarget", "A raw (unencoded) UTF-8 byte sequence in the target.",
        "GET /n/ns/b/bucket/o/\u00e9t\u00e9 HTTP/1.1\n".encode("utf-8") + ok_head + b"\n", tn)
    err("error-target-nul", "invalidTarget", "A NUL byte in the target.",
        b"GET /20160918/inst\x00ances HTTP/1.1\n" + ok_head + b"\n", tn)
    err("error-target-bare-cr", "invalidTarget", "A bare CR inside the target.",
        b"GET /20160918/inst\rances HTTP/1.1\n" + ok_head + b"\n", tn)
    hv = "README invalidHeaderValue rule (CR, LF or NUL in a value; spec section 1.1 values taken as-is)"
    err("error-header-bare-cr-date", "invalidHeaderValue", "A bare CR in the middle of the date value.",
        ("GET /20160918/instances HTTP/1.1\nHost: %s\nDate: Thu, 05 Jan\r2014 21:31:40 GMT\n\n" % IAAS).encode(), hv)
    err("error-header-nul-unsigned", "invalidHeaderValue", "A NUL byte in an unsigned header value is still rejected.",
        b"GET /20160918/instances HTTP/1.1\n" + ok_head + b"opc-request-id: abc\x00def\n\n", hv)
    err("error-header-bare-cr-host", "invalidHeaderValue", "A bare CR inside the Host value.",
        ("GET /20160918/instances HTTP/1.1\nHost: iaas\r.example.com\nDate: %s\n\n" % DATE).encode(), hv)
    err("error-header-cr-crlf-file", "invalidHeaderValue", "CRLF file where a value contains an extra bare CR.",
        ("GET /20160918/instances HTTP/1.1\r\nHost: %s\r\nDate: %s\r\nUser-Agent: a\rb\r\n\r\n" % (IAAS, DATE)).encode(),
        hv, flags=["CRLFInput"])
    mh = "spec section 1.3 and 9: host is always signed; it must come from a Host header"
    err("error-missing-host-get", "missingHost", "GET without a Host header.",
        ("GET /20160918/instances HTTP/1.1\nDate: %s\n\n" % DATE).encode(), mh)
    err("error-missing-host-post", "missingHost", "POST without a Host header.",
        ("POST /20160918/instances HTTP/1.1\nDate: %s\nContent-Type: application/json\n\n{}" % DATE).encode(), mh)
    err("error-missing-host-empty-value", "missingHost", "A Host header with an empty value counts as missing.",
        ("GET /20160918/instances HTTP/1.1\nHost:\nDate: %s\n\n" % DATE).encode(), mh)
    err("error-missing-host-x-host", "missingHost", "Only X-Forwarded-Host given; it is not a substitute for Host.",
        ("GET /20160918/instances HTTP/1.1\nX-Forwarded-Host: %s\nDate: %s\n\n" % (IAAS, DATE)).encode(), mh)
    dn = "spec section 1.1: a conforming signer rejects duplicate or multi-valued signed headers"
    err("error-duplicate-date", "duplicateSignedHeader", "Two date headers.",
        ("GET /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nDate: %s\n\n" % (IAAS, DATE, DATE)).encode(), dn)
    err("error-duplicate-host-case", "duplicateSignedHeader", "Host and host (differing case) are the same header.",
        ("GET /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nhost: %s\n\n" % (IAAS, DATE, IAAS)).encode(), dn)
    err("error-duplicate-content-type", "duplicateSignedHeader", "Two Content-Type headers on a POST.",
        ("POST /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nContent-Type: application/json\nContent-Type: text/plain\n\n{}" % (IAAS, DATE)).encode(), dn)
    err("error-duplicate-obo-token", "duplicateSignedHeader", "Two opc-obo-token headers.",
        ("GET /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nopc-obo-token: a\nopc-obo-token: b\n\n" % (IAAS, DATE)).encode(), dn)
    na = "spec section 1.1: Python encodes the signing string as ASCII and fails on non-ASCII"
    err("error-non-ascii-content-type", "nonASCIISignedValue", "UTF-8 bytes in the signed content-type value.",
        ("POST /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nContent-Type: application/json; name=caf\u00e9\n\n{}" % (IAAS, DATE)).encode("utf-8"), na)
    err("error-non-ascii-obo-token", "nonASCIISignedValue", "UTF-8 bytes in a signed opc-obo-token value.",
        ("GET /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nopc-obo-token: t\u00f6ken\n\n" % (IAAS, DATE)).encode("utf-8"), na)
    err("error-non-ascii-host", "nonASCIISignedValue", "A raw UTF-8 (IDN) Host value.",
        ("GET /20160918/instances HTTP/1.1\nHost: b\u00fccher.example\nDate: %s\n\n" % DATE).encode("utf-8"), na)
    err("error-body-hash-mismatch", "bodyHashMismatch", "Caller x-content-sha256 does not match the body.",
        ("POST /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nContent-Type: application/json\nx-content-sha256: %s\n\n{}" % (IAAS, DATE, EMPTY_SHA)).encode(),
        "spec section 9: x-content-sha256 must describe the body actually sent")
    err("error-content-length-mismatch", "contentLengthMismatch", "Caller Content-Length differs from the body byte count.",
        ("POST /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nContent-Type: application/json\nContent-Length: 10\n\n{}" % (IAAS, DATE)).encode(),
        "spec section 9: content-length must describe the body actually sent")
    err("error-content-length-chars-not-bytes", "contentLengthMismatch", "Content-Length counted in characters (4) for a 5-byte UTF-8 body.",
        ("POST /20160918/instances HTTP/1.1\nHost: %s\nDate: %s\nContent-Type: text/plain\nContent-Length: 4\n\ncaf\u00e9" % (IAAS, DATE)).encode("utf-8"),
        "spec section 8 item 6 (Ruby #48): content-length is a byte count")
    cl_excl = ("PUT /n/examplens/b/example-bucket/o/x.txt HTTP/1.1\nHost: %s\nDate: %s\nContent-Length: 3\n\nHello" % (OS_HOST, DATE)).encode()
    add("error-content-length-mismatch-put-object", "Exclude-body PutObject whose caller Content-Length differs from the body.",
        None, None, [], result="error", expected_error="contentLengthMismatch", raw=cl_excl,
        exclude_body=True, flags=["ExcludeBody"], source=E,
        note="spec section 2.2/8: content-length is still sent for exclude-body operations and must match")
    ok_get = b"GET /20160918/instances HTTP/1.1\n" + ok_head + b"\n"
    err("error-key-rsa512", "keyTooSmall", "A 512-bit RSA key is refused even with allowWeakKey.", ok_get,
        "spec section 5.3; policy: below 1024 bits is never accepted", key="rsa512", allow_weak=True,
        flags=["KeyPolicy"])
    err("error-weak-key-1024", "weakKey", "The 1024-bit docs key without allowWeakKey is refused.", ok_get,
        "spec section 5.3 (docs require 2048 bits); policy: 1024-2047 needs allowWeakKey", key="doc-sample",
        allow_weak=False, flags=["KeyPolicy", "WeakKey1024"])
    err("error-ec-key", "unsupportedKeyType", "An EC P-256 key is refused (only RSA is used).", ok_get,
        "spec section 5.1: only RSA keys are used", key="ec-p256", flags=["KeyPolicy"])


# ---------------------------------------------------------------------------
# Driving the SDK
# ---------------------------------------------------------------------------

CAPTURED = []
_orig_sign = httpsig_sign.Signer._sign


def _recording_sign(self, data):
    # Records the exact bytes the vendored httpsig signs; the return value is
    # the SDK's own, untouched.
    CAPTURED.append(data)
    return _orig_sign(self, data)


httpsig_sign.Signer._sign = _recording_sign


def request_bytes(c):
    eol = c["eol"].encode()
    out = ("%s %s HTTP/1.1" % (c["method"], c["target"])).encode("ascii") + eol
    for name, _value, raw in c["headers"]:
        out += (name + ":" + raw).encode("ascii") + eol
    return out + eol + c["body"]


def expected_header_list(c, hdrs):
    method = c["method"]
    names = ["x-date" if "x-date" in hdrs else "date", "(request-target)", "host"]
    names += [h for h in AFTER_HOST_SIGNED if h in hdrs]
    if method in BODY_METHODS and not c["exclude_body"]:
        names += ["content-length", "content-type", "x-content-sha256"]
    names += [h for h in OPTIONAL_SIGNED if h in hdrs and h not in AFTER_HOST_SIGNED]
    return names


DOCS_ORDER = ("version", "headers", "keyId", "algorithm", "signature")


def sign_with_sdk(c, keys):
    k = keys[c["key"]]
    method, target = c["method"], c["target"]
    hdrs = {}
    for name, value, _raw in c["headers"]:
        assert name.lower() not in hdrs, "duplicate header in a valid case"
        hdrs[name.lower()] = value
    host = hdrs["host"]
    expected = expected_header_list(c, hdrs)
    date_name = expected[0]
    is_body = method in BODY_METHODS and not c["exclude_body"]
    # Like Python's delegation signers, headers signed after host belong to the GENERIC list.
    n_generic = 3 + len([h for h in AFTER_HOST_SIGNED if h in hdrs])
    generic = expected[:n_generic] + ([] if is_body else expected[n_generic:])
    body_h = expected[n_generic:] if is_body else ["content-length", "content-type", "x-content-sha256"]
    default_lists = (generic == ["date", "(request-target)", "host"]
                     and (not is_body or body_h == ["content-length", "content-type", "x-content-sha256"]))

    if c["token"]:
        signer = SecurityTokenSigner(c["token"], k["priv"], generic_headers=generic, body_headers=body_h)
        how = "oci.auth.signers.SecurityTokenSigner(token, key, generic_headers=%s, body_headers=%s)" % (
            json.dumps(generic), json.dumps(body_h))
    else:
        signer = oci.signer.Signer(TENANCY, USER, k["fp"], private_key_file_location=None,
                                   private_key_content=k["pem"].decode("ascii"))
        if default_lists:
            how = PY_DEFAULT_NOTE
        else:
            signer.create_signers(signer.api_key, signer.private_key, generic, body_h)
            how = PY_EXPLICIT_NOTE + " (generic=%s, body=%s)" % (json.dumps(generic), json.dumps(body_h))

    # Hand-built PreparedRequest: same steps as PreparedRequest.prepare() except
    # prepare_url (which would re-quote the target) -- the URL is set verbatim.
    req = oci_requests.PreparedRequest()
    req.prepare_method(method)
    req.url = "https://" + host + target
    req.prepare_headers({name: value for name, value, _raw in c["headers"]})
    req.prepare_body(data=c["body"], files=None)
    assert req.path_url == target, (req.path_url, target)

    CAPTURED.clear()
    if c["exclude_body"]:
        signer.without_content_headers(req)
        how += "; signed through signer.without_content_headers (enforce_content_headers=False)"
    else:
        signer(req)
    assert len(CAPTURED) == 1
    signing_bytes = CAPTURED[0]
    py_auth = req.headers["authorization"]

    # Parse Python's Authorization value, re-emit in docs order.
    assert py_auth.startswith("Signature ")
    params = dict(re.findall(r'(\w+)="([^"]*)"', py_auth[len("Signature "):]))
    assert py_auth == 'Signature algorithm="%s",headers="%s",keyId="%s",signature="%s",version="%s"' % (
        params["algorithm"], params["headers"], params["keyId"], params["signature"], params["version"])
    assert params["algorithm"] == "rsa-sha256" and params["version"] == "1"
    assert params["headers"].split(" ") == expected, (params["headers"], expected)
    key_id = ("ST$" + c["token"]) if c["token"] else "%s/%s/%s" % (TENANCY, USER, k["fp"])
    assert params["keyId"] == key_id
    auth = "Signature " + ",".join('%s="%s"' % (p, params[p]) for p in DOCS_ORDER)

    # Assertions on what was signed.
    lines = signing_bytes.decode("ascii").split("\n")
    assert [ln.split(": ", 1)[0] for ln in lines] == expected
    sv = dict(ln.split(": ", 1) for ln in lines)
    assert sv["(request-target)"] == method.lower() + " " + target
    assert sv["host"] == host
    assert sv[date_name] == hdrs[date_name]
    for h in OPTIONAL_SIGNED:
        if h in sv:
            assert sv[h] == hdrs[h]
    if is_body:
        assert sv["content-length"] == str(len(c["body"]))
        assert sv["x-content-sha256"] == base64.b64encode(hashlib.sha256(c["body"]).digest()).decode()
        assert sv["content-type"] == hdrs.get("content-type", "application/json")
    k["pub"].verify(base64.b64decode(params["signature"]), signing_bytes,
                    padding.PKCS1v15(), hashes.SHA256())
    if c["cross_check"]:
        assert params["signature"] == c["cross_check"], c["id"]

    # Headers the signer adds (README rule), values from the SDK's request.
    added = []
    if method in BODY_METHODS:
        if is_body and "content-type" not in hdrs:
            added.append(("content-type", req.headers["content-type"]))
        if "content-length" not in hdrs:
            added.append(("content-length", req.headers["content-length"]))
        if is_body and "x-content-sha256" not in hdrs:
            added.append(("x-content-sha256", req.headers["x-content-sha256"]))
    for name, value in added:
        if name in sv:
            assert sv[name] == value
    if method in BODY_METHODS:
        cl = dict(added).get("content-length", hdrs.get("content-length"))
        assert cl == str(len(c["body"]))
    return signing_bytes, auth, added, how


def signed_http(c, auth, added):
    eol = c["eol"].encode()
    out = ("%s %s HTTP/1.1" % (c["method"], c["target"])).encode("ascii") + eol
    for name, value, _raw in c["headers"]:
        out += ("%s: %s" % (name, value)).encode("ascii") + eol
    for name, value in added:
        out += ("%s: %s" % (name, value)).encode("ascii") + eol
    out += ("authorization: " + auth).encode("ascii") + eol
    return out + eol + c["body"]


def dump_json(obj):
    return (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode("ascii")


def sdk_notes(c, how):
    notes = [how]
    hdr_names = [h[0].lower() for h in c["headers"]]
    if "x-date" in hdr_names:
        notes.append("Python's default Signer never signs x-date; x-date was put in the explicit list")
        if "date" not in hdr_names:
            notes.append("Python injected an unsigned current-time date header, not copied to signed.http")
    if any(h in hdr_names for h in ("x-subscription", "x-cross-tenancy-request")):
        notes.append("Python's own signers never sign x-subscription / x-cross-tenancy-request; "
                     "explicit lists reproduce the Java/.NET rule")
    if "opc-obo-token" in hdr_names:
        notes.append("opc-obo-token placement equals Python's delegation-token signers "
                     "(generic list: date (request-target) host opc-obo-token, before the body headers; "
                     "observed on the wire in shared/federation kat/instance_principals_variants.json)")
    if c["exclude_body"] and c["method"] in BODY_METHODS:
        notes.append("exclude-body: Python computes no x-content-sha256; the added content-length "
                     "value is the one the SDK's vendored requests.prepare_body set; Python's "
                     "unsigned default content-type application/json is not copied to signed.http")
    if c["method"] not in BODY_METHODS:
        notes.append("Python's unsigned default content-type is not copied to signed.http")
    return "; ".join(notes)


def write_case(c, keys, sdk_version):
    d = os.path.join(CASES_DIR, c["id"])
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    meta = {
        "id": c["id"],
        "description": c["description"],
        "key": c["key"],
        "options": {"excludeBody": c["exclude_body"], "allowWeakKey": c["allow_weak"]},
        "result": c["result"],
        "flags": c["flags"],
    }
    if c["token"]:
        meta["keyId"] = "ST$" + c["token"]
    else:
        meta["keyId"] = "%s/%s/%s" % (TENANCY, USER, keys[c["key"]]["fp"])
    if c["result"] == "error":
        meta["expectedError"] = c["expected_error"]
        meta["source"] = {"name": c["source"], "note": c["note"]}
        write_bytes(os.path.join(d, "request.http"), c["raw"])
    elif c["result"] == "valid":
        req = request_bytes(c)
        signing, auth, added, how = sign_with_sdk(c, keys)
        if c["source"] == "oracle-docs":
            meta["source"] = {"name": "oracle-docs", "version": "OCI Request Signatures page, Test Values",
                              "note": "Oracle's published test vector (values in Vectors/tools/oci-doc-test-vectors.json); "
                                      "oci-python-sdk %s reproduces signing string and signature byte for byte "
                                      "(asserted by generate.py). Authorization in docs parameter order." % sdk_version}
        else:
            note = sdk_notes(c, how) + "; Authorization re-emitted in docs parameter order"
            if c["cross_check"]:
                note += "; signature equals the research JSON vector (asserted)"
            meta["source"] = {"name": "oci-python-sdk", "version": sdk_version, "note": note}
        write_bytes(os.path.join(d, "request.http"), req)
        write_bytes(os.path.join(d, "signing-string.txt"), signing)
        write_bytes(os.path.join(d, "authorization.txt"), auth.encode("ascii"))
        write_bytes(os.path.join(d, "signed.http"), signed_http(c, auth, added))
    else:  # invalid near miss
        req = request_bytes(c)
        correct, _auth, _added, _how = sign_with_sdk(
            dict(c, result="valid", cross_check=DOC["official_vectors"][0]["signature"]), keys)
        s = correct.decode("ascii")
        wrong = {
            "near-miss-trailing-newline": s + "\n",
            "near-miss-real-weekday": s.replace("date: Thu,", "date: Sun,", 1),
            "near-miss-uppercase-method": s.replace("(request-target): get ", "(request-target): GET ", 1),
            "near-miss-crlf-joins": s.replace("\n", "\r\n"),
        }[c["id"]].encode("ascii")
        assert wrong != correct and wrong == c["cross_check"]["signing_string"].encode("ascii")
        sig = base64.b64encode(keys[c["key"]]["priv"].sign(wrong, padding.PKCS1v15(), hashes.SHA256())).decode()
        assert sig == c["cross_check"]["signature"], c["id"]
        auth = 'Signature version="1",headers="date (request-target) host",keyId="%s",algorithm="rsa-sha256",signature="%s"' % (
            meta["keyId"], sig)
        meta["nearMiss"] = c["near_miss"]
        meta["source"] = {"name": "oci-python-sdk", "version": sdk_version,
                          "note": "the correct signing string is what oci-python-sdk %s signs for doc-get; the "
                                  "wrong string is that string with the mistake applied, signed with "
                                  "cryptography (RSASSA-PKCS1-v1_5/SHA-256); string and signature equal the "
                                  "research JSON negative vector '%s' (asserted)" % (
                                      sdk_version, c["cross_check"]["id"])}
        write_bytes(os.path.join(d, "request.http"), req)
        write_bytes(os.path.join(d, "signing-string.txt"), wrong)
        write_bytes(os.path.join(d, "authorization.txt"), auth.encode("ascii"))
    write_bytes(os.path.join(d, "case.json"), dump_json(meta))


def main():
    keys = ensure_keys()
    build_cases()
    ids = sorted(c["id"] for c in CASES)
    os.makedirs(CASES_DIR, exist_ok=True)
    for name in os.listdir(CASES_DIR):  # drop folders of removed cases
        if name not in ids:
            shutil.rmtree(os.path.join(CASES_DIR, name))
    for c in CASES:
        write_case(c, keys, oci.__version__)
    write_bytes(os.path.join(VECTORS, "manifest.json"),
                dump_json({"formatVersion": 1, "numberOfCases": len(ids), "cases": ids}))
    counts = {}
    for c in CASES:
        counts[c["result"]] = counts.get(c["result"], 0) + 1
    print("%d cases: %s" % (len(ids), ", ".join("%s=%d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
