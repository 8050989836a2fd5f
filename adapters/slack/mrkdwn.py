"""The advisor's Markdown as Slack mrkdwn, and Slack's message text back as plain words.

Slack caps a section's text and a button's label; rather than truncating, long text
is split where a reader pauses (paragraph, then line, then word) and a label loses
whole words behind an ellipsis. `&`, `<` and `>` are escaped first, so text from the
knowledge or a user can never turn into a mention, a link or a broadcast.
"""
from __future__ import annotations

import re

SECTION_LIMIT = 3000
LABEL_LIMIT = 75
_SEPARATORS = ("\n\n", "\n", " ")

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.+)$")
_BULLET = re.compile(r"^(\s*)[-*]\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SLACK_REF = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<([^>|]+)(?:\|([^>]*))?>")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """`**bold**` -> `*bold*`, `- item` -> `• item`, `# Title` -> `*Title*`, table rows -> lines."""
    lines = markdown.splitlines()
    out: list[str] = []
    for i, raw in enumerate(lines):
        if _TABLE_RULE.match(raw) and "|" in raw:
            continue
        line = escape(raw.rstrip())
        if line.lstrip().startswith("|"):
            header = i + 1 < len(lines) and bool(_TABLE_RULE.match(lines[i + 1]))
            out.append(_table_row(line, header))
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append("*" + _BOLD.sub(r"\1", heading.group(1)) + "*")
            continue
        line = _BULLET.sub(lambda m: f"{m.group(1)}• ", line)
        out.append(_BOLD.sub(r"*\1*", line))
    return "\n".join(out).strip()


def _table_row(line: str, header: bool) -> str:
    cells = [_BOLD.sub(r"\1", c.strip()) for c in line.strip().strip("|").split("|")]
    kept = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
    return f"*{' · '.join(kept)}*" if header else "• " + " · ".join(kept)


def split(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at the largest boundary that fits."""
    return [piece for piece in _split(text.strip(), limit, 0) if piece.strip()]


def _split(text: str, limit: int, level: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    if level == len(_SEPARATORS):          # one "word" longer than a section: no boundary left
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    sep = _SEPARATORS[level]
    chunks: list[str] = []
    current = ""
    for part in text.split(sep):
        if len(part) > limit:
            chunks.extend([current] if current else [])
            chunks.extend(_split(part, limit, level + 1))
            current = ""
            continue
        joined = f"{current}{sep}{part}" if current else part
        if len(joined) <= limit:
            current = joined
        else:
            chunks.append(current)
            current = part
    if current:
        chunks.append(current)
    return chunks


def label(text: str, limit: int = LABEL_LIMIT) -> str:
    """A button label within `limit`: whole words and an ellipsis when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def from_slack(text: str, bot_user: str | None) -> str:
    """A user's Slack message as the words they typed: our own mention dropped, other
    mentions and links as their visible names, entities unescaped."""
    def reference(m: re.Match[str]) -> str:
        kind, ident, shown = m.group(1), m.group(2), m.group(3)
        if kind == "@" and ident == bot_user:
            return " "
        if kind == "!":
            return " "
        return {"@": "@", "#": "#"}[kind] + (shown or ident)

    text = _SLACK_REF.sub(reference, text)
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = " ".join(text.split())
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
