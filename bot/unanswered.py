"""The unanswered-question loop: what the advisor could not answer, kept for its authors.

Every fallback and "did you mean" is noted in the session store (the folded text, cut
to a few hundred characters, and a hash of the session id: nothing else about the
user). `advisor report` groups similar wordings, shows how often each came and the
nodes closest to it, and `--promote N NODE` adds a group's wording to NODE's examples
in the knowledge YAML, as an author would, keeping the file's comments and order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .errors import ContentError, ContentProblem
from .knowledge import Knowledge
from .matcher import FALLBACK, Matcher
from .normalize import fold
from .session_ids import session_hash
from .yamlio import read_yaml

LOG = "unanswered"
KEEP = 5000              # newest entries kept
MAX_TEXT = 300
SIMILAR = 75             # rapidfuzz token_set_ratio for two wordings to share a group


@dataclass(frozen=True)
class Cluster:
    wording: str                        # the group's most frequent wording
    count: int
    sessions: int
    candidates: tuple[tuple[str, float], ...]   # closest nodes and their scores


def entry(text: str, session: str, kind: str) -> str:
    return json.dumps({"t": fold(text)[:MAX_TEXT], "s": session_hash(session), "k": kind}, separators=(",", ":"))


def clusters(entries: list[str], matcher: Matcher) -> list[Cluster]:
    """Groups of similar wordings, biggest first (greedy: a wording joins the first group
    whose leader it resembles; deterministic for a given log)."""
    groups: list[list[dict[str, str]]] = []
    for raw in entries:
        item = _parse(raw)
        if item is None:
            continue
        home = next((g for g in groups if fuzz.token_set_ratio(g[0]["t"], item["t"]) >= SIMILAR), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    out = [_cluster(g, matcher) for g in groups]
    return sorted(out, key=lambda c: (-c.count, c.wording))


def promote(kb: Knowledge, node_id: str, wording: str) -> Path:
    """Add `wording` to the examples of `node_id` in the YAML file that defines it."""
    node = kb.nodes.get(node_id)
    if node is None or node.line is None:
        raise ContentError([ContentProblem("knowledge", None, "unknown-node", f"no node '{node_id}'",
                                           "use a node id from `advisor report`'s candidates")])
    path = kb.root / node.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at, indent = _examples_end(lines, node.line - 1, path)
    lines.insert(at, f"{indent}- {json.dumps(wording, ensure_ascii=False)}\n")
    path.write_text("".join(lines), encoding="utf-8")
    if isinstance(read_yaml(path, node.file), ContentProblem):
        raise ContentError([ContentProblem(node.file, at + 1, "promote", "the edit broke the YAML",
                                           "undo it with your version control")])
    return path


def _examples_end(lines: list[str], start: int, path: Path) -> tuple[int, str]:
    """Where to insert a new example of the node that begins at line `start`: after its
    last example, at the same indentation."""
    node_indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    for i in range(start + 1, len(lines)):
        stripped = lines[i].lstrip()
        if stripped.startswith("examples:"):
            return _after_items(lines, i)
        if stripped.startswith("- id:") and len(lines[i]) - len(stripped) <= node_indent:
            break
    raise ContentError([ContentProblem(str(path), start + 1, "promote", "this node has no examples: list",
                                       "add an examples: list to the node first")])


def _after_items(lines: list[str], key: int) -> tuple[int, str]:
    key_indent = len(lines[key]) - len(lines[key].lstrip())
    last, indent = key, " " * (key_indent + 2)
    for i in range(key + 1, len(lines)):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip()) <= key_indent or not text.lstrip().startswith("- "):
            break
        last, indent = i, text[: len(text) - len(text.lstrip())]
    return last + 1, indent


def _parse(raw: str) -> dict[str, str] | None:
    try:
        item = json.loads(raw)
    except ValueError:
        return None
    return item if isinstance(item, dict) and isinstance(item.get("t"), str) and item["t"] else None


def _cluster(group: list[dict[str, str]], matcher: Matcher) -> Cluster:
    counts: dict[str, int] = {}
    for item in group:
        counts[item["t"]] = counts.get(item["t"], 0) + 1
    wording = max(sorted(counts), key=lambda t: counts[t])
    match = matcher.match(wording)
    candidates = tuple((c.node, c.score) for c in match.candidates if c.node != FALLBACK)[:3]
    return Cluster(wording, len(group), len({i.get("s") for i in group}), candidates)

