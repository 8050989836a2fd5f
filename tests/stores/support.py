"""Helpers shared by the store tests: a hand-moved clock and redis-server processes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

import pytest
import redis

from bot.stores import Store


class FakeClock:
    """A clock the test moves by hand, for TTLs without sleeping."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    """One store kind under test: `make(ttl)` builds a store, `advance` moves its time.

    Sqlite and redis stores built twice by one harness share their data, as after a restart.
    """

    kind: str
    make: Callable[[int], Store]
    advance: Callable[[float], None]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ping(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def need_redis(reason: str) -> NoReturn:
    """Skip locally, but fail under CI=true so CI cannot pass by not testing Redis."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is required under CI=true: {reason}")
    pytest.skip(f"no Redis: {reason}")


@dataclass
class RedisLauncher:
    """Starts private redis-server processes; stop_all() kills every one it started."""

    binary: str
    running: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, port: int, password: str | None = None) -> subprocess.Popen[bytes]:
        args = [self.binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no"]
        if password:
            args += ["--requirepass", password]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.running.append(proc)
        auth = f":{password}@" if password else ""
        self._wait(proc, f"redis://{auth}127.0.0.1:{port}/0")
        return proc

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=5)

    def stop_all(self) -> None:
        for proc in self.running:
            self.kill(proc)

    def _wait(self, proc: subprocess.Popen[bytes], url: str) -> None:
        deadline = time.monotonic() + 5
        while not ping(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                self.kill(proc)
                raise RuntimeError(f"redis-server did not answer on {url}")
            time.sleep(0.02)
