"""Rate limits for the chat API: per client address and per session, from ADVISOR_RATE_LIMIT.

The `limits` library keeps the moving windows: in memory for one process, or in
the shared Redis when the session store is Redis, so several instances count one
client together. A limiter that cannot reach its storage lets the request through
(the turn itself will report the store) rather than locking every user out.
"""
from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

log = logging.getLogger("advisor.web")


class ChatLimiter:
    def __init__(self, rate: str, store_url: str = "memory") -> None:
        self.item: RateLimitItem = parse(rate)
        storage: Storage
        if store_url.startswith(("redis://", "rediss://")):
            storage = RedisStorage(store_url, implementation="redispy", key_prefix="advisor:limits",
                                   socket_timeout=1.0, socket_connect_timeout=1.0)
        else:
            storage = MemoryStorage()
        self._limiter = MovingWindowRateLimiter(storage)

    async def retry_after(self, client: str, session: str | None) -> int | None:
        """Seconds to wait when this request is over a limit, else None (and the request counts).
        A refused request is not counted, so a client that waits as told gets through."""
        keys = [("client", client)] + ([("session", session)] if session else [])
        try:
            for kind, key in keys:
                if not await self._limiter.test(self.item, kind, key):
                    stats = await self._limiter.get_window_stats(self.item, kind, key)
                    return max(1, math.ceil(stats.reset_time - time.time()))
            for kind, key in keys:
                await self._limiter.hit(self.item, kind, key)
        except Exception as exc:  # the limiter's storage is down: serve rather than refuse
            log.warning("rate limiter unavailable, not limiting: %s: %s", type(exc).__name__, exc)
        return None
