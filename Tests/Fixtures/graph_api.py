#!/usr/bin/env python3
"""A fake Instagram Graph API (the media, comment and reply calls of v25.0, as Meta answers them) on 127.0.0.1 and a free port (printed first).

Usage: graph_api.py FOLDER. It exits when its standard input closes. The base URL is
http://127.0.0.1:PORT/v25.0. What it answers depends on the access token:
  good-token     the real shapes
  expired-token  400 OAuthException code 190, subcode 463 (expired)
  limited-token  400 code 4 "Application request limit reached"
  other / none   400 code 190, subcode 467 (invalid)
  GET  /v25.0/ACCOUNT?fields=mentioned_media.media_id(MEDIA){...}&access_token=T
       {"mentioned_media": {"id", "media_type", "media_url", ...}, "id": ACCOUNT}; media id 555 is a
       photo (IMAGE), 169254 a VIDEO whose media_url is the cloud metadata address, any other a VIDEO
       whose media_url is /media/tone.wav of this server
  POST /v25.0/ACCOUNT/mentions  (form: media_id, comment_id?, message, access_token) -> {"id": ...}
  GET  /media/NAME              the file FOLDER/NAME
  GET  /_calls                  every Graph call so far: [{method, path, query, form}]
  POST /_hold_replies           {"hold": true}: a reply is recorded, then not answered until
                                {"hold": false} (a server killed while it waits has posted it)
"""
import json, os, re, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FOLDER = sys.argv[1]
CALLS, LOCK = [], threading.Lock()
RELEASED = threading.Event()
RELEASED.set()
ERRORS = {
    "expired-token": {"message": "Error validating access token: Session has expired.", "type": "OAuthException",
                      "code": 190, "error_subcode": 463, "fbtrace_id": "AbCdEf"},
    "limited-token": {"message": "Application request limit reached", "type": "OAuthException", "code": 4,
                      "is_transient": True, "fbtrace_id": "AbCdEg"},
}
INVALID = {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190, "error_subcode": 467,
           "fbtrace_id": "AbCdEh"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, kind="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self, form):
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with LOCK:
            CALLS.append({"method": self.command, "path": parts.path, "query": query, "form": form})
        return parts.path, query

    def refused(self, token):
        if token == "good-token":
            return False
        self.send(400, {"error": ERRORS.get(token, INVALID)})
        return True

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/_calls":
            with LOCK:
                return self.send(200, CALLS)
        if parts.path.startswith("/media/"):
            path = os.path.join(FOLDER, os.path.basename(parts.path))
            if not os.path.isfile(path):
                return self.send(404, b"not found", "text/plain")
            return self.send(200, open(path, "rb").read(), "audio/wav")
        path, query = self.record({})
        match = re.fullmatch(r"/v25\.0/([\w-]+)", path)
        fields = re.fullmatch(r"mentioned_media\.media_id\(([\w-]+)\)\{[\w,]+\}", query.get("fields", ""))
        if not match or not fields:
            return self.send(400, {"error": {"message": "Unsupported get request.", "type": "GraphMethodException", "code": 100}})
        if self.refused(query.get("access_token")):
            return
        media = fields.group(1)
        port = self.server.server_address[1]
        item = {"id": media, "media_type": "VIDEO", "media_url": f"http://127.0.0.1:{port}/media/tone.wav",
                "permalink": f"https://www.instagram.com/reel/{media}/", "username": "fan", "caption": "@us make this a sample"}
        if media == "555":
            item = {"id": media, "media_type": "IMAGE", "media_url": f"http://127.0.0.1:{port}/media/photo.jpg"}
        if media == "169254":
            item["media_url"] = "http://169.254.169.254/latest/meta-data/clip.mp4"
        self.send(200, {"mentioned_media": item, "id": match.group(1)})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path == "/_hold_replies":
            if json.loads(raw).get("hold"):
                RELEASED.clear()
            else:
                RELEASED.set()
            return self.send(200, {})
        form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        path, _ = self.record(form)
        if not re.fullmatch(r"/v25\.0/[\w-]+/mentions", path):
            return self.send(400, {"error": {"message": "Unsupported post request.", "type": "GraphMethodException", "code": 100}})
        if self.refused(form.get("access_token")):
            return
        if "media_id" not in form or "message" not in form:
            return self.send(400, {"error": {"message": "(#100) The parameter media_id is required", "type": "OAuthException", "code": 100}})
        with LOCK:
            reply = f"1791149635308{len(CALLS):04d}"
        RELEASED.wait(120)
        try:
            self.send(200, {"id": reply})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server that asked was killed while the answer was held back


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
