#!/usr/bin/env python3
"""The local HTTP server NetTests talk to. Listens on 127.0.0.1, port chosen by the system,
prints the port on its first line, and exits when its standard input closes (the test
process ended), so it never outlives the tests. `server.py --tls CERT KEY` serves HTTPS.

Endpoints:
  /hello                  200 text with repeated headers
  /echo                   any method: JSON of method, path, headers and body
  /status/<code>          that status with a short body
  /peer                   the client's address and port, "host:port" (tells connections apart)
  /redirect/<n>           n redirects, then /hello
  /loop                   redirects to itself forever
  /redirect-to?url=<u>    one redirect to u
  /bytes?n=<n>[&close=1]  n bytes (byte i is i % 251); honours Range; close=1: no Content-Length
  /sleep?seconds=<s>      answers after s seconds
  /drip?n=<n>             n bytes announced, sent 1 KiB every 50 ms
  /chunks?id=<id>         chunked: "first\n", then waits (10 s at most) for /release?id=<id>,
                          then "released\n" (or "timed-out\n"); stops early if the client hangs up
  /release?id=<id>        releases /chunks?id=<id>
  /outcome?id=<id>        how /chunks?id=<id> ended (waits up to 10 s for it): released, timed-out
                          or disconnected (the client closed the connection while it waited)
"""
import json
import os
import select
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

EVENTS = {}
EVENTS_LOCK = threading.Lock()
OUTCOMES = {}


def event(name):
    with EVENTS_LOCK:
        return EVENTS.setdefault(name, threading.Event())


def hung_up(connection):
    """Whether the peer closed the connection (readable with nothing to read)."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def pattern(start, end):
    return bytes(i % 251 for i in range(start, end))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        parts = [p for p in url.path.split("/") if p]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            self.route(url, query, parts, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def route(self, url, query, parts, body):
        head = parts[0] if parts else ""
        if head == "hello":
            self.reply(200, b"hello, world", [("Content-Type", "text/plain; charset=utf-8"),
                                              ("X-Multi", "one"), ("X-Multi", "two"), ("X-Test", "yes")])
        elif head == "echo":
            doc = {"method": self.command, "path": self.path,
                   "headers": {k.lower(): v for k, v in self.headers.items()},
                   "body": body.decode("utf-8", "replace")}
            self.reply(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        elif head == "peer":
            self.reply(200, ("%s:%d" % self.client_address[:2]).encode(), [("Content-Type", "text/plain")])
        elif head == "status":
            code = int(parts[1])
            self.reply(code, ("status %d" % code).encode(), [("Content-Type", "text/plain")])
        elif head == "redirect":
            n = int(parts[1])
            self.reply(302, b"", [("Location", "/redirect/%d" % (n - 1) if n > 0 else "/hello")])
        elif head == "loop":
            self.reply(302, b"", [("Location", "/loop")])
        elif head == "redirect-to":
            self.reply(302, b"", [("Location", query["url"])])
        elif head == "bytes":
            self.bytes(int(query["n"]), query.get("close") == "1")
        elif head == "sleep":
            time.sleep(float(query["seconds"]))
            self.reply(200, b"awake")
        elif head == "drip":
            n = int(query["n"])
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            sent = 0
            while sent < n:
                step = min(1024, n - sent)
                self.wfile.write(pattern(sent, sent + step))
                self.wfile.flush()
                sent += step
                time.sleep(0.05)
        elif head == "chunks":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.chunk(b"first\n")
            name = query["id"]
            outcome, deadline = "timed-out", time.monotonic() + 10
            while time.monotonic() < deadline:
                if event(name).wait(0.02):
                    outcome = "released"
                    break
                if hung_up(self.connection):
                    outcome = "disconnected"
                    break
            OUTCOMES[name] = outcome
            event("outcome-" + name).set()
            if outcome == "disconnected":
                self.close_connection = True
                return
            self.chunk(outcome.encode() + b"\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        elif head == "release":
            event(query["id"]).set()
            self.reply(200, b"released")
        elif head == "outcome":
            event("outcome-" + query["id"]).wait(10)
            self.reply(200, OUTCOMES.get(query["id"], "none").encode())
        else:
            self.reply(404, b"no such endpoint")

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def bytes(self, n, close):
        spec = self.headers.get("Range")
        if spec and spec.startswith("bytes="):
            first, _, last = spec[len("bytes="):].partition("-")
            start, end = int(first), min(int(last) + 1 if last else n, n)
            self.reply(206, pattern(start, end), [("Content-Range", "bytes %d-%d/%d" % (start, end - 1, n)),
                                                  ("Content-Type", "application/octet-stream")])
        elif close:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            for start in range(0, n, 65536):
                self.wfile.write(pattern(start, min(n, start + 65536)))
            self.close_connection = True
        else:
            self.reply(200, pattern(0, n), [("Content-Type", "application/octet-stream")])

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default of 5 drops connections when tests run in parallel


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
