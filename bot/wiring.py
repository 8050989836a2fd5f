"""Explicit wiring: settings in, a ready Advisor out. No global registries."""
from __future__ import annotations

import logging
from pathlib import Path

from .config import Settings
from .engine import Engine
from .knowledge import Knowledge, load_knowledge
from .paths import content_root
from .service import Advisor


def load_engine(settings: Settings) -> Engine:
    return Engine(load_content(settings.content), human_contact=settings.human_contact)


def load_content(root: Path | None = None) -> Knowledge:
    return load_knowledge(root or content_root())


def build_advisor(settings: Settings, *, store_url: str | None = None) -> Advisor:
    from .stores import open_store

    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    url = store_url or settings.store
    advisor = Advisor(load_engine(settings), open_store(url, settings.session_ttl), store_url=url)
    advisor.sweep()
    return advisor
