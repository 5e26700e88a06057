#!/usr/bin/env bash
# Builds the seed corpus of one fuzz target into FuzzTesting/.corpus/<TARGET>/ from Vectors/.
# Sources/<TARGET>/seeds.txt lists globs relative to the repository root (missing files are
# skipped, so it works before Vectors/cases and Vectors/keys exist) and two special seeds:
#   @doc-keys      every PEM string in Vectors/oracle-docs/oci-doc-test-vectors.json
#   @doc-requests  its official/derived/negative requests written as raw HTTP/1.1 files
#   @doc-dates-and-base64  the dates, signatures and digests it quotes
#   @test-configs  the config-file texts quoted in Tests/OCICredentialsTests, Tests/OCISignCLITests
# Usage: FuzzTesting/seed-corpora.sh TARGET
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${1:?usage: seed-corpora.sh TARGET}"
seeds="$here/Sources/$target/seeds.txt"
corpus="$here/.corpus/$target"
mkdir -p "$corpus"
[ -f "$seeds" ] || { echo "seed-corpora: no $seeds; starting from an empty corpus"; exit 0; }

json="$root/Vectors/oracle-docs/oci-doc-test-vectors.json"
test_configs() {
  command -v python3 >/dev/null 2>&1 || { echo "seed-corpora: no python3; skipping @test-configs seeds"; return; }
  python3 - "$root" "$corpus" <<'PY'
import glob, hashlib, os, re, sys
root, out = sys.argv[1], sys.argv[2]
def write(text):
    data = text.encode()
    open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()), "wb").write(data)
for path in glob.glob(os.path.join(root, "Tests/OCICredentialsTests/*.swift")) + glob.glob(os.path.join(root, "Tests/OCISignCLITests/*.swift")):
    source = open(path, encoding="utf-8").read()
    for literal in re.findall(r'"""\n(.*?)\n\s*"""', source, re.S):
        if not re.search(r"^\s*\[", literal, re.M): continue          # a config has a [section]
        lines = literal.split("\n")
        indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
        text = "\n".join(l[indent:] for l in lines) + "\n"
        # Interpolations become values the fuzzer's fake home can resolve (FuzzConfigFile.swift).
        text = re.sub(r"^(key_file\s*=\s*).*$", r"\1~/key.pem", text, flags=re.M)
        text = re.sub(r"^(security_token_file\s*=\s*).*$", r"\1~/token", text, flags=re.M)
        text = re.sub(r"\\\((?:[^()]|\([^()]*\))*\)", "x", text)
        text = text.replace("\\n", "\n").replace('\\"', '"')
        write(text)
        write(text.replace("\n", "\r\n"))
# Most tests build profiles with FakeHome.apiKeyProfile / session profiles; the same shapes here,
# with the docs key's keyId parts (Vectors/keys/doc-sample.*), so loading succeeds in the fuzzer.
t, u = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq", "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
fp = "73:61:a2:21:67:e0:df:be:7e:4b:93:1e:15:98:a5:b7"
api = f"user={u}\nfingerprint={fp}\ntenancy={t}\nregion=us-ashburn-1\nkey_file=~/key.pem\n"
write(f"[DEFAULT]\n{api}")
write(f"[DEFAULT]\n{api}\n[OTHER]\nregion=eu-frankfurt-1\n")
write(f"[DEFAULT]\nregion=us-phoenix-1\n[p]\n{api}pass_phrase=secret\npassphrase=x\n")
write(f"[DEFAULT]\nfingerprint=00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff\n[s]\n{api}security_token_file=~/token\n")
write(f"[session]\nfingerprint={fp}\nkey_file=~/key.pem\ntenancy={t}\nregion=us-ashburn-1\nsecurity_token_file=~/token\n")
write(f"[DEFAULT]\nuser = {u}\n  tenancy={t}\nkey_content=abc\n")
PY
}
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | xargs)"
  [ -n "$line" ] || continue
  case "$line" in
    @doc-keys|@doc-requests|@doc-dates-and-base64)
      [ -f "$json" ] || continue
      command -v python3 >/dev/null 2>&1 || { echo "seed-corpora: no python3; skipping $line seeds"; continue; }
      python3 - "$json" "$corpus" "$line" <<'PY'
import json, sys, os, hashlib, urllib.parse
doc = json.load(open(sys.argv[1])); out = sys.argv[2]; kind = sys.argv[3]
def write(data: bytes, prefix: bytes = b""):
    data = prefix + data
    open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()), "wb").write(data)
def strings(node):
    if isinstance(node, dict):
        for v in node.values(): yield from strings(v)
    elif isinstance(node, list):
        for v in node: yield from strings(v)
    elif isinstance(node, str): yield node
if kind == "@doc-dates-and-base64":
    import re
    for s in strings(doc):
        for m in re.findall(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT", s): write(m.encode())
        if re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", s) and len(s) % 4 == 0: write(s.encode())
elif kind == "@doc-keys":
    for s in strings(doc):
        if "-----BEGIN" in s:
            # FuzzPEMKey reads byte 0 as the pass-phrase selector: 0 none, 1 "secret", 2 wrong.
            for selector in (b"\0", b"\1", b"\2"): write(s.encode(), selector)
else:
    vectors = doc.get("official_vectors", []) + doc.get("derived_vectors", []) + doc.get("negative_vectors", [])
    for v in vectors:
        if not isinstance(v, dict) or "method" not in v or "url" not in v: continue
        u = urllib.parse.urlsplit(v["url"])
        target = (u.path or "/") + ("?" + u.query if u.query else "")
        headers = dict(v.get("request_headers") or {})
        headers.setdefault("host", u.netloc)
        body = (v.get("body_utf8") or "").encode()
        for eol in ("\n", "\r\n"):
            head = f"{v['method']} {target} HTTP/1.1{eol}" + "".join(f"{k}: {val}{eol}" for k, val in headers.items())
            write(head.encode() + eol.encode() + body)
PY
      ;;
    @test-configs) test_configs ;;
    *)
      # shellcheck disable=SC2086
      for f in $root/$line; do [ -f "$f" ] && cp "$f" "$corpus/seed-$(sha1sum < "$f" | cut -c1-40)"; done
      ;;
  esac
done < "$seeds"
echo "seed-corpora: $target: $(ls "$corpus" | wc -l) inputs in FuzzTesting/.corpus/$target"
