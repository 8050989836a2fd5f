"""bench_store: the numbers `advisor bench` prints, without leaving sessions behind."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.stores import MemoryStore, SqliteStore
from bot.stores.bench import bench_store

from .support import FakeClock


def grow(data: str | None) -> tuple[str, None]:
    return json.dumps((json.loads(data) if data else []) + ["turn"]), None


def test_bench_reports_rates_and_cleans_up() -> None:
    clock = FakeClock()
    memory = MemoryStore(60, clock=clock)
    result = bench_store(memory, 50, grow)
    assert set(result) == {"turns_per_second", "p50_ms", "p99_ms"}
    assert result["turns_per_second"] > 0
    assert 0 <= result["p50_ms"] <= result["p99_ms"]
    clock.advance(120)
    assert memory.expire() == 0, "bench left sessions behind"


def test_bench_runs_on_a_real_file(sqlite_path: Path) -> None:
    store = SqliteStore(sqlite_path, 60)
    assert bench_store(store, 20, grow, sessions=2)["turns_per_second"] > 0
    store.close()


def test_bench_needs_at_least_one_turn() -> None:
    with pytest.raises(ValueError):
        bench_store(MemoryStore(60), 0, grow)
