#!/usr/bin/env python3
"""Independent consistency check of the swift-oci-signing test vectors.

Uses no signer (neither the OCI SDK nor the Swift code): only the files under
Vectors/, the rules written in Vectors/README.md, hashlib and `cryptography`
for signature verification.  Exit status is non-zero on any problem; the last
line printed is "N passed, M failed" (N + M = number of cases).

Usage:  python Vectors/tools/lint.py [path/to/Vectors]
"""

import base64
import hashlib
import json
import os
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

VECTORS = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ERROR_CODES = {"malformedRequest", "unsupportedMethod", "invalidTarget", "invalidHeaderValue",
               "missingHost", "duplicateSignedHeader", "nonASCIISignedValue", "bodyHashMismatch",
               "contentLengthMismatch", "keyTooSmall", "weakKey", "unsupportedKeyType"}
METHODS = {"GET", "HEAD", "DELETE", "POST", "PUT", "PATCH"}
BODY_METHODS = {"POST", "PUT", "PATCH"}
OPTIONAL_SIGNED = ["opc-obo-token", "x-cross-tenancy-request", "x-subscription"]
AFTER_HOST_SIGNED = ["opc-obo-token"]  # Python's delegation signers: right after host
ADDED_ORDER = ["date", "content-type", "content-length", "x-content-sha256"]
AUTH_RE = re.compile(r'^Signature version="1",headers="([^"]+)",keyId="([^"]+)",'
                     r'algorithm="rsa-sha256",signature="([A-Za-z0-9+/]+=*)"$')
FP_RE = re.compile(r"^([0-9a-f]{2}:){15}[0-9a-f]{2}$")


class Problem(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Problem(msg)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def readme_glossary(title):
    """Backticked names in the first column of the table under '## <title>'."""
    text = read(os.path.join(VECTORS, "README.md")).decode("utf-8")
    m = re.search(r"^## " + re.escape(title) + r"\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        return set()
    return set(re.findall(r"^\|\s*`([^`]+)`\s*\|", m.group(1), re.M))


def parse_request(data):
    """The request.http contract of README.md.  Returns a dict or raises Problem."""
    lines = []
    pos = 0
    eol = None
    while True:
        nl = data.find(b"\n", pos)
        check(nl >= 0, "truncated: no empty line after headers")
        line = data[pos:nl]
        this_eol = b"\n"
        if line.endswith(b"\r"):
            line = line[:-1]
            this_eol = b"\r\n"
        if eol is None:
            eol = this_eol
        pos = nl + 1
        if line == b"" and lines:
            break
        lines.append(line)
    body = data[pos:]
    rl = lines[0]
    first, last = rl.find(b" "), rl.rfind(b" ")
    check(first > 0 and last > first and rl[last + 1:] == b"HTTP/1.1", "bad request line %r" % rl)
    method, target = rl[:first].decode("ascii"), rl[first + 1:last]
    check(method in METHODS, "unsupported method")
    check(target.startswith(b"/") and all(0x21 <= b <= 0x7E for b in target), "invalid target")
    headers = []
    for line in lines[1:]:
        check(b":" in line, "header line without colon")
        name, value = line.split(b":", 1)
        check(re.fullmatch(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+", name) is not None, "bad header name")
        value = value.strip(b" \t")
        check(not any(c in value for c in b"\r\n\x00"), "bad header value")
        headers.append((name.decode("ascii"), value.decode("ascii")))
    return {"method": method, "target": target.decode("ascii"), "headers": headers,
            "body": body, "eol": eol, "request_line": lines[0]}


def one(headers, name):
    vals = [v for n, v in headers if n.lower() == name]
    check(len(vals) <= 1, "duplicate header %s" % name)
    return vals[0] if vals else None


def load_key(name, cache={}):
    if name in cache:
        return cache[name]
    kdir = os.path.join(VECTORS, "keys")
    priv = serialization.load_pem_private_key(read(os.path.join(kdir, name + ".pem")), None)
    pub_pem = read(os.path.join(kdir, name + ".pub.pem"))
    pub = serialization.load_pem_public_key(pub_pem)
    der = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    check(der == priv.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo),
          "keys/%s.pub.pem does not match keys/%s.pem" % (name, name))
    fp = read(os.path.join(kdir, name + ".fingerprint")).decode("ascii")
    md5 = hashlib.md5(der).hexdigest()
    check(FP_RE.match(fp) and fp == ":".join(md5[i:i + 2] for i in range(0, 32, 2)),
          "keys/%s.fingerprint is not the MD5 of the DER SPKI (or has a newline)" % name)
    cache[name] = (pub, fp)
    return cache[name]


def verify(pub, sig_b64, data):
    check(isinstance(pub, rsa.RSAPublicKey), "not an RSA key")
    try:
        pub.verify(base64.b64decode(sig_b64, validate=True), data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise Problem("signature does not verify")


def expected_names(req, exclude_body):
    hn = {n.lower() for n, _ in req["headers"]}
    names = ["x-date" if "x-date" in hn else "date", "(request-target)", "host"]
    names += [h for h in AFTER_HOST_SIGNED if h in hn]
    if req["method"] in BODY_METHODS and not exclude_body:
        names += ["content-length", "content-type", "x-content-sha256"]
    return names + [h for h in OPTIONAL_SIGNED if h in hn and h not in AFTER_HOST_SIGNED]


def check_case(cid, flags_ok):
    d = os.path.join(VECTORS, "cases", cid)
    raw_meta = read(os.path.join(d, "case.json"))
    meta = json.loads(raw_meta)
    check((json.dumps(meta, indent=2, sort_keys=True) + "\n").encode() == raw_meta,
          "case.json is not 2-space, sorted-keys JSON with trailing newline")
    result = meta.get("result")
    check(result in ("valid", "invalid", "error"), "bad result")
    keys = {"id", "description", "key", "keyId", "options", "result", "flags", "source"}
    if result == "error":
        keys.add("expectedError")
    if result == "invalid":
        keys.add("nearMiss")
    check(set(meta) == keys, "case.json keys %s != %s" % (sorted(meta), sorted(keys)))
    check(meta["id"] == cid and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cid), "id/folder mismatch")
    check(isinstance(meta["description"], str) and meta["description"].strip(), "description")
    check(set(meta["options"]) == {"excludeBody", "allowWeakKey"} and
          all(isinstance(v, bool) for v in meta["options"].values()), "options")
    check(isinstance(meta["flags"], list) and len(set(meta["flags"])) == len(meta["flags"]), "flags")
    for f in meta["flags"]:
        check(f in flags_ok, "flag %r not in README glossary" % f)
    src = meta["source"]
    check(isinstance(src, dict) and src.get("name") and src.get("note"), "source needs name and note")
    pub, fp = load_key(meta["key"])
    kid = meta["keyId"]
    if not kid.startswith("ST$"):
        parts = kid.split("/")
        check(len(parts) == 3 and parts[0].startswith("ocid1.tenancy.") and
              parts[1].startswith("ocid1.user."), "keyId shape")
        check(parts[2] == fp, "keyId fingerprint != keys/%s.fingerprint" % meta["key"])
    else:
        check(len(kid) > 3 and '"' not in kid, "session-token keyId")
    files = set(os.listdir(d))
    if result == "error":
        check(meta["expectedError"] in ERROR_CODES, "unknown expectedError")
        check(files == {"case.json", "request.http"}, "error case files %s" % sorted(files))
        return
    check("version" in src, "source.version missing")
    want = {"case.json", "request.http", "signing-string.txt", "authorization.txt"}
    if result == "valid":
        want.add("signed.http")
    check(files == want, "files %s != %s" % (sorted(files), sorted(want)))
    req = parse_request(read(os.path.join(d, "request.http")))
    ss = read(os.path.join(d, "signing-string.txt"))
    auth = read(os.path.join(d, "authorization.txt")).decode("ascii")
    m = AUTH_RE.match(auth)
    check(m is not None, "authorization.txt not in docs format (or has trailing newline)")
    names, akid, sig = m.group(1).split(" "), m.group(2), m.group(3)
    check(akid == kid, "keyId in authorization != case.json keyId")
    verify(pub, sig, ss)
    exp_names = expected_names(req, meta["options"]["excludeBody"])
    rt = req["method"].lower() + " " + req["target"]
    hdr = req["headers"]

    body_sha = base64.b64encode(hashlib.sha256(req["body"]).digest()).decode()
    derived = {"content-length": str(len(req["body"])), "x-content-sha256": body_sha,
               "content-type": "application/json"}

    def value_of(name, headers):
        # the value the README rules give: request header, else the computed default
        if name == "(request-target)":
            return rt
        v = one(headers, name)
        return derived.get(name) if v is None else v

    correct = "\n".join("%s: %s" % (n, value_of(n, hdr)) for n in exp_names
                        if value_of(n, hdr) is not None).encode("ascii")
    if result == "invalid":
        check(names == exp_names, "headers param != rule list")
        check(ss != correct, "near-miss string equals the correct signing string")
        return

    # valid
    check(names == exp_names, "headers=%s, rules give %s" % (names, exp_names))
    check(b"\r" not in ss and not ss.endswith(b"\n"), "CR or trailing LF in signing string")
    lines = ss.decode("ascii").split("\n")
    check([ln.split(": ", 1)[0] for ln in lines] == names, "signing-string names != headers param")
    signed = dict(ln.split(": ", 1) for ln in lines)
    check(signed["(request-target)"] == rt, "(request-target) != lowercase method + raw target")
    check(signed["host"] == one(hdr, "host"), "host != Host header")

    # signed.http
    sh = read(os.path.join(d, "signed.http"))
    eol = req["eol"]
    head, sep, body = sh.partition(eol + eol)
    check(sep and body == req["body"], "signed.http body differs from request body")
    shl = head.split(eol)
    check(all(b"\r" not in x and b"\n" not in x for x in shl), "mixed line endings in signed.http")
    check(shl[0] == req["request_line"], "signed.http request line")
    n = len(hdr)
    check(shl[1:1 + n] == [("%s: %s" % hv).encode("ascii") for hv in hdr],
          "signed.http does not start with the request's headers re-serialized")
    extra = [x.decode("ascii").split(": ", 1) for x in shl[1 + n:]]
    check(extra and extra[-1][0] == "authorization" and extra[-1][1] == auth,
          "last signed.http header must be authorization: <authorization.txt>")
    added = [e[0] for e in extra[:-1]]
    check(added == [a for a in ADDED_ORDER if a in added], "added headers out of order: %s" % added)
    present = {nm.lower() for nm, _ in hdr}
    for a in added:
        check(a not in present, "added header %s already present in request" % a)
    is_body = req["method"] in BODY_METHODS
    excl = meta["options"]["excludeBody"]
    want_added = []
    if is_body and not excl and "content-type" not in present:
        want_added.append("content-type")
    if is_body and "content-length" not in present:
        want_added.append("content-length")
    if is_body and not excl and "x-content-sha256" not in present:
        want_added.append("x-content-sha256")
    if "date" not in present and "x-date" not in present:
        want_added.insert(0, "date")
    check(added == want_added, "added headers %s, rules give %s" % (added, want_added))
    all_sh = hdr + [tuple(e) for e in extra[:-1]]
    for nm in names:
        if nm != "(request-target)":
            check(signed[nm] == one(all_sh, nm), "signed %s differs from signed.http" % nm)
    sha = base64.b64encode(hashlib.sha256(req["body"]).digest()).decode()
    if "x-content-sha256" in signed:
        check(signed["x-content-sha256"] == sha, "x-content-sha256 != sha256(body)")
    if "content-length" in signed:
        check(signed["content-length"] == str(len(req["body"])), "content-length != len(body)")
    if is_body:
        check(one(all_sh, "content-length") == str(len(req["body"])), "sent content-length != len(body)")
    if "content-type" in signed and "content-type" not in present:
        check(signed["content-type"] == "application/json", "default content-type")
    check(ss == correct, "signing string differs from the one the README rules give")


def main():
    manifest = json.loads(read(os.path.join(VECTORS, "manifest.json")))
    problems = []
    ids = manifest.get("cases", [])
    if manifest.get("formatVersion") != 1:
        problems.append("manifest: formatVersion != 1")
    if manifest.get("numberOfCases") != len(ids):
        problems.append("manifest: numberOfCases != len(cases)")
    if ids != sorted(set(ids)):
        problems.append("manifest: cases not sorted/unique")
    folders = sorted(os.listdir(os.path.join(VECTORS, "cases")))
    if folders != sorted(set(ids)):
        problems.append("manifest: case folders %s differ from manifest"
                        % sorted(set(folders) ^ set(ids)))
    flags_ok = readme_glossary("Flag glossary")
    codes = readme_glossary("Error-code glossary")
    if codes != ERROR_CODES:
        problems.append("README error-code glossary %s != %s" % (sorted(codes), sorted(ERROR_CODES)))
    if not flags_ok:
        problems.append("README flag glossary missing")
    passed = failed = 0
    for cid in sorted(set(ids) | set(folders)):
        try:
            check(cid in ids and cid in folders, "folder/manifest mismatch")
            check_case(cid, flags_ok)
            passed += 1
        except (Problem, OSError, ValueError, KeyError, UnicodeError) as e:
            failed += 1
            print("FAIL %s: %s" % (cid, e))
    for p in problems:
        print("FAIL %s" % p)
    if problems and not failed:
        failed = 0  # global problems are reported above and make the exit status non-zero
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or problems else 0)


if __name__ == "__main__":
    main()
