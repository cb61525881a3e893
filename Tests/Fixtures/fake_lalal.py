#!/usr/bin/env python3
"""A fake LALAL.AI v1 API (upload, split, check, as the service answers them) on 127.0.0.1 and a free port (printed first), for
the built binary. The Swift FakeLALAL of the engine tests runs in-process; this one is for a
`--serve` in another process.

Usage: fake_lalal.py TRACK.wav. It exits when its standard input closes. Base URL:
http://127.0.0.1:PORT/api/v1/. Every API call needs `X-License-Key: test-license-key` (403 else).
  POST /api/v1/upload/                     raw body -> {"id": "src-N", ...}
  POST /api/v1/split/stem_separator/       {source_id, presets: {stem}} -> {"task_id"}; a stem the
  POST /api/v1/split/voice_clean/          contract does not list is a 422 with an array detail
  POST /api/v1/check/                      {task_ids} -> each task: progress 42 while the script
                                           says "hold", else success with its tracks
  POST /api/v1/cancel/, /api/v1/delete/    -> {}
  GET  /d/TASK/LABEL                       the track, with Content-Disposition
  POST /_script  {"hold": bool, "split": "ok" | "quota"}   what the fake does from now on
  GET  /_calls                             every API call so far: [{method, path, body}]
"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "test-license-key"
STEMS = {"/api/v1/split/stem_separator/": ["vocals", "drum", "piano", "bass", "electric_guitar", "acoustic_guitar",
                                          "synthesizer", "strings", "wind"],
         "/api/v1/split/voice_clean/": ["voice"]}
TRACK = open(sys.argv[1], "rb").read()
LOCK = threading.Lock()
STATE = {"calls": [], "script": {"hold": False, "split": "ok"}, "sources": 0, "tasks": {}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, kind="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_calls":
            with LOCK:
                return self.send(200, STATE["calls"])
        parts = self.path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "d":
            return self.send(200, TRACK, "audio/wav", [("Content-Disposition", f'attachment; filename="{parts[2]}.wav"')])
        self.send(404, {"detail": "Not Found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path == "/_script":
            with LOCK:
                STATE["script"].update(json.loads(raw))
            return self.send(200, STATE["script"])
        body = {}
        if self.headers.get("Content-Type") == "application/json":
            body = json.loads(raw or b"{}")
        with LOCK:
            STATE["calls"].append({"method": "POST", "path": self.path, "body": body})
            script = dict(STATE["script"])
        if self.headers.get("X-License-Key") != KEY:
            return self.send(403, {"detail": "Invalid license key"})
        if self.path == "/api/v1/upload/":
            with LOCK:
                STATE["sources"] += 1
                source = f"src-{STATE['sources']}"
            return self.send(200, {"id": source, "name": "mix.wav", "size": len(raw), "duration": 3, "expires": 1761217415})
        if self.path in STEMS:
            stem = (body.get("presets") or {}).get("stem")
            if stem not in STEMS[self.path]:
                expected = ", ".join(f"'{s}'" for s in STEMS[self.path])
                return self.send(422, {"detail": [{"type": "enum", "loc": ["body", "split_input", "presets", "stem"],
                                                   "msg": f"Input should be {expected}", "input": stem}]})
            if script["split"] == "quota":
                return self.send(400, {"detail": "You have no minutes left", "code": "exceeded_duration"})
            with LOCK:
                task = f"task-{len(STATE['tasks']) + 1}-{stem}"
                STATE["tasks"][task] = stem
            return self.send(200, {"task_id": task})
        if self.path == "/api/v1/check/":
            port = self.server.server_address[1]
            result = {}
            for task in body.get("task_ids", []):
                with LOCK:
                    stem = STATE["tasks"].get(task)
                if stem is None:
                    result[task] = {"status": "server_error", "error": "Task not found"}
                elif script["hold"]:
                    result[task] = {"status": "progress", "progress": 42, "source_id": "src", "presets": {"stem": stem}}
                else:
                    base = f"http://127.0.0.1:{port}/d/{task}"
                    result[task] = {"status": "success", "source_id": "src", "presets": {"stem": stem},
                                    "result": {"duration": 3, "tracks": [{"type": "back", "label": f"no_{stem}", "url": f"{base}/no_{stem}"},
                                                                          {"type": "stem", "label": stem, "url": f"{base}/{stem}"}]}}
            return self.send(200, {"result": result})
        if self.path in ("/api/v1/cancel/", "/api/v1/delete/"):
            return self.send(200, {})
        self.send(404, {"detail": "Not Found"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
