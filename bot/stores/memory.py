"""A store in a dict: for tests, demos and single-process runs where losing sessions is fine."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bot.stores.base import Record, next_version


class MemoryStore:
    """Thread-safe; `clock` is injectable so TTL behaviour is testable without sleeping."""

    def __init__(self, ttl_seconds: int, clock: Callable[[], float] = time.time) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._items: dict[str, tuple[Record, float]] = {}
        self._logs: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Record | None:
        with self._lock:
            return self._live(key, self._clock())

    def put(self, key: str, data: str, expected_version: int | None) -> int:
        with self._lock:
            now = self._clock()
            current = self._live(key, now)
            version = next_version(key, current.version if current else None, expected_version)
            self._items[key] = (Record(version, data), now)
            return version

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def expire(self) -> int:
        with self._lock:
            now = self._clock()
            stale = [k for k, (_, touched) in self._items.items() if self._idle(touched, now)]
            for key in stale:
                del self._items[key]
            return len(stale)

    def note(self, log: str, entry: str, keep: int) -> None:
        with self._lock:
            entries = self._logs.setdefault(log, [])
            entries.append(entry)
            del entries[:-keep]

    def notes(self, log: str) -> list[str]:
        with self._lock:
            return list(self._logs.get(log, ()))

    def close(self) -> None:
        """Nothing to release; the sessions live as long as the object."""

    def _live(self, key: str, now: float) -> Record | None:
        item = self._items.get(key)
        if item is None or self._idle(item[1], now):
            return None
        return item[0]

    def _idle(self, touched: float, now: float) -> bool:
        return now - touched >= self.ttl_seconds
