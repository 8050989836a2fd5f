"""Cleaning raw user text before anything reads it.

Chat platforms deliver whatever people paste: escape sequences, control
characters, megabytes of log output. We keep the readable part, cap its length,
and report whether anything was cut so the reply can say so (never echoing it).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 2000
_OPTION_NUMBER = re.compile(r"[0-9]{1,2}")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
_QUESTION_WORDS = frozenset(
    "what how why which who when where is are can could does do should would will "
    "explain tell compare whats hows difference".split())


@dataclass(frozen=True)
class Cleaned:
    text: str
    truncated: bool


def clean(raw: str) -> Cleaned:
    truncated = len(raw) > MAX_CHARS
    text = _ANSI.sub(" ", raw[: MAX_CHARS * 2])
    text = "".join(" " if _is_control(c) else c for c in text)
    # runs of spaces become one, but a line break stays: in chat it often ends a sentence
    text = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    if len(text) > MAX_CHARS:
        text, truncated = text[:MAX_CHARS], True
    return Cleaned(text, truncated)


def _is_control(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c not in "\n\t"


def looks_like_question(text: str) -> bool:
    words = text.lower().split()
    return text.rstrip().endswith("?") or bool(words and words[0].strip(",.!") in _QUESTION_WORDS)


def option_number(text: str) -> int | None:
    """A bare "2" or "2." typed in reply to numbered buttons."""
    stripped = text.strip().rstrip(".)")
    return int(stripped) if _OPTION_NUMBER.fullmatch(stripped) else None
