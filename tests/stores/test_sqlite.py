"""SQLite-only behaviour: files made on first use, and I/O failures as StoreUnavailable."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.errors import StoreBroken, StoreUnavailable
from bot.stores import Record, SqliteStore


def test_file_and_directory_appear_on_first_use_in_wal_mode(sqlite_path: Path) -> None:
    store = SqliteStore(sqlite_path, 60)
    assert not sqlite_path.parent.exists()
    store.put("s1", "a", None)
    store.close()
    with sqlite3.connect(sqlite_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_path_under_a_regular_file_is_broken(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    store = SqliteStore(blocker / "state" / "sessions.sqlite3", 60)
    for action in (lambda: store.get("s1"), lambda: store.put("s1", "a", None)):
        with pytest.raises(StoreBroken, match="not-a-directory"):
            action()


def test_a_directory_in_place_of_the_file_is_broken(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path, 60)
    with pytest.raises(StoreBroken, match="unable to open"):
        store.get("s1")


def test_a_lock_held_past_the_busy_timeout_is_unavailable(sqlite_path: Path) -> None:
    store = SqliteStore(sqlite_path, 60, busy_timeout=0.2)
    store.put("s1", "a", None)
    holder = sqlite3.connect(sqlite_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreUnavailable, match="locked"):
        store.put("s1", "b", 1)
    assert store.get("s1") == Record(1, "a")
    holder.execute("ROLLBACK")
    holder.close()
    assert store.put("s1", "b", 1) == 2
    store.close()


def test_a_closed_store_refuses_work(sqlite_path: Path) -> None:
    store = SqliteStore(sqlite_path, 60)
    store.put("s1", "a", None)
    store.close()
    with pytest.raises(StoreUnavailable, match="closed"):
        store.get("s1")
