"""Commands for the people who write the content: init, report, promote, graph."""
from __future__ import annotations

import shutil
from pathlib import Path

from .config import Settings
from .errors import ConfigError
from .paths import content_root

PARTS = ("knowledge", "dialogs")


def init_content(target: Path) -> Path:
    """Copy the shipped content to `target` as a team's own edition to edit."""
    if target.exists() and any(target.iterdir()):
        raise ConfigError(f"{target} is not empty: choose a new folder for your edition of the content")
    for part in PARTS:
        shutil.copytree(content_root() / part, target / part)
    return target


def report_text(settings: Settings, limit: int) -> str:
    from .stores import open_store
    from .unanswered import LOG, clusters
    from .wiring import load_engine

    store = open_store(settings.store, 3600)
    try:
        entries = store.notes(LOG)
    finally:
        store.close()
    groups = clusters(entries, load_engine(settings).matcher)[:limit]
    if not groups:
        return "No unanswered questions noted yet."
    lines = [f"{len(entries)} unanswered question(s) noted, in {len(groups)} group(s) shown:"]
    for i, group in enumerate(groups, 1):
        near = ", ".join(f"{node} ({score:.2f})" for node, score in group.candidates) or "none"
        lines.append(f"{i:>3}. x{group.count} ({group.sessions} session(s)) \"{group.wording}\"\n"
                     f"       closest: {near}")
    lines.append("Promote a group's wording to a node's examples: advisor report --promote N NODE")
    return "\n".join(lines)


def promote_group(settings: Settings, number: int, node_id: str) -> str:
    from .stores import open_store
    from .unanswered import LOG, clusters, promote
    from .wiring import load_content, load_engine

    store = open_store(settings.store, 3600)
    try:
        groups = clusters(store.notes(LOG), load_engine(settings).matcher)
    finally:
        store.close()
    if not 1 <= number <= len(groups):
        raise ConfigError(f"there is no group {number}; `advisor report` lists {len(groups)}")
    path = promote(load_content(settings.content), node_id, groups[number - 1].wording)
    return f"added \"{groups[number - 1].wording}\" to {node_id} in {path}; run `advisor validate`"
