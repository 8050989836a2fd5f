"""What a channel hands `advisor serve`: its HTTP routes and what to run at start and stop.

Explicit wiring, no registry: `adapters.serve` asks each configured channel for its
mount and composes one Starlette app from them, so one process hosts the web
widget, the Slack events endpoint and the Telegram webhook side by side.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from starlette.routing import BaseRoute

Hook = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class ChannelMount:
    name: str
    routes: Sequence[BaseRoute] = ()
    startup: Hook | None = None      # e.g. open a Socket Mode connection, register a webhook
    shutdown: Hook | None = None     # close it again; must not raise
