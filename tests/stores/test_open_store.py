"""ADVISOR_STORE parsing: each URL form, helpful errors, and passwords kept out of logs."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.stores import (
    MemoryStore,
    RedisStore,
    SqliteStore,
    default_sqlite_path,
    open_store,
    redact,
)


def test_memory() -> None:
    store = open_store("memory", 60)
    assert isinstance(store, MemoryStore) and store.ttl_seconds == 60


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///sessions.db", Path("sessions.db")),
        ("sqlite:///data/sessions.db", Path("data/sessions.db")),
        ("sqlite:////var/lib/advisor/s.db", Path("/var/lib/advisor/s.db")),
        ("sqlite://", default_sqlite_path()),
        ("sqlite:///", default_sqlite_path()),
    ],
)
def test_sqlite_paths(url: str, path: Path) -> None:
    store = open_store(url, 60)
    assert isinstance(store, SqliteStore) and store.path == path


def test_sqlite_opens_nothing_until_used(tmp_path: Path) -> None:
    open_store(f"sqlite:///{tmp_path}/later/s.db", 60)
    assert not (tmp_path / "later").exists()


def test_default_sqlite_path_is_in_the_user_data_dir() -> None:
    path = default_sqlite_path()
    assert path.name == "sessions.sqlite3" and path.parent.name == "it-support-advisor"


@pytest.mark.parametrize(
    "url",
    ["redis://localhost:6379/0", "redis://:pw@10.0.0.5:6380/3", "rediss://cache.example:6380",
     "redis://user:pw@host/2"],
)
def test_redis_urls(url: str) -> None:
    store = open_store(url, 60)
    assert isinstance(store, RedisStore)
    store.close()


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("redsi://x", "'redsi://x' is not a store URL; use memory, sqlite:///PATH or redis://HOST:PORT/DB"),
        ("", "'' is not a store URL"),
        ("postgres://u:pw@db/advisor", "'postgres://u:***@db/advisor' is not a store URL"),
        ("memory://", "is not a store URL"),
        ("sqlite://somehost/s.db", "has no host"),
        ("redis:localhost", "is not a store URL"),
        ("redis://:pw@host:http/0", "'redis://:***@host:http/0' has a bad port"),
        ("redis://host:70000/0", "has a bad port"),
        ("redis://:pw@/0", "names no host"),
        ("redis://host:6379/sessions", "has database 'sessions' (want a number"),
    ],
)
def test_bad_urls_say_what_to_use(url: str, complaint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        open_store(url, 60)
    assert complaint in str(caught.value)
    assert "pw@" not in str(caught.value)


@pytest.mark.parametrize("ttl", [0, -5, 1.5, True])
def test_bad_ttl(ttl: int) -> None:
    with pytest.raises(ConfigError, match="TTL"):
        open_store("memory", ttl)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:hunter2@host:6379/0", "redis://:***@host:6379/0"),
        ("rediss://admin:hunter2@host:6380/1", "rediss://admin:***@host:6380/1"),
        ("redis://hunter2@host/0", "redis://***@host/0"),
        ("redis://:p@ss:w/rd@host/0", "redis://:***@host/0"),
        ("redis://host/0?password=hunter2&ssl=1", "redis://host/0?password=***&ssl=1"),
        ("redis://host:6379/0", "redis://host:6379/0"),
        ("sqlite:////var/s.db", "sqlite:////var/s.db"),
        ("memory", "memory"),
    ],
)
def test_redact_hides_passwords(url: str, shown: str) -> None:
    assert redact(url) == shown
