"""One turn against the session store, safe when several workers serve the same session.

The turn is optimistic: read, compute, write only if nobody wrote in between. A loser
re-runs its step on the winner's state, so no user input is ever dropped, and a short
jittered pause keeps the losers from colliding again in lock-step.

A write can also fail without saying whether it happened: a Redis busy for longer
than the client's timeout may still commit it. Before anyone apologises, the stored
record is read back: if it holds exactly what we wrote, the turn happened, and
telling the user otherwise would make their retry apply it twice.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from bot.errors import StoreBusy, StoreUnavailable, VersionConflict
from bot.stores.base import Store

T = TypeVar("T")

_BACKOFF_BASE = 0.002
_BACKOFF_CAP = 0.05
_READ_BACKS = 2   # each read back may itself wait out a client timeout


class _Outcome(Enum):
    LANDED = "landed"
    MISSING = "missing"     # the store answers and does not hold our write: safe to write again
    UNKNOWN = "unknown"


def run_turn(
    store: Store,
    key: str,
    step: Callable[[str | None], tuple[str | None, T]],
    *,
    retries: int = 10,
    own: Callable[[T], T] | None = None,
) -> T:
    """Read the session, run `step(old_data_or_None) -> (new_data, result)`, put it.

    A step that returns None as its new data changes nothing and is not written.
    On VersionConflict re-read and re-run step on the fresh state; `step` may therefore
    run more than once and must not have side effects beyond its return value. After the
    first try and `retries` re-runs all conflict, raise StoreBusy. A write that failed
    for now (StoreUnavailable) is read back once: landed is success, missing is tried
    again once, unknown re-raises. Other store errors and anything `step` raises propagate.
    A read back that finds the session moved on may hide our own write under a later one:
    if the re-run step then changes nothing (it finds the input applied), its result is
    passed through `own`, as the answer to this call rather than a resend's.
    """
    rewritten = False
    for attempt in range(retries + 1):
        record = store.get(key)
        new_data, result = step(None if record is None else record.data)
        if new_data is None:
            return own(result) if rewritten and own is not None else result
        expected = None if record is None else record.version
        try:
            store.put(key, new_data, expected)
        except VersionConflict:
            if attempt < retries:
                _pause(attempt)
            continue
        except StoreUnavailable:
            outcome = _read_back(store, key, expected, new_data)
            if outcome is _Outcome.LANDED:
                return result
            if outcome is _Outcome.UNKNOWN or rewritten:
                raise
            rewritten = True
            continue
        return result
    raise StoreBusy(f"the session kept changing under {retries + 1} tries; try again")


def _read_back(store: Store, key: str, expected: int | None, data: str) -> _Outcome:
    for _ in range(_READ_BACKS):
        try:
            current = store.get(key)
        except StoreUnavailable:
            continue
        if current is not None and current.version == (expected or 0) + 1 and current.data == data:
            return _Outcome.LANDED
        return _Outcome.MISSING
    return _Outcome.UNKNOWN


def _pause(attempt: int) -> None:
    """Full-jitter exponential backoff: a few ms at first, at most 50 ms."""
    time.sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF_BASE * 2**attempt)))
