"""`advisor bench`: how many turns a second a store sustains, and how slow the slow ones are."""
from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from typing import Any

from bot.sessions import run_turn
from bot.stores.base import Store


def bench_store(
    store: Store,
    turns: int,
    step: Callable[[str | None], tuple[str, Any]],
    *,
    sessions: int = 4,
) -> dict[str, float]:
    """Run `turns` sequential turns round-robin over `sessions` fresh keys, then delete them.

    Keys are unique per run, so benching a live store never touches real sessions.
    """
    if turns < 1 or sessions < 1:
        raise ValueError(f"bench needs turns >= 1 and sessions >= 1, got {turns}, {sessions}")
    run = uuid.uuid4().hex[:12]
    keys = [f"bench:{run}:{i}" for i in range(sessions)]
    latencies: list[float] = []
    started = time.perf_counter()
    try:
        for turn in range(turns):
            began = time.perf_counter()
            run_turn(store, keys[turn % sessions], step)
            latencies.append(time.perf_counter() - began)
        elapsed = time.perf_counter() - started
    finally:
        for key in keys:
            store.delete(key)
    return {
        "turns_per_second": turns / elapsed if elapsed > 0 else math.inf,
        "p50_ms": _percentile(latencies, 0.50) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
    }


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: an observed value, never an interpolated one."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]
