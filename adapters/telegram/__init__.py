"""The Telegram channel: python-telegram-bot over the advisor's one entry point.

`mount(advisor, settings)` gives `advisor serve` the webhook route (or a polling
loop) and its start/stop hooks; `run_polling(settings)` is `advisor telegram`.
"""
from __future__ import annotations

from .lifecycle import mount, run_polling

__all__ = ["mount", "run_polling"]
