"""Find the number an answer gives for a factor ("about 45 staff", "2-3 sites").

A factor can name unit words; a number standing just before one of them is the one
meant ("3 offices and 40 staff" is 40 staff). Number words spread over several words
("two hundred and twenty people") are gathered by widening the window backwards
while the words added still read as part of the number.
"""
from __future__ import annotations

import re

from ..numbers import parse_quantity
from .model import Factor
from .text import BOUNDARY, likeness, words

FIRST_REACH = 3         # words back from a unit in which its number must start
MAX_REACH = 8           # widest window gathered for a number spelt in words
SHORT_ANSWER = 2        # a bare number counts for unit-only factors in answers this short
_CLAUSE_END = re.compile(r"[;:!?.]$|(?<!\d),$")
_JOINERS = frozenset({"and", "a", "-", "&"})


def factor_quantity(factor: Factor, text: str, toks: tuple[str, ...]) -> float | None:
    """The number `text` gives for `factor`, or None when it gives none that counts."""
    raw = text.split()
    if factor.units:
        for j, word in enumerate(raw):
            if _is_unit(word, factor.units):
                value = _before(raw, j)
                if value is not None:
                    return value
        plain = [t for t in toks if t != BOUNDARY]
        if not factor.bare_numbers and len(plain) > SHORT_ANSWER:
            return None
    q = parse_quantity(text)
    return q.value if q is not None else None


def _is_unit(word: str, units: tuple[str, ...]) -> bool:
    return any(likeness(u, w) == 1.0 for w in words(word) for u in units)


def _before(raw: list[str], j: int) -> float | None:
    """The number ending just before raw[j], widened over number words and joiners."""
    found = None
    for i in range(j - 1, max(j - 1 - MAX_REACH, -1), -1):
        if _CLAUSE_END.search(raw[i]):
            break
        q = parse_quantity(" ".join(raw[i:j + 1]))
        if found is None:
            if q is not None:
                found = q.value
            elif j - i >= FIRST_REACH:
                break
        elif raw[i].lower() in _JOINERS:
            continue
        elif parse_quantity(raw[i]) is not None and q is not None:
            found = q.value
        else:
            break
    return found
