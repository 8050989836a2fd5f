"""The web channel: the chat API, the embeddable widget and its demo page."""
from __future__ import annotations

from .app import build_app
from .metrics import Metrics

__all__ = ["Metrics", "build_app"]
