#!/usr/bin/env python3
"""Idle keep-alive pressure: open N connections, send one request on each and read the answer
(so each is an idle kept-alive connection), then time a fresh request on a new connection.
Loopback only; every wait is bounded. Usage: idle.py PORT N [MASTER_PID]. Prints:
held=<idle connections answered and still open> fresh_ms=<latency of the fresh request, or nan
when it got no answer within 30 s>, and with MASTER_PID the server's PSS while the connections
are held (pss_kib) and its growth over the idle PSS divided by N (per_conn_b)."""
import os, selectors, socket, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pss import pss

host, port, n = "127.0.0.1", int(sys.argv[1]), int(sys.argv[2])
master = int(sys.argv[3]) if len(sys.argv) > 3 else None
idle_pss = pss(master) if master else 0
deadline = time.time() + 30   # well inside the KeepAliveTimeout (60 s) of the bench configuration
REQUEST = b"GET /1k.bin HTTP/1.1\r\nHost: bench\r\n\r\n"

socks, sel = [], selectors.DefaultSelector()
for i in range(n):
    try:
        s = socket.socket(); s.setblocking(False)
        s.connect_ex((host, port))
        socks.append(s)
        sel.register(s, selectors.EVENT_WRITE, i)
    except OSError:
        break
pending, got = set(range(len(socks))), {}
while pending and time.time() < deadline:
    for key, ev in sel.select(timeout=1):
        s, i = key.fileobj, key.data
        if ev & selectors.EVENT_WRITE:
            try:
                s.send(REQUEST)
            except OSError:
                pending.discard(i); sel.unregister(s); continue
            sel.modify(s, selectors.EVENT_READ, i)
        else:
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                pending.discard(i); sel.unregister(s); continue
            got[i] = got.get(i, b"") + data
            if b"\r\n\r\n" in got[i] and len(got[i].split(b"\r\n\r\n", 1)[1]) >= 1024:
                pending.discard(i); sel.unregister(s)
answered = [i for i in range(len(socks)) if i in got and len(got[i].split(b"\r\n\r\n", 1)[-1]) >= 1024]
time.sleep(0.5)
held_pss = pss(master) if master else 0
t = time.time()
try:
    f = socket.create_connection((host, port), timeout=30)
    f.sendall(b"GET /1k.bin HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        b = f.recv(65536)
        if not b:
            break
        data += b
    fresh = (time.time() - t) * 1000 if data.startswith(b"HTTP/1.1 200") else float("nan")
except OSError:
    fresh = float("nan")
# Held = answered and still open now (a closed socket reads as end of file at once).
held = 0
for i in answered:
    s = socks[i]
    try:
        held += 1 if s.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK) != b"" else 0
    except BlockingIOError:
        held += 1
    except OSError:
        pass
memory = f" pss_kib={held_pss} per_conn_b={(held_pss - idle_pss) * 1024 // max(1, held)}" if master else ""
print(f"held={held} fresh_ms={fresh:.1f}{memory}")
for s in socks:
    s.close()
