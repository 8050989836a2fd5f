"""Commands for the people who write the content: init, report, promote, graph."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import ConfigError
from .paths import PARTS, content_root

if TYPE_CHECKING:
    from .unanswered import Cluster


def init_content(target: Path) -> Path:
    """Copy the shipped content to `target` as a team's own edition to edit."""
    if target.exists() and any(target.iterdir()):
        raise ConfigError(f"{target} is not empty: choose a new folder for your edition of the content")
    for part in PARTS:
        shutil.copytree(content_root() / part, target / part)
    return target


def report_text(settings: Settings, limit: int) -> str:
    entries, groups = _groups(settings)
    if not groups:
        return "No unanswered questions noted yet."
    lines = [f"{len(entries)} unanswered question(s) noted, in {min(limit, len(groups))} group(s) shown:"]
    for i, group in enumerate(groups[:limit], 1):
        near = ", ".join(f"{node} ({score:.2f})" for node, score in group.candidates) or "none"
        lines.append(f"{i:>3}. x{group.count} ({group.sessions} session(s)) \"{group.wording}\"\n"
                     f"       closest: {near}")
    lines.append("Promote a group's wording to a node's examples: advisor report --promote N NODE")
    return "\n".join(lines)


def promote_group(settings: Settings, number: int, node_id: str) -> str:
    from .unanswered import promote
    from .wiring import load_content

    _, groups = _groups(settings)
    if not 1 <= number <= len(groups):
        raise ConfigError(f"there is no group {number}; `advisor report` lists {len(groups)}")
    path = promote(load_content(settings.content), node_id, groups[number - 1].wording)
    return f"added \"{groups[number - 1].wording}\" to {node_id} in {path}; run `advisor validate`"


def _groups(settings: Settings) -> tuple[list[str], list[Cluster]]:
    """The noted questions, and their groups as `advisor report` numbers them."""
    from .stores import open_store
    from .unanswered import LOG, clusters
    from .wiring import load_engine

    store = open_store(settings.store, 3600)
    try:
        entries = store.notes(LOG)
    finally:
        store.close()
    return entries, clusters(entries, load_engine(settings).matcher)
