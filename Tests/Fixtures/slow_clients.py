#!/usr/bin/env python3
"""Slow clients against a server on 127.0.0.1:PORT: opens COUNT connections that each send half a
request head and then one more byte every 0.2 s (so no idle timeout can save the server), then one
connection more, and reports as JSON which the server closed before LIMIT seconds ran out.

Usage: slow_clients.py PORT COUNT LIMIT
Prints {"opened": n, "closed": n, "extra_closed": bool, "seconds": s}: `closed` counts the slow
connections the server ended; `extra_closed` says whether the connection after them was ended
without an answer (a per-address cap) rather than answered.
"""
import json, select, socket, sys, time

port, count, limit = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
slow = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=limit)
    s.sendall(b"GET /health HTTP/1.1\r\nHost: slow\r\nX-Slow: ")
    s.setblocking(False)
    slow.append(s)

extra = socket.create_connection(("127.0.0.1", port), timeout=limit)
try:
    extra.sendall(b"GET /health HTTP/1.1\r\nHost: extra\r\nConnection: close\r\n\r\n")
    extra_closed = extra.recv(64) == b""
except (ConnectionResetError, BrokenPipeError):
    extra_closed = True
except socket.timeout:
    extra_closed = False
extra.close()

start = time.monotonic()
open_ones, closed = list(slow), 0
while open_ones and time.monotonic() - start < limit:
    still = []
    for s in open_ones:
        try:
            s.send(b"a")
            still.append(s)
        except (BrokenPipeError, ConnectionResetError, BlockingIOError):
            closed += 1
            s.close()
    open_ones = still
    readable, _, _ = select.select(open_ones, [], [], 0.2) if open_ones else ([], [], [])
    for s in readable:
        try:
            data = s.recv(4096)
        except (ConnectionResetError, BlockingIOError):
            data = b""
        if data == b"":
            closed += 1
            open_ones.remove(s)
            s.close()
for s in open_ones:
    s.close()
print(json.dumps({"opened": count, "closed": closed, "extra_closed": extra_closed,
                  "seconds": round(time.monotonic() - start, 2)}))
