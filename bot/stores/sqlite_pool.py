"""SQLite connections for many threads: each caller borrows its own, and gives it back clean.

A sqlite3 connection must not run two transactions at once, so sharing one across
threads would need a global lock; a pool lets readers proceed side by side and
leaves the waiting for the write lock to SQLite's busy timeout.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.errors import StoreBroken, StoreUnavailable

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions ("
    " key TEXT PRIMARY KEY, version INTEGER NOT NULL,"
    " data TEXT NOT NULL, touched_at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sessions_touched ON sessions (touched_at)",
    "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, log TEXT NOT NULL, entry TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS notes_log ON notes (log, id)",
)


class ConnectionPool:
    """Idle connections kept for reuse; the file is created when the first one opens.

    Opening lazily means a missing disk at start-up is a per-turn StoreUnavailable
    the shell can apologise for, not a crash.
    """

    def __init__(self, path: Path, busy_timeout: float) -> None:
        self._path = path
        self._timeout = busy_timeout
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """Lend a connection; every sqlite or OS failure inside becomes StoreUnavailable."""
        try:
            conn = self._take()
            try:
                yield conn
            finally:
                self._give(conn)
        except (sqlite3.Error, OSError) as exc:
            kind = StoreUnavailable if _temporary(exc) else StoreBroken
            raise kind(f"sqlite {self._path}: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def _take(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise StoreUnavailable(f"sqlite {self._path}: store is closed")
            if self._idle:
                return self._idle.pop()
        return _open(self._path, self._timeout)

    def _give(self, conn: sqlite3.Connection) -> None:
        """Return a connection clean: a half-done transaction is rolled back first."""
        try:
            if conn.in_transaction:
                conn.rollback()
        except sqlite3.Error:
            conn.close()
            return
        with self._lock:
            if not self._closed:
                self._idle.append(conn)
                return
        conn.close()


_TEMPORARY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_INTERRUPT}


def _temporary(exc: BaseException) -> bool:
    """Locked or busy passes by itself; read-only, corrupt, full or unopenable does not."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
    return (code & 0xFF) in _TEMPORARY


def _open(path: Path, busy_timeout: float) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    try:
        _enable_wal(conn, busy_timeout)
        # Safe with WAL: a power cut may drop the last turns but never corrupts the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        for statement in _SCHEMA:
            conn.execute(statement)
    except BaseException:
        conn.close()
        raise
    return conn


def _enable_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, retrying while another process is creating the same file.

    SQLite does not run the busy handler for this pragma, so two processes opening
    a new file together would otherwise see "database is locked" at once.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
