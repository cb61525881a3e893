#!/usr/bin/env python3
"""Silent clients against a server on 127.0.0.1:PORT, to check its idle timeout: one sends a POST
head announcing a 100-byte body, 10 bytes of it, then nothing; one sends a whole GET /health on a
kept-alive connection, reads the answer, then nothing. Reports as JSON which of them the server
closed before LIMIT seconds ran out, and how long each took.

Usage: idle_clients.py PORT LIMIT
Prints {"stalled_body": {"closed": bool, "seconds": s}, "kept_alive": {"closed": bool, "answered": bool, "seconds": s}}.
"""
import json, socket, sys, time

port, limit = int(sys.argv[1]), float(sys.argv[2])


def wait_closed(s, start):
    """Reads until the server ends the connection or LIMIT passes; returns (closed, seconds)."""
    s.settimeout(0.5)
    while time.monotonic() - start < limit:
        try:
            if s.recv(65536) == b"":
                return True, time.monotonic() - start
        except socket.timeout:
            continue
        except ConnectionResetError:
            return True, time.monotonic() - start
    return False, time.monotonic() - start


stalled = socket.create_connection(("127.0.0.1", port), timeout=limit)
stalled.sendall(b"POST /api/v1/process/submit HTTP/1.1\r\nHost: idle\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100\r\n\r\n{\"url\": \"h")
kept = socket.create_connection(("127.0.0.1", port), timeout=limit)
kept.sendall(b"GET /health HTTP/1.1\r\nHost: idle\r\n\r\n")
kept.settimeout(limit)
answer = kept.recv(65536)
start = time.monotonic()
stalled_closed, stalled_seconds = wait_closed(stalled, start)
kept_closed, kept_seconds = wait_closed(kept, start)
print(json.dumps({
    "stalled_body": {"closed": stalled_closed, "seconds": round(stalled_seconds, 2)},
    "kept_alive": {"closed": kept_closed, "answered": answer.startswith(b"HTTP/1.1 200"), "seconds": round(kept_seconds, 2)},
}))
