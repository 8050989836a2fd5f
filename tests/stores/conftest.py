"""Real stores for the store tests: a temp SQLite file and a Redis server.

Redis comes from REDIS_URL when that answers, else from a redis-server this suite
starts on a free port. With neither, Redis tests skip locally and fail under CI=true.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from bot.stores import MemoryStore, RedisStore, SqliteStore, Store

from .support import FakeClock, Harness, RedisLauncher, free_port, need_redis, ping


@pytest.fixture
def redis_launcher() -> Iterator[RedisLauncher]:
    binary = shutil.which("redis-server")
    if binary is None:
        need_redis("redis-server is not on PATH")
    launcher = RedisLauncher(binary)
    yield launcher
    launcher.stop_all()


@dataclass
class RedisDbs:
    """A reachable server and the db numbers the tests may flush."""

    url: str
    dbs: list[int]
    used: int = 0

    def next_url(self) -> str:
        db = self.dbs[self.used % len(self.dbs)]
        self.used += 1
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


@pytest.fixture(scope="session")
def redis_dbs() -> Iterator[RedisDbs]:
    """REDIS_URL's own db only (never flush other dbs of a lent server), else a private server."""
    given = os.environ.get("REDIS_URL")
    if given and ping(given):
        yield RedisDbs(given, [int(urlsplit(given).path.strip("/") or 0)])
        return
    binary = shutil.which("redis-server")
    if binary is None:
        need_redis("REDIS_URL is unset or unreachable and redis-server is not on PATH")
    launcher = RedisLauncher(binary)
    port = free_port()
    try:
        launcher.start(port)
    except (RuntimeError, OSError) as exc:
        need_redis(str(exc))
    yield RedisDbs(f"redis://127.0.0.1:{port}/0", list(range(1, 16)))
    launcher.stop_all()


def _flush(url: str) -> None:
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


@pytest.fixture
def redis_url(redis_dbs: RedisDbs) -> Iterator[str]:
    """A URL to an empty db, a different one per test where the server allows."""
    url = redis_dbs.next_url()
    _flush(url)
    yield url
    _flush(url)


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """A file in a directory that does not exist yet: the store must create both."""
    return tmp_path / "state" / "sessions.sqlite3"


@pytest.fixture(params=["memory", "sqlite", "redis"])
def harness(request: pytest.FixtureRequest, sqlite_path: Path) -> Iterator[Harness]:
    clock = FakeClock()
    url = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    made: list[Store] = []

    def make(ttl: int) -> Store:
        made.append(_build(request.param, sqlite_path, url, clock, ttl))
        return made[-1]

    yield Harness(request.param, make, time.sleep if request.param == "redis" else clock.advance)
    for store in made:
        store.close()


def _build(kind: str, path: Path, url: str, clock: FakeClock, ttl: int) -> Store:
    if kind == "memory":
        return MemoryStore(ttl, clock=clock)
    if kind == "sqlite":
        return SqliteStore(path, ttl, clock=clock)
    return RedisStore(url, ttl)
