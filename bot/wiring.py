"""Explicit wiring: settings in, a ready Advisor out. No global registries, no logging set-up
(the command line configures logging; a library that embeds the advisor keeps its own)."""
from __future__ import annotations

from pathlib import Path

from .config import Settings
from .engine import Engine
from .knowledge import Knowledge
from .loading import load_knowledge
from .paths import content_root
from .service import Advisor, TurnObserver, retention


def load_engine(settings: Settings) -> Engine:
    """The engine for the configured content, compiled once per content edition (see
    `compiled.py`); the human contact is a setting, so it is applied after loading."""
    from .compiled import cached_engine

    engine = cached_engine(settings.content or content_root(), enabled=settings.cache)
    engine.contact = settings.human_contact
    return engine


def load_content(root: Path | None = None) -> Knowledge:
    return load_knowledge(root or content_root())


def build_advisor(settings: Settings, *, store_url: str | None = None,
                  observer: TurnObserver | None = None) -> Advisor:
    """An Advisor on the configured store; idle sessions left from earlier runs are swept."""
    from .stores import open_store

    url = store_url or settings.store
    store = open_store(url, retention(settings.session_ttl))
    advisor = Advisor(load_engine(settings), store, store_url=url, session_ttl=settings.session_ttl,
                      observer=observer, log_text=settings.log_text)
    advisor.sweep()
    return advisor
