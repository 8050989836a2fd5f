"""Hot reload: an edit to knowledge/ or dialogs/ takes effect in a running server.

Each server process watches the content folder itself (a stat of every file, every few
seconds, or at once on SIGHUP), so every worker reloads without a restart. A new edition
is compiled and validated in full before it replaces the one serving; an edit that
fails validation is refused with the validator's message in the log, and the previous
content keeps serving. Conversations then resume or restart by the content-version rule.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .config import Settings
from .errors import ContentError
from .paths import content_files, content_root
from .service import Advisor
from .wiring import load_engine

log = logging.getLogger("advisor.reload")


class ContentWatcher:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen = self.signature()

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """Every content file's path, size and modification time: cheap enough to poll."""
        return tuple((str(p.relative_to(self.root)), (s := p.stat()).st_size, s.st_mtime_ns)
                     for p in content_files(self.root))

    def changed(self) -> bool:
        now = self.signature()
        if now == self._seen:
            return False
        self._seen = now
        return True


def reload(advisor: Advisor, settings: Settings) -> bool:
    """Compile the content again and serve it; False (and the old content) when it fails."""
    try:
        engine = load_engine(settings)
    except ContentError as exc:
        log.error("content edit refused, still serving version %s; %d problem(s):\n  %s",
                  advisor.content_version, len(exc.problems), "\n  ".join(map(str, exc.problems)))
        return False
    except OSError as exc:
        log.error("content could not be read, still serving version %s: %s", advisor.content_version, exc)
        return False
    old = advisor.content_version
    advisor.engine = engine
    log.warning("content reloaded: version %s -> %s", old, engine.kb.version)
    return True


def watcher_for(settings: Settings) -> ContentWatcher:
    return ContentWatcher(settings.content or content_root())
