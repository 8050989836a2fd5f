"""Pick the session store named by ADVISOR_STORE.

    memory                        sessions vanish with the process (tests, demos)
    sqlite://                     the default file, see default_sqlite_path()
    sqlite:///relative/path.db    a file relative to the working directory
    sqlite:////absolute/path.db   an absolute file (four slashes, as in SQLAlchemy)
    redis://[:PASSWORD@]HOST:PORT/DB, rediss://...   a Redis server, TLS with rediss

Nothing is opened here: each store connects on first use, so a store that is down
at start-up makes turns fail with StoreUnavailable instead of the process dying.
"""
from __future__ import annotations

from pathlib import Path

import platformdirs

from bot.errors import ConfigError
from bot.stores.base import Record, Store
from bot.stores.memory import MemoryStore
from bot.stores.sqlite import SqliteStore
from bot.stores.urls import bad_url, check_redis_url, redact, sqlite_path

__all__ = [
    "MemoryStore",
    "Record",
    "RedisStore",
    "SqliteStore",
    "Store",
    "default_sqlite_path",
    "open_store",
    "redact",
]


def __getattr__(name: str) -> object:
    """RedisStore is imported on first use: redis-py costs ~70 ms of start-up that
    `advisor ask` on the default SQLite store should not pay."""
    if name == "RedisStore":
        from bot.stores.redis import RedisStore

        return RedisStore
    raise AttributeError(f"module 'bot.stores' has no attribute {name!r}")


MAX_TTL = 2 * 365 * 86400   # every backend can hold this (Redis's PEXPIRE, SQLite's REAL)


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir("it-support-advisor")) / "sessions.sqlite3"


def open_store(url: str, ttl_seconds: int) -> Store:
    """The store `url` names; ConfigError says what is wrong with a bad URL or TTL."""
    if isinstance(ttl_seconds, bool) or not isinstance(ttl_seconds, int) or not 0 < ttl_seconds <= MAX_TTL:
        raise ConfigError(
            f"session TTL must be a whole number of seconds from 1 to {MAX_TTL} (two years), "
            f"got {ttl_seconds!r}"
        )
    url = url.strip()
    scheme = url.partition(":")[0].lower()
    if url.lower() == "memory":
        return MemoryStore(ttl_seconds)
    if scheme == "sqlite":
        return SqliteStore(sqlite_path(url) or default_sqlite_path(), ttl_seconds)
    if scheme in ("redis", "rediss") and url.lower().startswith(f"{scheme}://"):
        check_redis_url(url)
        try:
            from bot.stores.redis import RedisStore
        except ImportError as exc:     # a plain install has no redis-py: say how to get it
            raise ConfigError("a redis:// store needs the redis extra: "
                              "pip install 'it-support-advisor[redis]'") from exc
        return RedisStore(url, ttl_seconds)
    raise bad_url(url)
