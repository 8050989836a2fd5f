"""run_turn: losers re-run on fresh state, the retry budget is bounded, outages pass through."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.errors import StoreBroken, StoreBusy, StoreUnavailable
from bot.sessions import run_turn
from bot.stores import MemoryStore, Record, SqliteStore


def test_first_turn_starts_from_none_and_later_turns_see_the_last_state() -> None:
    store = MemoryStore(60)
    seen: list[str | None] = []

    def step(data: str | None) -> tuple[str, int]:
        seen.append(data)
        return json.dumps(len(seen)), len(seen)

    assert [run_turn(store, "s1", step) for _ in range(3)] == [1, 2, 3]
    assert seen == [None, "1", "2"]
    assert store.get("s1") == Record(3, "3")


def test_a_loser_is_rerun_on_the_winners_state() -> None:
    store = MemoryStore(60)
    store.put("s1", '["start"]', None)
    seen: list[str | None] = []

    def step(data: str | None) -> tuple[str, str]:
        seen.append(data)
        if len(seen) == 1:
            store.put("s1", '["start", "winner"]', 1)
        return json.dumps([*json.loads(data or "[]"), "loser"]), "done"

    assert run_turn(store, "s1", step) == "done"
    assert seen == ['["start"]', '["start", "winner"]']
    assert store.get("s1") == Record(3, '["start", "winner", "loser"]')


def test_a_session_that_keeps_changing_is_busy_after_the_retries() -> None:
    store = MemoryStore(60)
    calls = 0

    def step(data: str | None) -> tuple[str, None]:
        nonlocal calls
        calls += 1
        record = store.get("s1")
        store.put("s1", "interloper", record.version if record else None)
        return "mine", None

    with pytest.raises(StoreBusy, match="kept changing under 4 tries"):
        run_turn(store, "s1", step, retries=3)
    assert calls == 4
    assert store.get("s1") == Record(4, "interloper")


def test_a_store_that_cannot_open_propagates_as_broken(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = SqliteStore(blocker / "s.db", 60)
    with pytest.raises(StoreBroken):
        run_turn(store, "s1", lambda data: ("{}", None))


def test_a_failing_step_writes_nothing() -> None:
    store = MemoryStore(60)

    def step(data: str | None) -> tuple[str, None]:
        raise ValueError("bug in the step")

    with pytest.raises(ValueError):
        run_turn(store, "s1", step)
    assert store.get("s1") is None


class _LostReply(MemoryStore):
    """The network between us and a store: one write lands, its reply is lost, and another
    writer's turn lands before we can read back (what a Redis timeout can hide)."""

    def __init__(self) -> None:
        super().__init__(60)
        self.lose_next = False

    def put(self, key: str, data: str, expected_version: int | None) -> int:
        version = super().put(key, data, expected_version)
        if self.lose_next:
            self.lose_next = False
            super().put(key, data + "+rival", version)
            raise StoreUnavailable("timed out waiting for the reply")
        return version


def test_our_own_write_hidden_under_a_later_one_is_still_our_answer() -> None:
    store = _LostReply()

    def step(data: str | None) -> tuple[str | None, str]:
        if data is not None and data.startswith("mine"):
            return None, "recorded"                    # it finds its input already applied
        return "mine", "fresh"

    store.lose_next = True
    assert run_turn(store, "s1", step, own=lambda r: f"own {r}") == "own recorded"
    assert run_turn(store, "s1", step, own=lambda r: f"own {r}") == "recorded"   # a real resend
