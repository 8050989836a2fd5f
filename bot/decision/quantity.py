"""Find the number an answer gives for a factor ("about 45 staff", "2-3 sites").

A factor can name unit words; a number standing just before one of them is the one
meant ("3 offices and 40 staff" is 40 staff). Number words spread over several words
("two hundred and twenty people") are gathered by widening the window backwards
while the words added still read as part of the number. A vague amount beside a unit
("a handful of team leads") gives way to an explicit number elsewhere ("150 agents
plus a handful of team leads"), and spans of time or money ("30 years", "5k an hour",
"at 8am") and "no one" are never counts.
"""
from __future__ import annotations

import re

from ..english import NUMBER_JOINERS, SPELT, VAGUE_AMOUNTS
from ..numbers import parse_quantity
from .model import Factor
from .schema import Evidence
from .text import BOUNDARY, same_word, words

_FIGURE = re.compile(rf"\d|\b(?:{'|'.join((*SPELT, 'dozen', 'hundred', 'thousand'))})\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;:!?.]$|(?<!\d),$")
_NOT_COUNTS = re.compile(
    r"\b(?:no|not|this|that|which|each|every|any|another|a\s+\w+)[\s-]+one\b"
    r"|\bone(?=\s+(?:main|head|central)\b)"
    r"|[$£€]\s*\d[\d,.]*\s*[km]?\b"
    r"|\b\d[\d,.]*\s*(?:[km]|am|pm|%|percent)\b"
    r"|\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"twenty|thirty|few|couple of|several)\s+(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|"
    r"minutes?|mins?|seconds?|secs?|am|pm|percent|grand|thousand pounds|dollars|pounds|euros)\b",
    re.IGNORECASE)


def factor_quantity(factor: Factor, text: str, toks: tuple[str, ...],
                    ev: Evidence) -> tuple[float, bool] | None:
    """The number `text` gives for `factor` and whether it stood beside its unit, or None."""
    text = _NOT_COUNTS.sub(" ", text)
    raw = text.split()
    vague = None
    if factor.units:
        for j, word in enumerate(raw):
            if _is_unit(word, factor.units):
                value = _before(raw, j, ev)
                if value is None:
                    continue
                if not _is_vague(raw, j, ev):
                    return value, True
                vague = vague if vague is not None else value
        plain = [t for t in toks if t != BOUNDARY]
        if not factor.bare_numbers and len(plain) > ev.short_answer:
            return (vague, True) if vague is not None else None
    q = parse_quantity(text)
    if q is not None and not (vague is not None and _no_figure(text)):
        return q.value, False
    return (vague, True) if vague is not None else None


def _is_unit(word: str, units: tuple[str, ...]) -> bool:
    return any(same_word(u, w) for w in words(word) for u in units)


def _is_vague(raw: list[str], j: int, ev: Evidence) -> bool:
    """ "a handful of staff": the amount before the unit is a vague word, not a figure."""
    window = " ".join(raw[max(0, j - ev.first_reach):j]).lower()
    return any(w in VAGUE_AMOUNTS for w in re.findall(r"[a-z]+", window))


def _no_figure(text: str) -> bool:
    """True when the text gives no figure at all (digits or number words), only vague amounts."""
    return _FIGURE.search(text) is None


def _before(raw: list[str], j: int, ev: Evidence) -> float | None:
    """The number ending just before raw[j], widened over number words and joiners."""
    found = None
    for i in range(j - 1, max(j - 1 - ev.max_reach, -1), -1):
        if _CLAUSE_END.search(raw[i]):
            break
        q = parse_quantity(" ".join(raw[i:j + 1]))
        if found is None:
            if q is not None:
                found = q.value
            elif j - i >= ev.first_reach:
                break
        elif raw[i].lower() in NUMBER_JOINERS:
            continue
        elif parse_quantity(raw[i]) is not None and q is not None:
            found = q.value
        else:
            break
    return found
