#!/usr/bin/env python3
"""A misbehaving SampleTok API for the remote client's tests, on 127.0.0.1 and a free port
(printed first). It exits when its standard input closes.

  GET /api/v1/samples                     200 with JSON of the wrong shape
  GET /api/v1/samples/<id>                200 with a body that is not JSON
  GET /api/v1/me                          502 with an HTML page
  GET /api/v1/samples/<DROP>/events       events 1 and 2, then the connection drops; on a
                                          reconnect, the events after Last-Event-ID and the final one
  GET /api/v1/samples/<GARBAGE>/events    an event whose data is not JSON
  GET /seen                               the Last-Event-ID headers of the event requests, as JSON
"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DROP = "00000000-0000-0000-0000-00000000d209"
GARBAGE = "00000000-0000-0000-0000-0000000000ba"
SEEN, LOCK = [], threading.Lock()


def event(number, step, status, fraction):
    data = {"sample_id": DROP, "step": step, "fraction": fraction, "message": step, "status": status,
            "sequence": number}
    return f"id: {number}\nevent: progress\ndata: {json.dumps(data)}\n\n".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, kind="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self, parts):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        for part in parts:
            self.wfile.write(part)
            self.wfile.flush()
        self.close_connection = True

    def do_GET(self):
        path = self.path.split("?")[0].lower()
        if path == "/seen":
            with LOCK:
                return self.reply(200, json.dumps(SEEN).encode())
        if path == f"/api/v1/samples/{DROP}/events":
            last = self.headers.get("Last-Event-ID")
            with LOCK:
                SEEN.append(last)
            if last is None:
                return self.stream([b": keep-alive\n\n", event(1, "download", "processing", 0.0),
                                    event(2, "process", "processing", 0.5)])
            events = [event(n, "process", "processing", 0.9) for n in range(int(last) + 1, 4)]
            return self.stream(events + [event(4, "done", "completed", 1.0)])
        if path == f"/api/v1/samples/{GARBAGE}/events":
            return self.stream([b"id: 1\nevent: progress\ndata: {this is not json\n\n"])
        if path == "/api/v1/samples":
            return self.reply(200, b'{"items": [{"id": 5}], "total": "many"}')
        if path.startswith("/api/v1/samples/"):
            return self.reply(200, b"<html>not json</html>", "text/html")
        if path == "/api/v1/me":
            return self.reply(502, b"<html><body>Bad Gateway</body></html>", "text/html")
        self.reply(404, b'{"error": {"code": "route.not_found", "message": "No such route."}}')


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
