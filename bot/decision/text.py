"""Word-level text handling shared by the compiled cues and the answers read against them.

Cues and answers go through the same `words()` so a cue only has to be written once
in its plain form: "offices", "Office" and "office," all become `office`, and
articles are dropped ("a server" reads like "server"). Clause punctuation becomes a
`|` marker, so a "no" in one clause never negates the next.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..normalize import fold

BOUNDARY = "|"
CLAUSES = re.compile(r"[,;:!?()\n]+|\.(?!\d)|\s[-\u2013\u2014]\s")
ARTICLES = frozenset({"a", "an", "the"})
TYPO = 0.8              # how much a word matched only as a typo counts
_SUFFIXES = (("ies", "y"), ("s", ""))


def stem(word: str) -> str:
    """A light plural strip; other endings are left to the inflection match."""
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def words(text: str) -> tuple[str, ...]:
    """Folded, stemmed words without articles, with `|` between clauses."""
    out: list[str] = []
    for clause in CLAUSES.split(text):
        tokens = [stem(t) for t in fold(clause).replace(".", " ").split() if t not in ARTICLES]
        if tokens:
            if out:
                out.append(BOUNDARY)
            out.extend(tokens)
    return tuple(out)


def likeness(a: str, b: str) -> float:
    """1 for the same word or an inflection (plan/planning), TYPO for a likely typo, else 0."""
    if a == b:
        return 1.0
    if a == BOUNDARY or b == BOUNDARY or min(len(a), len(b)) < 4:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(long_) - len(short) <= 3:
        return 1.0
    return TYPO if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85 else 0.0
