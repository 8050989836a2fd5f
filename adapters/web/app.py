"""The web channel's Starlette app: the demo page, the widget's files, the chat API,
health and metrics, and whatever routes other channels mount beside them."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot import Advisor, Settings
from bot.service import sweep_interval

from ..channels import ChannelMount
from .api import ChatApi
from .metrics import Metrics
from .stamps import ResponseStamps

STATIC = Path(__file__).resolve().parent / "static"
RELOAD_POLL = 2.0   # seconds between looks at the content files for edits
log = logging.getLogger("advisor.web")


def build_app(advisor: Advisor, settings: Settings, *, metrics: Metrics | None = None,
              channels: Sequence[ChannelMount] = (), sweep_every: float | None = None) -> Starlette:
    api = ChatApi(advisor, settings)
    metrics = metrics or Metrics()
    routes = [
        Mount("/api", routes=[Route("/chat", api.chat, methods=["POST"])]),   # a Mount, so GET is 405
        Route("/healthz", api.healthz, methods=["GET"]),
        Route("/metrics", metrics.endpoint, methods=["GET"]),
        *(route for channel in channels for route in channel.routes),
        Mount("/", StaticFiles(directory=STATIC, html=True), name="static"),
    ]
    middleware = [Middleware(ResponseStamps)]
    if settings.web.allowed_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.web.allowed_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["content-type"],
                                     max_age=600))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: api.http_error},
                     lifespan=_lifespan(advisor, settings, sweep_every or sweep_interval(settings.session_ttl),
                                        channels))


def _lifespan(advisor: Advisor, settings: Settings, sweep_every: float,  # type: ignore[no-untyped-def]
              channels: Sequence[ChannelMount]):
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(advisor.sweep_forever(sweep_every))
        reloader = asyncio.create_task(_reload_forever(advisor, settings)) if settings.reload else None
        started: list[ChannelMount] = []
        try:
            for channel in channels:
                if channel.startup is not None:
                    await channel.startup()
                started.append(channel)
            yield
        finally:
            for channel in reversed(started):
                if channel.shutdown is not None:
                    await channel.shutdown()
            for task in (sweeper, reloader):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            await asyncio.to_thread(advisor.close)

    return lifespan


async def _reload_forever(advisor: Advisor, settings: Settings) -> None:
    """Poll the content for edits (and check at once on SIGHUP); reload in a worker thread."""
    from bot.reload import reload, watcher_for

    watcher = await asyncio.to_thread(watcher_for, settings)
    nudge = asyncio.Event()
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):   # no signals off the main thread
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, nudge.set)
    while True:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(nudge.wait(), RELOAD_POLL)
        nudge.clear()
        if await asyncio.to_thread(watcher.changed):
            await asyncio.to_thread(reload, advisor, settings)

