"""Word-level text handling shared by the compiled cues and the answers read against them.

Cues and answers go through the same `words()` so a cue only has to be written once
in its plain form: "offices", "Office" and "office," all become `office`, and
articles are dropped ("a server" reads like "server"). Clause punctuation becomes a
`|` marker, so a "no" in one clause never negates the next.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from ..english import (
    ARTICLES,
    EMPHATIC,
    INFLECTIONS,
    PLURAL_SUFFIXES,
    SHORT_INFLECTIONS,
    STRESSED,
    UNCONTRACTED,
)
from ..normalize import fold

BOUNDARY = "|"
CLAUSES = re.compile(r"[,;:!?()\n]+|\.(?!\d)|\s[-\u2013\u2014]\s")


def stem(word: str) -> str:
    """A light plural strip; other endings are left to the inflection match."""
    for suffix, repl in PLURAL_SUFFIXES:
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) + len(repl) >= 3:
            return word[: -len(suffix)] + repl
    return word


def words(text: str) -> tuple[str, ...]:
    """Folded, stemmed words without articles, with `|` between clauses."""
    out: list[str] = []
    for clause in CLAUSES.split(text):
        plain = " ".join(UNCONTRACTED.get(t, t) for t in fold(clause).replace(".", " ").split())
        tokens = [stem(t) for t in _unstressed(plain.split()) if t not in ARTICLES]
        if tokens:
            if out:
                out.append(BOUNDARY)
            out.extend(tokens)
    return tuple(out)


def _unstressed(tokens: list[str]) -> list[str]:
    """The words without an emphatic auxiliary ("we do have" reads "we have"), so a
    spread-out cue ("we do it [ourselves]") cannot take the auxiliary for the verb and
    turn "we do have an IT person" into having nobody."""
    return [t for t, nxt in zip(tokens, [*tokens[1:], ""], strict=False)
            if not (t in EMPHATIC and nxt in STRESSED)]


def likeness(a: str, b: str, typo: float) -> float:
    """1 for the same word or an inflection (plan/planning), `typo` (factors.yaml
    `reading.evidence.typo`) for a likely typo, else 0."""
    kind = _kinship(a, b)
    return 1.0 if kind == 2 else typo if kind == 1 else 0.0


def same_word(a: str, b: str) -> bool:
    """The same word or an inflection of it (plan/planning), never a typo."""
    return _kinship(a, b) == 2


def alike(a: str, b: str) -> bool:
    """The same word, an inflection or a likely typo of it."""
    return _kinship(a, b) > 0


@lru_cache(maxsize=65536)
def _kinship(a: str, b: str) -> int:
    """2 for the same word or an inflection, 1 for a likely typo, else 0.
    Memoised: every answer is compared word by word with every cue of a factor."""
    if a == b:
        return 2
    if a == BOUNDARY or b == BOUNDARY or min(len(a), len(b)) < 3:
        return 0
    short, long_ = sorted((a, b), key=len)
    if _inflected(short, long_, INFLECTIONS if len(short) >= 4 else SHORT_INFLECTIONS):
        return 2
    return 1 if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85 else 0


def _inflected(short: str, long_: str, endings: frozenset[str]) -> bool:
    """long_ is short with an inflection added (plan/planning, manage/managed), not just
    a longer word that happens to start the same (shop/shopify)."""
    if short == long_:
        return True
    base = short[:-1] if short.endswith("e") and not long_.startswith(short) else short
    if not long_.startswith(base):
        return False
    rest = long_[len(base):]
    return rest in endings or (rest[:1] == base[-1:] and rest[1:] in endings)
