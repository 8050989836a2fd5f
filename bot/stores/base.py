"""The one interface every session store honours, so the shell never knows which it has.

A store keeps opaque JSON text per session key, guarded by a version number: a put
names the version it read, and loses (VersionConflict) if someone else wrote first.
That is what lets many workers and processes serve one session without losing turns.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.errors import VersionConflict


@dataclass(frozen=True)
class Record:
    """A session as stored: `version` starts at 1 and grows by one on every put."""

    version: int
    data: str


class Store(Protocol):
    ttl_seconds: int

    def get(self, key: str) -> Record | None:
        """The live record, or None when the key is missing or idle past the TTL."""
        ...

    def put(self, key: str, data: str, expected_version: int | None) -> int:
        """Write if the stored version is `expected_version` (None: no live record).

        Returns the new version; raises VersionConflict when the expectation fails.
        Every put restarts the idle TTL.
        """
        ...

    def delete(self, key: str) -> None: ...

    def expire(self) -> int:
        """Purge idle sessions; returns how many went (0 where the backend expires natively)."""
        ...

    def note(self, log: str, entry: str, keep: int) -> None:
        """Append an entry to a named log, keeping only its newest `keep` entries
        (the unanswered-question log that `advisor report` reads)."""
        ...

    def notes(self, log: str) -> list[str]:
        """A log's entries, oldest first."""
        ...

    def close(self) -> None: ...


def next_version(key: str, current: int | None, expected: int | None) -> int:
    """The version a put will write, or VersionConflict if `expected` is stale.

    Shared by the stores that check versions in Python so they agree exactly.
    """
    if current != expected:
        raise VersionConflict(
            f"session {key!r}: expected version {expected}, store has {current}"
        )
    return 1 if current is None else current + 1
