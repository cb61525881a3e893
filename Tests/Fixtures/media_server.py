#!/usr/bin/env python3
"""A media server for the engine's tests, on 127.0.0.1 and a free port (printed first).

Usage: media_server.py FOLDER. It exits when its standard input closes.
  /files/NAME              the file FOLDER/NAME (video/mp4 or audio/wav by extension)
  /flaky/TOKEN/N/NAME      500 for the first N requests of TOKEN, then the file
  /broken/NAME             500 until /heal/NAME was requested, then the file
  /heal/NAME               makes /broken/NAME work
  /redirect/K/NAME         K redirects, then the file
  /loop                    redirects to itself
  /page                    an HTML page
  /slow/NAME               the file in small pieces with pauses
  /stall/NAME              first request: half the file, then nothing more for 60 s (a download
                           that stays at work until its client gives up); later ones: the file
  /missing                 404
"""
import os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FOLDER = sys.argv[1]
COUNTS, HEALED, LOCK = {}, set(), threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_stalled(self, name):
        path = os.path.join(FOLDER, os.path.basename(name))
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[:len(data) // 2])
        self.wfile.flush()
        time.sleep(60)
        self.close_connection = True

    def send_file(self, name, slow=False):
        path = os.path.join(FOLDER, os.path.basename(name))
        if not os.path.isfile(path):
            return self.send_text(404, "not found")
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav" if name.endswith(".wav") else "video/mp4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not slow:
            self.wfile.write(data)
            return
        step = max(1, len(data) // 8)
        for i in range(0, len(data), step):
            self.wfile.write(data[i:i + step])
            self.wfile.flush()
            time.sleep(0.1)

    def send_text(self, status, text, kind="text/plain"):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        head = parts[0]
        if head == "files":
            return self.send_file(parts[1])
        if head == "slow":
            return self.send_file(parts[1], slow=True)
        if head == "stall":
            with LOCK:
                COUNTS["stall/" + parts[1]] = COUNTS.get("stall/" + parts[1], 0) + 1
                first = COUNTS["stall/" + parts[1]] == 1
            return self.send_stalled(parts[1]) if first else self.send_file(parts[1])
        if head == "flaky":
            token, failures, name = parts[1], int(parts[2]), parts[3]
            with LOCK:
                COUNTS[token] = COUNTS.get(token, 0) + 1
                count = COUNTS[token]
            if count <= failures:
                return self.send_text(500, "temporary failure %d" % count)
            return self.send_file(name)
        if head == "broken":
            with LOCK:
                healed = parts[1] in HEALED
            return self.send_file(parts[1]) if healed else self.send_text(500, "broken")
        if head == "heal":
            with LOCK:
                HEALED.add(parts[1])
            return self.send_text(200, "healed")
        if head == "redirect":
            k = int(parts[1])
            return self.redirect("/files/%s" % parts[2] if k <= 1 else "/redirect/%d/%s" % (k - 1, parts[2]))
        if head == "loop":
            return self.redirect("/loop")
        if head == "page":
            return self.send_text(200, "<!DOCTYPE html><html><body>a video page</body></html>", "text/html; charset=utf-8")
        return self.send_text(404, "not found")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
