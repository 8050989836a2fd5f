"""The terminal channel: an interactive chat for people (`advisor chat`) and its renderer."""
from __future__ import annotations

from .chat import run_chat
from .render import render

__all__ = ["render", "run_chat"]
