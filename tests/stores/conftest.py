"""Real stores for the store tests: a temp SQLite file and a Redis server.

Redis fixtures (redis_url, redis_dbs, redis_launcher) live in tests/conftest.py,
shared with the service tests.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.stores import MemoryStore, RedisStore, SqliteStore, Store

from .support import FakeClock, Harness


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
