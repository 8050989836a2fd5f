"""A store in Redis: shared by every process and host that can reach the server.

The compare-and-set runs as one Lua script, so it is atomic on the server; idle
expiry is Redis's own key TTL, refreshed by every put. Timeouts are short and
nothing is retried by the client, so a down server costs a turn about a second
and a write is never silently replayed. The pool reconnects by itself, so the
same store object works again once the server is back.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.errors import StoreBroken, StoreUnavailable, VersionConflict
from bot.stores.base import Record
from bot.stores.urls import redact

# KEYS[1] session key; ARGV: expected version ('' = none), data, ttl in ms.
_CAS = """
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '') ~= ARGV[1] then
  return {0, tonumber(current or '0')}
end
local version = tonumber(current or '0') + 1
redis.call('HSET', KEYS[1], 'v', version, 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, version}
"""


class RedisStore:
    """Thread-safe: redis-py lends each call its own pooled connection."""

    def __init__(
        self,
        url: str,
        ttl_seconds: int,
        *,
        prefix: str = "advisor:",
        timeout: float = 1.0,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._prefix = prefix
        self._where = redact(url)
        self._client = redis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self._password = self._client.connection_pool.connection_kwargs.get("password")
        self._cas = self._client.register_script(_CAS)

    def get(self, key: str) -> Record | None:
        with self._guard():
            version, data = self._client.hmget(self._prefix + key, ["v", "d"])
        return None if version is None else Record(int(version), str(data))

    def put(self, key: str, data: str, expected_version: int | None) -> int:
        expected = "" if expected_version is None else str(expected_version)
        ttl_ms = int(self.ttl_seconds * 1000)
        with self._guard():
            ok, version = self._cas(keys=[self._prefix + key], args=[expected, data, ttl_ms])
        if not ok:
            raise VersionConflict(
                f"session {key!r}: expected version {expected_version}, store has {version or None}"
            )
        return int(version)

    def delete(self, key: str) -> None:
        with self._guard():
            self._client.delete(self._prefix + key)

    def note(self, log: str, entry: str, keep: int) -> None:
        key = f"{self._prefix}log:{log}"
        with self._guard():
            pipe = self._client.pipeline(transaction=True)
            pipe.rpush(key, entry)
            pipe.ltrim(key, -keep, -1)
            pipe.execute()

    def notes(self, log: str) -> list[str]:
        with self._guard():
            return [str(e) for e in self._client.lrange(f"{self._prefix}log:{log}", 0, -1)]

    def expire(self) -> int:
        """Redis drops idle keys itself; nothing is left to purge."""
        return 0

    def close(self) -> None:
        with self._guard():
            self._client.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn every client failure into a StoreError naming the server, never the password:
        unreachable or slow is StoreUnavailable, a server refusing the command is StoreBroken."""
        try:
            yield
        except (redis.AuthenticationError, redis.exceptions.AuthorizationError) as exc:
            raise StoreBroken(self._cause(exc)) from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreUnavailable(self._cause(exc)) from None
        except redis.RedisError as exc:   # OOM (maxmemory), READONLY replica, NOAUTH/WRONGPASS
            raise StoreBroken(self._cause(exc)) from None

    def _cause(self, exc: Exception) -> str:
        message = f"redis {self._where}: {type(exc).__name__}: {exc}"
        if self._password:
            message = message.replace(self._password, "***")
        return message
