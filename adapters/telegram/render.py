"""Turns into Telegram messages: HTML text cut to size, options as inline keyboards.

Telegram's HTML mode fails a whole message on one stray '<' or '&', and knowledge
and users both produce those; so every piece of text is escaped first and only the
core's two Markdown-ish marks (`**bold**`, `- ` bullets) become markup. A message
holds at most 4,096 characters, so long answers are cut where a reader would pause.
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import Option, Reply, Turn, short_option_id

LIMIT = 4096
SUMMARY = "!summary"   # not an option id: the core's ids never start with '!'
DONE = "!done"         # the inert button left where a pressed keyboard was
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_OPEN, _CLOSE = "<b>", "</b>"
_SEPARATORS = ("\n\n", "\n", " ")


@dataclass(frozen=True)
class Outgoing:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


def to_html(text: str) -> str:
    """The core's Markdown-ish text as Telegram HTML, with everything else escaped."""
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        if line.startswith("- "):
            escaped = "• " + escaped[2:]
        lines.append(_BOLD.sub(r"<b>\1</b>", escaped))
    return "\n".join(lines)


def size(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = LIMIT) -> list[str]:
    """Pieces of at most `limit`, cut at paragraphs, then lines, then words; a bold span
    that a cut crosses is closed before it and reopened after, so no piece breaks a tag."""
    if size(text) <= limit:
        return [text]
    budget = limit - len(_OPEN) - len(_CLOSE)
    pieces = [p for p in _pack(text, _SEPARATORS, budget) if p.strip()]
    return _rebalance(pieces)


def _pack(text: str, separators: Sequence[str], limit: int) -> list[str]:
    if size(text) <= limit:
        return [text]
    if not separators:
        return _hard_cut(text, limit)
    sep, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for part in text.split(sep):
        for piece in _pack(part, finer, limit):
            joined = current + sep + piece if current else piece
            if size(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    chunks.append(current)
    return chunks


def _hard_cut(word: str, limit: int) -> list[str]:
    """A 'word' longer than a message: cut it, but never inside a tag or an entity."""
    out: list[str] = []
    while size(word) > limit:
        end = limit
        while size(word[:end]) > limit:
            end -= 1
        head = word[:end]
        opened = max(head.rfind("&"), head.rfind("<"))
        if opened > 0 and max(head.rfind(";"), head.rfind(">")) < opened:
            end = opened
        out.append(word[:end])
        word = word[end:]
    return [*out, word]


def _rebalance(pieces: list[str]) -> list[str]:
    out: list[str] = []
    carried = False
    for piece in pieces:
        if carried:
            piece = _OPEN + piece
        carried = piece.count(_OPEN) > piece.count(_CLOSE)
        out.append(piece + _CLOSE if carried else piece)
    return out


def keyboard(options: Sequence[Option], extra: Sequence[tuple[str, str]] = ()) -> InlineKeyboardMarkup | None:
    """One button a row (labels are phrases); callback_data always fits Telegram's 64 bytes."""
    rows = [[InlineKeyboardButton(o.label, callback_data=short_option_id(o.id))] for o in options]
    rows += [[InlineKeyboardButton(label, callback_data=data)] for label, data in extra]
    return InlineKeyboardMarkup(rows) if rows else None


def chosen(label: str, texts: Mapping[str, str]) -> InlineKeyboardMarkup:
    """What a pressed keyboard becomes: one inert button saying what was picked."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts["chosen"].format(label=label),
                                                       callback_data=DONE)]])


def render_turn(turn: Turn, texts: Mapping[str, str]) -> list[Outgoing]:
    """Each reply as one or more messages, its buttons under the last; a recommendation
    gets its fit score and a button to download the summary."""
    replies = list(turn.replies)
    at, extra = -1, []
    if turn.recommendation and replies:
        at = max((i for i, r in enumerate(replies) if r.options), default=len(replies) - 1)
        text = replies[at].text + "\n\n" + fit_score(turn.recommendation, texts)
        replies[at] = Reply(text, replies[at].options)
        extra = [(texts["download_summary"], SUMMARY)] if turn.summary else []
    out: list[Outgoing] = []
    for i, reply in enumerate(replies):
        markup = keyboard(reply.options, extra if i == at else ())
        text = reply.text if reply.text.strip() else (texts["pick_one"] if markup else "")
        if not text.strip():
            continue
        pieces = split_html(to_html(text))
        out += [Outgoing(p) for p in pieces[:-1]]
        out.append(Outgoing(pieces[-1], markup))
    return out


def fit_score(recommendation: Mapping[str, Any], texts: Mapping[str, str]) -> str:
    """The top pick's score (and the runner-up's), which the core's sentences leave out."""
    ranking = recommendation.get("ranking") or []
    top = next((r for r in ranking if r.get("model") == recommendation.get("top")), ranking[0] if ranking else {})
    score = f"{float(top.get('score', 0.0)):.2f}"
    name = top.get("name", top.get("model", ""))
    runner = recommendation.get("runner_up")
    if isinstance(runner, dict) and "score" in runner:
        return texts["fit_score"].format(name=name, score=score, runner_up=f"{float(runner['score']):.2f}",
                                         runner_up_name=runner.get("name", runner.get("model", "")))
    return texts["fit_score_alone"].format(name=name, score=score)
