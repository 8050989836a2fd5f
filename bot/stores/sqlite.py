"""A store in one SQLite file: durable, shared by threads and by processes on one host.

WAL mode lets readers run beside the single writer; BEGIN IMMEDIATE takes the write
lock before reading the version, so the compare-and-set cannot interleave with
another writer. Waiting for that lock is bounded by the busy timeout.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.stores.base import Record, next_version
from bot.stores.sqlite_pool import ConnectionPool

_UPSERT = (
    "INSERT INTO sessions (key, version, data, touched_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (key) DO UPDATE SET version = excluded.version,"
    " data = excluded.data, touched_at = excluded.touched_at"
)


class SqliteStore:
    """Connections are pooled, one per concurrent caller, so any thread may call any method."""

    def __init__(
        self,
        path: Path,
        ttl_seconds: int,
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout: float = 5.0,
    ) -> None:
        self.path = Path(path)
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._pool = ConnectionPool(self.path, busy_timeout)
        self._write = threading.Lock()

    def get(self, key: str) -> Record | None:
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT version, data FROM sessions WHERE key = ? AND touched_at > ?",
                (key, self._clock() - self.ttl_seconds),
            ).fetchone()
        return Record(row[0], row[1]) if row else None

    def put(self, key: str, data: str, expected_version: int | None) -> int:
        """Writers in this process queue on a lock; only other processes meet SQLite's busy
        handler, whose sleeps (1, 2, 5 ms ...) would otherwise dominate a busy server's latency."""
        with self._write, self._pool.connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            now = self._clock()
            row = conn.execute(
                "SELECT version FROM sessions WHERE key = ? AND touched_at > ?",
                (key, now - self.ttl_seconds),
            ).fetchone()
            version = next_version(key, row[0] if row else None, expected_version)
            conn.execute(_UPSERT, (key, version, data, now))
            conn.execute("COMMIT")
        return version

    def delete(self, key: str) -> None:
        with self._pool.connection() as conn:
            conn.execute("DELETE FROM sessions WHERE key = ?", (key,))

    def expire(self) -> int:
        with self._pool.connection() as conn:
            cursor = conn.execute(
                "DELETE FROM sessions WHERE touched_at <= ?",
                (self._clock() - self.ttl_seconds,),
            )
            return cursor.rowcount

    def note(self, log: str, entry: str, keep: int) -> None:
        with self._write, self._pool.connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO notes (log, entry) VALUES (?, ?)", (log, entry))
            conn.execute("DELETE FROM notes WHERE log = ? AND id <= (SELECT id FROM notes WHERE log = ?"
                         " ORDER BY id DESC LIMIT 1 OFFSET ?)", (log, log, keep))
            conn.execute("COMMIT")

    def notes(self, log: str) -> list[str]:
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT entry FROM notes WHERE log = ? ORDER BY id", (log,)).fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self._pool.close()
