#!/usr/bin/env python3
"""Oracle's Python SDK signing the same requests as `oci-sign bench`, measured in the same run.

Setup (once):
    python3 -m venv /tmp/venv-bench && /tmp/venv-bench/bin/pip install oci==2.189.0
    swift build -c release --product oci-sign
Run (from the repository root):
    /tmp/venv-bench/bin/python Benchmarks/python/compare.py --seconds 3

What it does, in one run:
 1. runs `oci-sign bench --format json` for small-get, create-volume-backup and post-1mib
    (our signer and raw libcrypto, interleaved, thread CPU time);
 2. signs the same three requests with `oci.signer.Signer` (oci==2.189.0) in this process,
    interleaved in ~25 ms slices with its own raw floor: an RSA-2048 PKCS#1 v1.5 signature of a
    32-byte digest through `cryptography` (the SDK's crypto library, its own OpenSSL), plus
    hashlib SHA-256 of the body for the 1 MiB POST; timed with time.thread_time() like ours;
 3. prints both side by side (or JSON with --json).
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time

import oci
from oci._vendor import requests  # the SDK vendors its own copy of requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

HOST = "iaas.us-phoenix-1.oraclecloud.com"
SMALL_GET = ("/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&compartmentId=ocid1.compartment.oc1.."
             "aaaaaaaam3we6vgnherjq5q2idnccdflvjsnog7mlr6rtdb25gilchfeyjxa&displayName=TeamXInstances&volumeId="
             "ocid1.volume.oc1.phx.abyhqljrgvttnlx73nmrwfaux7kcvzfs3s66izvxf2h4lgvyndsdsnoiwr5q")
VOLUME_BACKUPS = "/20160918/volumeBackups"
CREATE_VOLUME_BACKUP = (b'{\n "volumeId": "dolore",\n "definedTags": {},\n "displayName": "fugiat tempor quis",\n'
                        b' "freeformTags": {},\n "type": "INCREMENTAL"\n}')
assert len(CREATE_VOLUME_BACKUP) == 128
ONE_MIB = bytes((i * 31 + 7) & 0xFF for i in range(1 << 20))  # the pattern oci-sign bench uses


def interleaved(seconds, work, baseline, slice_seconds=0.025):
    """Alternate work(n) and baseline(n) slices, CPU time, as `oci-sign bench` does.

    Returns (work ops/s, baseline ops/s, median over slice pairs of work rate / baseline rate)."""
    def calibrate(fn):
        n = 1
        while True:
            start = time.thread_time()
            fn(n)
            elapsed = time.thread_time() - start
            if elapsed >= slice_seconds / 4:
                return max(1, int(n * slice_seconds / elapsed))
            n *= 4

    work_n, base_n = calibrate(work), calibrate(baseline)
    work_t = base_t = 0.0
    work_ops = base_ops = 0
    pair_ratios = []
    while True:
        start = time.thread_time()
        baseline(base_n)
        base_slice = time.thread_time() - start
        work_slice = work(work_n)  # work times itself (request copies are made outside the timing)
        base_t += base_slice
        base_ops += base_n
        work_t += work_slice
        work_ops += work_n
        pair_ratios.append((work_n / work_slice) / (base_n / base_slice))
        if work_t + base_t >= seconds:
            return work_ops / work_t, base_ops / base_t, statistics.median(pair_ratios)


def python_sdk(seconds, bits):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    signer = oci.signer.Signer("ocid1.tenancy.oc1..bench", "ocid1.user.oc1..bench", "00:00", None,
                               private_key_content=pem)
    digest = hashlib.sha256(b"x").digest()

    def raw_rsa(n):
        for _ in range(n):
            key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))

    def raw_rsa_and_sha256_1mib(n):
        for _ in range(n):
            hashlib.sha256(ONE_MIB).digest()
            key.sign(digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))

    def sdk(method, path, body):
        template = requests.Request(method, "https://" + HOST + path, data=body).prepare()

        def run(n):
            batch = [template.copy() for _ in range(n)]
            start = time.thread_time()
            for request in batch:
                signer(request)
            return time.thread_time() - start
        return run

    cases = [
        ("small-get", sdk("GET", SMALL_GET, None), raw_rsa),
        ("create-volume-backup", sdk("POST", VOLUME_BACKUPS, CREATE_VOLUME_BACKUP), raw_rsa),
        ("post-1mib", sdk("POST", VOLUME_BACKUPS, ONE_MIB), raw_rsa_and_sha256_1mib),
    ]
    results = {}
    for name, work, baseline in cases:
        rate, raw, ratio = interleaved(seconds, work, baseline)
        results[name] = {"opsPerSecond": round(rate, 1), "rawOpsPerSecond": round(raw, 1), "ratio": round(ratio, 4)}
    return results


def oci_sign(binary, seconds, bits):
    out = subprocess.run([binary, "bench", "--format", "json", "--seconds", str(seconds), "--key-bits", str(bits),
                          "--case", "small-get", "--case", "create-volume-backup", "--case", "post-1mib"],
                         check=True, capture_output=True, text=True).stdout
    return {case["name"]: case for case in json.loads(out)["cases"]}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="measurement seconds per case and side")
    parser.add_argument("--key-bits", type=int, default=2048)
    parser.add_argument("--oci-sign", default=os.path.join(here, "..", "..", ".build", "release", "oci-sign"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    ours = oci_sign(args.oci_sign, args.seconds, args.key_bits)
    theirs = python_sdk(args.seconds, args.key_bits)
    rows = []
    for name in ["small-get", "create-volume-backup", "post-1mib"]:
        o, p = ours[name], theirs[name]
        rows.append({"name": name, "ociSign": {k: o[k] for k in ("opsPerSecond", "rawOpsPerSecond", "ratio")},
                     "pythonSDK": p, "ociSignOverPythonSDK": round(o["opsPerSecond"] / p["opsPerSecond"], 3)})
    if args.json:
        print(json.dumps({"keyBits": args.key_bits, "oci": oci.__version__, "cases": rows}))
        return
    print(f"RSA-{args.key_bits}, {args.seconds} s per case; oci {oci.__version__} (Python {sys.version.split()[0]}); "
          "ops/s on thread CPU time")
    print(f"{'case':22}{'oci-sign':>10}{'raw':>10}{'ratio':>8}   {'Python SDK':>10}{'raw(py)':>10}{'ratio':>8}   {'ours/SDK':>8}")
    for r in rows:
        o, p = r["ociSign"], r["pythonSDK"]
        print(f"{r['name']:22}{o['opsPerSecond']:>10.1f}{o['rawOpsPerSecond']:>10.1f}{o['ratio']:>8.3f}   "
              f"{p['opsPerSecond']:>10.1f}{p['rawOpsPerSecond']:>10.1f}{p['ratio']:>8.3f}   {r['ociSignOverPythonSDK']:>8.3f}")


if __name__ == "__main__":
    main()
