"""The Store contract, run identically on the memory, sqlite and redis stores."""
from __future__ import annotations

import json

import pytest

from bot.errors import VersionConflict
from bot.stores import Record

from .support import Harness


def test_missing_key_reads_as_none(harness: Harness) -> None:
    assert harness.make(60).get("nobody") is None


def test_first_put_creates_version_1(harness: Harness) -> None:
    store = harness.make(60)
    assert store.put("s1", '{"node": "start"}', None) == 1
    assert store.get("s1") == Record(1, '{"node": "start"}')


def test_every_put_increments_the_version(harness: Harness) -> None:
    store = harness.make(60)
    for expected in (None, 1, 2, 3):
        store.put("s1", json.dumps({"after": expected}), expected)
    assert store.get("s1") == Record(4, '{"after": 3}')


def test_stale_version_conflicts_and_keeps_the_winner(harness: Harness) -> None:
    store = harness.make(60)
    store.put("s1", "first", None)
    store.put("s1", "winner", 1)
    with pytest.raises(VersionConflict):
        store.put("s1", "loser", 1)
    assert store.get("s1") == Record(2, "winner")


def test_creating_an_existing_key_conflicts(harness: Harness) -> None:
    store = harness.make(60)
    store.put("s1", "first", None)
    with pytest.raises(VersionConflict):
        store.put("s1", "second", None)
    assert store.get("s1") == Record(1, "first")


def test_updating_a_missing_key_conflicts(harness: Harness) -> None:
    store = harness.make(60)
    with pytest.raises(VersionConflict):
        store.put("s1", "data", 1)
    assert store.get("s1") is None


def test_delete_forgets_the_session_and_its_version(harness: Harness) -> None:
    store = harness.make(60)
    store.put("s1", "a", None)
    store.put("s2", "b", None)
    store.delete("s1")
    store.delete("never-there")
    assert store.get("s1") is None
    assert store.put("s1", "again", None) == 1
    assert store.get("s2") == Record(1, "b")


def test_data_round_trips_unchanged(harness: Harness) -> None:
    store = harness.make(60)
    data = json.dumps({"text": "naïve café ☕ 日本語 \n\t\"quoted\"", "big": "x" * 100_000})
    store.put("s1", data, None)
    record = store.get("s1")
    assert record is not None and record.data == data


def test_idle_session_expires_and_restarts_at_version_1(harness: Harness) -> None:
    store = harness.make(1)
    store.put("s1", "old", None)
    store.put("s1", "older", 1)
    harness.advance(1.3)
    assert store.get("s1") is None
    with pytest.raises(VersionConflict):
        store.put("s1", "stale writer", 2)
    assert store.put("s1", "fresh", None) == 1


def test_every_put_restarts_the_idle_clock(harness: Harness) -> None:
    store = harness.make(1)
    store.put("s1", "a", None)
    harness.advance(0.6)
    store.put("s1", "b", 1)
    harness.advance(0.6)
    assert store.get("s1") == Record(2, "b")


def test_expire_purges_only_idle_sessions(harness: Harness) -> None:
    store = harness.make(1)
    store.put("idle", "a", None)
    harness.advance(0.6)
    store.put("active", "b", None)
    harness.advance(0.6)
    removed = store.expire()
    assert removed == (0 if harness.kind == "redis" else 1)
    assert store.get("idle") is None
    assert store.get("active") == Record(1, "b")


@pytest.mark.parametrize("harness", ["sqlite", "redis"], indirect=True)
def test_sessions_survive_reopening_the_store(harness: Harness) -> None:
    first = harness.make(60)
    first.put("s1", '{"turns": 3}', None)
    first.put("s1", '{"turns": 4}', 1)
    first.close()
    second = harness.make(60)
    assert second.get("s1") == Record(2, '{"turns": 4}')
    assert second.put("s1", '{"turns": 5}', 2) == 3


def test_a_log_keeps_its_newest_entries_in_order(harness: Harness) -> None:
    store = harness.make(60)
    for i in range(7):
        store.note("unanswered", f"entry {i}", keep=5)
    store.note("other", "x", keep=5)
    assert store.notes("unanswered") == [f"entry {i}" for i in range(2, 7)]
    assert store.notes("other") == ["x"] and store.notes("none") == []
