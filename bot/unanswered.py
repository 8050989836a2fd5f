"""The unanswered-question loop: what the advisor could not answer, kept for its authors.

Every fallback and "did you mean" is noted in the session store (the folded text, cut
to a few hundred characters, with e-mail and web addresses, phone numbers and long digit
runs replaced by placeholders, and a hash of the session id: nothing else about the
user). `advisor report` groups similar wordings, shows how often each came and the
nodes closest to it, and `--promote N NODE` adds a group's wording to NODE's examples
in the knowledge YAML, as an author would, keeping the file's comments and order; a
node generated from a shared template is refused, and the file is replaced only once
the edited copy has been checked.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .errors import ContentError, ContentProblem
from .knowledge import Knowledge, Node
from .matcher import FALLBACK, Matcher
from .normalize import fold
from .session_ids import session_hash
from .yamlio import read_yaml

LOG = "unanswered"
KEEP = 5000              # newest entries kept
MAX_TEXT = 300


@dataclass(frozen=True)
class Cluster:
    wording: str                        # the group's most frequent wording
    count: int
    sessions: int
    candidates: tuple[tuple[str, float], ...]   # closest nodes and their scores


def entry(text: str, session: str, kind: str) -> str:
    return json.dumps({"t": redact(text), "s": session_hash(session), "k": kind}, separators=(",", ":"))


_REDACT = re.compile(
    r"(?P<url>\b(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*)"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<date>\b\d{4}-\d{1,2}-\d{1,2}\b)"
    r"|(?P<digits>(?<![\w.,])\+?\(?\d(?:[ \t().-]{0,3}\d)+(?![\w]))",
    re.IGNORECASE)
PHONE_DIGITS = (7, 15)   # a run of digits with spaces, dashes or a leading + is a phone number
LONG_NUMBER = 7          # this many digits in one run: an account, card or customer number


def redact(text: str) -> str:
    """The folded text, cut to MAX_TEXT, with what could identify someone replaced before it
    is kept: e-mail addresses, web addresses, phone numbers and long digit runs (account or
    card numbers) become [email], [url], [phone] and [number]. Small counts ("15 people",
    "3 outages", "250,000 a year") and dates stay: they are what groups similar questions."""
    parts: list[str] = []
    done = 0
    for found in _REDACT.finditer(text):
        placeholder = _placeholder(found)
        if placeholder is None:
            continue
        parts += [fold(text[done:found.start()]), placeholder]
        done = found.end()
    parts.append(fold(text[done:]))
    kept = " ".join(p for p in parts if p)[:MAX_TEXT]
    return re.sub(r"\s*\[[a-z]*$", "", kept)     # no placeholder cut in half


def _placeholder(found: re.Match[str]) -> str | None:
    kind = found.lastgroup
    if kind in ("url", "email"):
        return f"[{kind}]"
    if kind != "digits":
        return None
    run = found.group()
    digits = sum(c.isdigit() for c in run)
    if run.isdigit():
        return "[number]" if digits >= LONG_NUMBER else None
    low, high = PHONE_DIGITS
    if digits > high or (digits >= 13 and not run.startswith("+")):
        return "[number]"
    return "[phone]" if digits >= low else None


def clusters(entries: list[str], matcher: Matcher) -> list[Cluster]:
    """Groups of similar wordings, biggest first (greedy: a wording joins the first group
    whose leader it resembles; deterministic for a given log)."""
    groups: list[list[dict[str, str]]] = []
    similar = matcher.settings.report_similar
    for raw in entries:
        item = _parse(raw)
        if item is None:
            continue
        home = next((g for g in groups if fuzz.token_set_ratio(g[0]["t"], item["t"]) >= similar), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    out = [_cluster(g, matcher) for g in groups]
    return sorted(out, key=lambda c: (-c.count, c.wording))


def promote(kb: Knowledge, node_id: str, wording: str) -> Path:
    """Add `wording` to the examples of `node_id`, and to no other node, in the YAML file
    that defines it. The edited file is checked (it parses, and the node's examples are its
    old ones plus the wording) before it replaces the original, so a refused or failed edit
    leaves the file as it was."""
    node = kb.nodes.get(node_id)
    if node is None or node.line is None:
        raise _refused("knowledge", None, f"no node '{node_id}'",
                       "use a node id from `advisor report`'s candidates")
    path = kb.root / node.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if not _own_block(lines, node):
        raise _refused(node.file, node.line, *_shared_block(kb, node, lines))
    if wording in node.examples:
        raise _refused(node.file, node.line, f"'{wording}' is already an example of {node_id}",
                       "nothing to promote")
    edited, at = _with_example(lines, node.line - 1, wording, node.file, node_id)
    _replace(path, "".join(edited), node.file, at, node_id, [*node.examples, wording])
    return path


def _refused(file: str, line: int | None, message: str, hint: str) -> ContentError:
    return ContentError([ContentProblem(file, line, "promote", message, hint)])


def _own_block(lines: list[str], node: Node) -> bool:
    """Does the node's line start its own entry (`- id: <node>`), rather than a shared one?"""
    if node.line is None or node.line > len(lines):
        return False
    found = re.match(r"\s*-\s+id:\s*(['\"]?)([^'\"#\s]+)\1\s*(#.*)?$", lines[node.line - 1])
    return found is not None and found.group(2) == node.id


def _shared_block(kb: Knowledge, node: Node, lines: list[str]) -> tuple[str, str]:
    """Why a generated node cannot take a wording, and which nodes can."""
    if node.kind == "compare" and node.template_examples:
        shared = sum(1 for n in kb.nodes.values() if n.kind == "compare" and n.template_examples)
        written = sorted(n.id for n in kb.nodes.values()
                         if n.kind == "compare" and n.file == node.file and _own_block(lines, n))
        models = [f"model.{m}" for m in node.models]
        return (f"{node.id} is generated from the shared template in {node.file}; the template's "
                f"examples are shared by all {shared} comparisons, so a wording added there would "
                f"be added to every one of them",
                f"promote it to a node written out in full instead: the models' own nodes "
                f"({', '.join(models)}) or a hand-written comparison ({', '.join(written)}); or write "
                f"{node.id} out under `pairs:` (label, title, answer, sources, examples) and promote again")
    return (f"{node.id} has no entry of its own in {node.file} (it is generated)",
            "promote the wording to a node written out in full in the YAML")


def _example_line(indent: str, wording: str) -> str:
    return f"{indent}- {json.dumps(wording, ensure_ascii=False)}\n"


def _with_example(lines: list[str], start: int, wording: str, file: str,
                  node_id: str) -> tuple[list[str], int]:
    """The file's lines with `wording` added after the last example of the node that begins
    at line `start` (a block list gets a new item at the same indentation; a one-line flow
    list `[a, b]` a new element), and the 0-based line edited."""
    node_indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    for i in range(start + 1, len(lines)):
        stripped = lines[i].lstrip()
        if stripped.startswith("examples:"):
            rest = stripped[len("examples:"):]
            if not rest.strip() or rest.lstrip().startswith("#"):
                at, indent = _after_items(lines, i)
                return [*lines[:at], _example_line(indent, wording), *lines[at:]], at
            return [*lines[:i], _in_flow(lines[i], wording, file, i + 1, node_id), *lines[i + 1:]], i
        if stripped.startswith("- id:") and len(lines[i]) - len(stripped) <= node_indent:
            break
    raise _refused(file, start + 1, "this node has no examples: list", "add an examples: list to the node first")


def _in_flow(line: str, wording: str, file: str, number: int, node_id: str) -> str:
    """A one-line flow list (`examples: [a, "b, c"]  # note`) with `wording` appended."""
    head, _, rest = line.partition("examples:")
    value = rest.lstrip()
    if value.startswith("["):
        for end in (i for i in range(len(value) - 1, 0, -1) if value[i] == "]"):
            try:
                items = yaml.safe_load(value[: end + 1])
            except yaml.YAMLError:
                continue
            if isinstance(items, list):
                added = json.dumps(wording, ensure_ascii=False)
                inner = value[1:end].rstrip()
                joined = f"{inner}, {added}" if items else added
                return f"{head}examples: {rest[: len(rest) - len(value)]}[{joined}{value[end:]}"
    raise _refused(file, number, f"the examples of {node_id} are written in flow style over several lines "
                   "(or in a form promote cannot edit safely); the file is not changed",
                   "write them as a block list, one `- example` per line, and promote again")


def _replace(path: Path, text: str, file: str, at: int, node_id: str, expected: list[str]) -> None:
    """Write `text` beside `path`, check it, and only then move it over `path` (atomically)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        doc = read_yaml(temp, file)
        if isinstance(doc, ContentProblem):
            raise _refused(file, at + 1, f"the edit would break the YAML ({doc.message}); the file is not changed",
                           "add the wording to the node's examples by hand")
        found = _entry(doc.data, node_id)
        if found is None or found.get("examples") != expected:
            raise _refused(file, at + 1, f"the edit would not add the wording to {node_id}'s examples alone; "
                           "the file is not changed", "add the wording to the node's examples by hand")
        shutil.copymode(path, temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _entry(data: object, node_id: str) -> dict[str, object] | None:
    """The mapping whose id is `node_id`, anywhere in a parsed YAML document."""
    if isinstance(data, dict):
        if data.get("id") == node_id:
            return data
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            found = _entry(item, node_id)
            if found is not None:
                return found
    return None


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

