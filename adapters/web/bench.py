"""`advisor bench --http`: turns per second and latency of POST /api/chat on loopback.

A real `advisor serve` process (1 or N workers, SQLite or Redis) is started on a free
port and driven by a small keep-alive HTTP/1.1 client on asyncio, so the client
costs little of the CPU the server needs. Each connection holds one conversation
and asks the benchmark's varied questions in turn.
"""
from __future__ import annotations

import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _request(port: int, body: dict[str, str]) -> bytes:
    raw = json.dumps(body).encode()
    head = (f"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(raw)}\r\n\r\n")
    return head.encode() + raw


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    return status, await reader.readexactly(length)


async def _connection(port: int, texts: list[str], offset: int, count: int, samples: list[float]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    session: str | None = None
    failures = 0
    try:
        for i in range(count):
            body = {"text": texts[(offset + i * 7) % len(texts)]}
            if session:
                body["session"] = session
            began = time.perf_counter()
            writer.write(_request(port, body))
            status, payload = await _read_response(reader)
            samples.append(time.perf_counter() - began)
            if status != 200:
                failures += 1
            elif session is None:
                session = json.loads(payload)["session"]
    finally:
        writer.close()
    return failures


async def _drive(port: int, texts: list[str], turns: int, connections: int) -> tuple[list[float], float, int]:
    samples: list[float] = []
    per = max(1, turns // connections)
    began = time.perf_counter()
    failures = await asyncio.gather(*(_connection(port, texts, c * 131, per, samples)
                                      for c in range(connections)))
    return samples, time.perf_counter() - began, sum(failures)


def _start_server(port: int, store: str, workers: int) -> subprocess.Popen[bytes]:
    exe = str(Path(sys.executable).parent / "advisor")
    env = {**os.environ, "ADVISOR_STORE": store, "ADVISOR_RATE_LIMIT": "off", "ADVISOR_LOG_LEVEL": "ERROR"}
    proc = subprocess.Popen([exe, "serve", "--port", str(port), "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                time.sleep(0.5 * workers)   # let every worker finish loading the content
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"advisor serve did not start on port {port}")


def http_bench(texts: list[str], *, store: str, workers: int, turns: int, connections: int = 8) -> str:
    port = _free_port()
    proc = _start_server(port, store, workers)
    try:
        asyncio.run(_drive(port, texts, min(800, turns), connections))      # warm-up
        samples, elapsed, failures = asyncio.run(_drive(port, texts, turns, connections))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2] * 1000
    p99 = ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)] * 1000
    kind = store.partition(":")[0]
    return (f"http {kind}, {workers} worker(s), {connections} connections: {len(samples) / elapsed:.0f} turns/s, "
            f"p50 {p50:.2f} ms, p99 {p99:.2f} ms ({failures} non-200)")


def run_http_bench(texts: list[str], *, stores: list[str], turns: int, redis_url: str) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"sqlite": f"sqlite:///{tmp}/bench.sqlite3", "redis": redis_url, "memory": "memory"}
        for name in stores:
            for workers in (1, 2):
                lines.append(http_bench(texts, store=urls[name], workers=workers, turns=turns))
    return lines
