"""Socket Mode: Slack pushes events over a websocket the app opens, so no public URL.

The connection is opened at startup and closed at shutdown. If Slack cannot be
reached (or refuses the app token) the SDK logs why and keeps retrying in the
background; the rest of the server starts anyway rather than waiting forever.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

log = logging.getLogger("advisor.slack")
CONNECT_WAIT = 10.0   # seconds startup waits for the first connection


class SocketMode:
    def __init__(self, app: AsyncApp, app_token: str) -> None:
        self.app = app
        self.app_token = app_token
        self.handler: AsyncSocketModeHandler | None = None
        self.connecting: asyncio.Task[None] | None = None

    async def startup(self) -> None:
        # The SDK's client starts tasks when built, so it is built here, inside the server's loop.
        self.handler = AsyncSocketModeHandler(self.app, self.app_token)
        self.connecting = asyncio.create_task(self.handler.connect_async())
        done, _ = await asyncio.wait({self.connecting}, timeout=CONNECT_WAIT)
        if done and self.connecting.exception() is None:
            log.info("slack Socket Mode connected")
        else:
            log.warning("slack Socket Mode is not connected yet; still trying in the background "
                        "(check SLACK_APP_TOKEN and that Socket Mode is enabled for the app)")

    async def shutdown(self) -> None:
        if self.connecting is not None and not self.connecting.done():
            self.connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.connecting
        if self.handler is not None:
            try:
                await self.handler.close_async()
            except Exception as exc:   # shutdown must not raise; the process is going anyway
                log.warning("slack Socket Mode did not close cleanly: %s", exc.__class__.__name__)
