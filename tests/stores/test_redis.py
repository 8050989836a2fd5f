"""Redis-only behaviour: native TTL, a server that dies and comes back, bad credentials."""
from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import redis

from bot.errors import StoreBroken, StoreError, StoreUnavailable
from bot.sessions import run_turn
from bot.stores import Record, RedisStore

from .support import RedisLauncher, free_port

PASSWORD = "s3cret-pw"


def count_turn(data: str | None) -> tuple[str, int]:
    turns = json.loads(data)["turns"] + 1 if data else 1
    return json.dumps({"turns": turns}), turns


def test_put_sets_and_refreshes_native_expiry(redis_url: str) -> None:
    store = RedisStore(redis_url, 120, prefix="t:")
    raw = redis.Redis.from_url(redis_url)
    try:
        store.put("s1", "a", None)
        raw.pexpire("t:s1", 5_000)
        store.put("s1", "b", 1)
        assert 115_000 < raw.pttl("t:s1") <= 120_000
    finally:
        raw.close()
        store.close()


def assert_fails_fast(action: Callable[[], object], kind: type[StoreError] = StoreUnavailable) -> StoreError:
    with pytest.raises(kind) as caught:
        action()
    assert PASSWORD not in str(caught.value)
    assert "redis://:***@127.0.0.1" in str(caught.value)
    return caught.value


def test_server_down_fails_fast_and_the_same_store_recovers(redis_launcher: RedisLauncher) -> None:
    port = free_port()
    server = redis_launcher.start(port, password=PASSWORD)
    store = RedisStore(f"redis://:{PASSWORD}@127.0.0.1:{port}/0", 60)
    assert [run_turn(store, "s1", count_turn) for _ in range(3)] == [1, 2, 3]

    redis_launcher.kill(server)
    assert_fails_fast(lambda: store.get("s1"))
    assert_fails_fast(lambda: store.put("s1", "{}", 3))
    assert_fails_fast(lambda: run_turn(store, "s1", count_turn))

    redis_launcher.start(port, password=PASSWORD)
    assert run_turn(store, "s1", count_turn) == 1
    assert store.get("s1") == Record(1, '{"turns": 1}')
    store.close()


def test_wrong_password_is_broken_not_temporary_and_not_echoed(redis_launcher: RedisLauncher) -> None:
    port = free_port()
    redis_launcher.start(port, password="right-one")
    store = RedisStore(f"redis://:{PASSWORD}@127.0.0.1:{port}/0", 60)
    error = assert_fails_fast(lambda: store.get("s1"), StoreBroken)
    assert "Authentication" in str(error)
    store.close()


def test_nobody_listening_is_unavailable() -> None:
    store = RedisStore(f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0", 60)
    assert_fails_fast(lambda: store.put("s1", "{}", None))
    store.close()
