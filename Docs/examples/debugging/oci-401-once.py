#!/usr/bin/env python3
"""Answers one request on 127.0.0.1:PORT the way OCI answers a request signed with a skewed
clock: 401 NotAuthenticated, a Date SKEW seconds ahead of the local clock, an opc-request-id.
Exits after that request, or after 10 seconds. Used by the `request` walkthrough of debugging.md."""
import email.utils, http.server, sys, time

port, skew = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 900

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_GET(self):
        body = (b'{\n  "code" : "NotAuthenticated",\n  "message" : "The required information to complete '
                b'authentication was not provided or was incorrect."\n}\n')
        self.send_response_only(401)
        self.send_header('Date', email.utils.formatdate(time.time() + skew, usegmt=True))
        self.send_header('opc-request-id', 'D1A5C0FFEE/5EC0ND/4B1D')
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass

server = http.server.HTTPServer(('127.0.0.1', port), Handler)
server.timeout = 10
server.handle_request()
