#!/usr/bin/env python3
"""An OpenAI-compatible chat-completions endpoint on 127.0.0.1 that checks OCI request
signatures the way OCI does, independently of the Swift code: it rebuilds the signing string
from the request as received and verifies the RSA-SHA256 signature with the `openssl` command.

Answers POST {prefix}/chat/completions with a canned answer (JSON, or server-sent events when
the request says "stream": true); a bad signature gets 401 NotAuthenticated, a missing
opc-compartment-id 400. Python standard library only. Stops by itself after --max-seconds.

Usage: loopback_server.py --public-key PEM [--port 0] [--prefix /openai/v1] [--max-seconds 120]
"""
import argparse, base64, email.utils, hashlib, json, os, re, subprocess, sys, tempfile, threading, time, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = "Hello from the loopback server: your request was signed correctly."
BODY_HEADERS = ["content-length", "content-type", "x-content-sha256"]


def verify(method, target, headers, body, public_key):
    """Returns (ok, reason, signed header names)."""
    auth = headers.get("authorization", "")
    if not auth.startswith("Signature "):
        return False, "no 'Authorization: Signature ...' header", []
    params = dict(re.findall(r'([a-zA-Z]+)="([^"]*)"', auth[len("Signature "):]))
    if params.get("algorithm") != "rsa-sha256" or params.get("version") != "1":
        return False, "algorithm must be rsa-sha256, version 1", []
    names = params.get("headers", "").split(" ")
    required = ["(request-target)", "host"] + (BODY_HEADERS if method in ("POST", "PUT", "PATCH") else [])
    missing = [n for n in required if n not in names]
    if missing or not ({"date", "x-date"} & set(names)):
        return False, "headers not signed: %s" % " ".join(missing or ["date"]), names
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append("(request-target): %s %s" % (method.lower(), target))
        elif name not in headers:
            return False, "signed header %s is missing" % name, names
        else:
            lines.append("%s: %s" % (name, headers[name]))
    if "x-content-sha256" in names:
        if headers["x-content-sha256"] != base64.b64encode(hashlib.sha256(body).digest()).decode():
            return False, "x-content-sha256 does not match the body", names
        if headers["content-length"] != str(len(body)):
            return False, "content-length does not match the body", names
    date = email.utils.parsedate_to_datetime(headers.get("x-date") or headers["date"]).timestamp()
    if abs(date - time.time()) > 300:
        return False, "the date is more than 5 minutes off", names
    with tempfile.TemporaryDirectory() as scratch:
        data, sig = os.path.join(scratch, "data"), os.path.join(scratch, "sig")
        open(data, "wb").write("\n".join(lines).encode())
        open(sig, "wb").write(base64.b64decode(params.get("signature", "")))
        check = subprocess.run(["openssl", "dgst", "-sha256", "-verify", public_key, "-signature", sig, data],
                               capture_output=True, timeout=10)
    if check.returncode != 0:
        return False, "the signature does not verify", names
    return True, "", names


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(min(length, 1 << 20))
        headers = {k.lower(): v for k, v in self.headers.items()}
        request_id = uuid.uuid4().hex.upper()
        ok, reason, names = verify("POST", self.path, headers, body, self.server.public_key)
        status = 200
        if not ok:
            status = 401
            self.send_json(401, {"code": "NotAuthenticated", "message": reason}, request_id)
        elif self.path != self.server.prefix + "/chat/completions":
            status = 404
            self.send_json(404, {"code": "NotAuthorizedOrNotFound", "message": "no such operation"}, request_id)
        elif not headers.get("opc-compartment-id"):
            status = 400
            self.send_json(400, {"code": "MissingParameter", "message": "opc-compartment-id is required"}, request_id)
        else:
            request = json.loads(body or b"{}")
            if request.get("stream"):
                self.send_stream(request, request_id)
            else:
                self.send_json(200, {"id": "chatcmpl-loopback", "model": request.get("model", ""), "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}]}, request_id)
        print("POST %s host=%s signed=[%s] -> %d%s" % (self.path, headers.get("host"), " ".join(names), status,
              "" if ok else " (%s)" % reason), flush=True)

    def send_json(self, status, value, request_id):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("opc-request-id", request_id)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def send_stream(self, request, request_id):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("opc-request-id", request_id)
        self.send_header("Connection", "close")
        self.end_headers()
        words = ANSWER.split(" ")
        for index, word in enumerate(words):
            delta = {"content": word + (" " if index < len(words) - 1 else "")}
            self.chunk("data: %s\n\n" % json.dumps({"id": "chatcmpl-loopback", "choices": [{"index": 0, "delta": delta}]}))
            time.sleep(0.05)
        self.chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def chunk(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--public-key", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--prefix", default="/openai/v1")
    parser.add_argument("--max-seconds", type=float, default=120)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.public_key, server.prefix = args.public_key, args.prefix
    threading.Timer(args.max_seconds, server.shutdown).start()
    print("listening on http://127.0.0.1:%d%s" % (server.server_address[1], args.prefix), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
