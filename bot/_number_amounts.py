"""Reading the bare amount at a token: digits, English number words or a stock phrase.

An amount is only the number ("twenty five", "10k", "a few"); the hedges, bounds,
currencies and rates around it are the grammar's business. Each reader returns None
rather than guessing, so the grammar can try the next position.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ._number_tokens import Tokens, is_kind, match, text_at
from ._number_units import TIME_UNITS
from .english import (
    CLOCK,
    COUNTED,
    LEAD,
    MODIFIERS,
    MULTIPLIERS,
    NEVER,
    NOT_AFTER_ARTICLE,
    PER_UNITS,
    PHRASES,
    SCALES,
    TEENS,
    TENS,
    UNIT_PHRASES,
    UNITS,
)


@dataclass(frozen=True)
class Span:
    """A bare number; scale lets "10-20k" lend the k of the 20 to the 10. A stock phrase
    may bring its unit along: "all afternoon", "twice"."""

    low: float
    high: float
    approx: bool = False
    scale: float = 1.0
    unit: str | None = None
    implied: bool = False


@dataclass(frozen=True)
class Draft(Span):
    """A quantity being assembled from the words around a number; bound is still a word."""

    currency: str | None = None
    per: str | None = None
    each: str | None = None
    bound: str | None = None
    between: bool = False
    ranged: bool = False


Found = tuple[Span, int]


def amount(tokens: Tokens, k: int) -> Found | None:
    """The amount starting at k and the position after it; never a clock time like "9 am"."""
    core = (_phrase_amount(tokens, k) or _word_amount(tokens, k) or _digit_amount(tokens, k)
            or _article_amount(tokens, k))
    if core is None:
        return None
    span, k = _multiplied(tokens, *core)
    return None if text_at(tokens, k) in CLOCK else (span, k)


def _phrase_amount(tokens: Tokens, k: int) -> Found | None:
    """Stock phrases: "a couple" is 2, "a few" is 2-4 and approximate, "a full day" is a day."""
    timed = match(tokens, k, UNIT_PHRASES)
    if timed is not None:
        (low, high, approx, unit), end = timed
        return Span(low, high, approx, unit=unit), end
    if text_at(tokens, k) == NEVER:
        return _never(tokens, k)
    counted = match(tokens, k, COUNTED)
    if counted is not None:
        return Span(counted[0], counted[0], unit="event"), counted[1]
    hit = match(tokens, k, PHRASES)
    if hit is None:
        return None
    (low, high, approx), k = hit
    return Span(low, high, approx), k


def _never(tokens: Tokens, k: int) -> Found | None:
    """ "never" is no events; "never more than 3 hours" bounds the figure after it instead."""
    if match(tokens, k + 1, LEAD) or amount(tokens, k + 1):
        return None
    return Span(0.0, 0.0, unit="event", implied=True), k + 1


def _digit_amount(tokens: Tokens, k: int) -> Found | None:
    """A number token, keeping the scale of an attached "k" for ranges to borrow."""
    if not is_kind(tokens, k, "num"):
        return None
    return Span(tokens[k].value, tokens[k].value, scale=tokens[k].scale), k + 1


def _article_amount(tokens: Tokens, k: int) -> Found | None:
    """ "an hour or two" and "a good hour" hold a number; "a month ago" does not."""
    if text_at(tokens, k) not in ("a", "an"):
        return None
    j = k + 1
    while text_at(tokens, j) in MODIFIERS and j < k + 3:
        j += 1
    unit = text_at(tokens, j)
    if PER_UNITS.get(unit) not in TIME_UNITS or unit.endswith("s"):
        return None
    if text_at(tokens, j + 1) in NOT_AFTER_ARTICLE:
        return None
    return Span(1.0, 1.0), k + 1


def _scaled(span: Span, factor: float) -> Span:
    """The span times factor; its scale grows too, so a range end can borrow it."""
    return replace(span, low=span.low * factor, high=span.high * factor,
                   scale=span.scale * factor)


def _multiplied(tokens: Tokens, span: Span, k: int) -> Found:
    """Apply "k", "thousand", "dozen"... while each is bigger than the last."""
    last = max(span.scale, 1.0)
    while True:
        at = k + 1 if text_at(tokens, k) == "of" else k
        word = text_at(tokens, at)
        factor = MULTIPLIERS.get(word) or (MULTIPLIERS.get(word[:-1], 0.0) if at > k else 0.0)
        if factor <= last:
            return span, k
        span, k, last = _scaled(span, factor), at + 1, factor


# Number words: "two hundred and twenty", read left to right as English orders them.

_WORD_AFTER = {
    "unit": {"", "tens", "hundred", "scale", "and"}, "teen": {"", "hundred", "scale", "and"},
    "tens": {"", "hundred", "scale", "and"}, "hundred": {"", "unit", "teen", "article"},
    "scale": {"", "unit", "teen", "tens", "hundred", "article"}, "and": {"hundred", "scale"},
    "article": {""},
}


def _word_kind(tokens: Tokens, k: int) -> tuple[str, float]:
    """What part a word plays in a spelt number, and its value; ("", 0.0) for none."""
    word = text_at(tokens, k) if is_kind(tokens, k, "word") else ""
    for kind, table in (("unit", UNITS), ("teen", TEENS), ("tens", TENS), ("scale", SCALES)):
        if word in table:
            return kind, table[word]
    after = text_at(tokens, k + 1)
    if word == "hundred":
        return "hundred", 100.0
    if word == "and" and (after in UNITS or after in TEENS or after in TENS):
        return "and", 0.0
    if word in ("a", "an") and after in ("hundred", "dozen", "grand", *SCALES):
        return "article", 1.0
    return "", 0.0


@dataclass(frozen=True)
class _Tally:
    """Number words read so far: whole thousands and millions in total, the rest in group."""

    total: float = 0.0
    group: float = 0.0
    top: float = math.inf
    scales: int = 0
    last: str = ""

    def fits(self, kind: str, value: float) -> bool:
        """Number words chain only in English order: "twenty five", never "five twenty"."""
        if self.last not in _WORD_AFTER.get(kind, ()):
            return False
        return not (kind == "scale" and value >= self.top) and not (
            kind == "hundred" and self.group >= 20)

    def add(self, kind: str, value: float) -> _Tally:
        """The tally with one more word: a scale closes the group, "hundred" multiplies it."""
        if kind == "scale":
            return _Tally(self.total + max(self.group, 1.0) * value, 0.0, value,
                          self.scales + 1, kind)
        group = max(self.group, 1.0) * 100.0 if kind == "hundred" else self.group + value
        return replace(self, group=group, last=kind)

    def span(self) -> Span:
        """ "20 thousand" and "two hundred" lend their scale to a range's other end."""
        scale = self.top if self.last == "scale" and self.scales == 1 else 1.0
        if self.last == "hundred" and not self.total:
            scale = 100.0
        return Span(self.total + self.group, self.total + self.group, scale=scale)


def _word_amount(tokens: Tokens, k: int) -> Found | None:
    """English number words, "two hundred and twenty" style, up to the billions."""
    tally, start = _Tally(), k
    while True:
        kind, value = _word_kind(tokens, k)
        if not tally.fits(kind, value):
            break
        tally, k = tally.add(kind, value), k + 1
    return None if k == start else (tally.span(), k)
