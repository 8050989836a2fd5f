"""One turn against the session store, safe when several workers serve the same session.

The turn is optimistic: read, compute, write only if nobody wrote in between. A loser
re-runs its step on the winner's state, so no user input is ever dropped, and a short
jittered pause keeps the losers from colliding again in lock-step.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from bot.errors import StoreBusy, VersionConflict
from bot.stores.base import Store

T = TypeVar("T")

_BACKOFF_BASE = 0.002
_BACKOFF_CAP = 0.05


def run_turn(
    store: Store,
    key: str,
    step: Callable[[str | None], tuple[str | None, T]],
    *,
    retries: int = 10,
) -> T:
    """Read the session, run `step(old_data_or_None) -> (new_data, result)`, put it.

    A step that returns None as its new data changes nothing and is not written.

    On VersionConflict re-read and re-run step on the fresh state; `step` may therefore
    run more than once and must not have side effects beyond its return value. After the
    first try and `retries` re-runs all conflict, raise StoreBusy. StoreUnavailable and
    anything `step` raises propagate unchanged.
    """
    for attempt in range(retries + 1):
        record = store.get(key)
        new_data, result = step(None if record is None else record.data)
        if new_data is None:
            return result
        try:
            store.put(key, new_data, None if record is None else record.version)
        except VersionConflict:
            if attempt < retries:
                _pause(attempt)
            continue
        return result
    raise StoreBusy(f"session {key!r} kept changing under {retries + 1} tries; try again")


def _pause(attempt: int) -> None:
    """Full-jitter exponential backoff: a few ms at first, at most 50 ms."""
    time.sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF_BASE * 2**attempt)))
