"""Reading the numbers people type when the advisor asks "how many" or "how much".

Answers arrive as chat ("about 45", "$40-60/hour", "a couple of hours", "5k a month",
"three a quarter"), so the parser looks for every quantity with what it measures (its
unit: hours, people, outages), its period ("a month") and its currency, instead of
demanding a bare number. It never decides what a number means: the caller knows the
question, and `bot.measures` converts units and periods with the caller's assumptions.
Input is cut to MAX_CHARS so a pasted novel stays cheap, and every loop is bounded, so
no text can make parsing slow or raise.

This module is the public face; the vocabulary lives in `english` (unit ids
in `_number_units`), the tokenizer in `_number_tokens`, bare amounts in `_number_amounts`,
hedges in `_number_grammar` and ranges, periods and units in `_number_tails`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ._number_amounts import Draft
from ._number_grammar import drafts
from ._number_tokens import MAX_CHARS, normalise, rewritten, tokens_of
from .english import YES_NO

__all__ = ["MAX_CHARS", "Quantity", "format_money", "format_number", "parse_quantities",
           "parse_quantity", "parse_yes_no"]


@dataclass(frozen=True)
class Quantity:
    """A number or range as typed; high is math.inf for open ranges like "200+".

    unit is what it measures: a length of time ("minute" ... "year", "half_day" for a
    morning or an afternoon), "person" or "event"; None for a bare number. per is the
    period it is per ("hour" ... "year"); each what else it is per ("person", "incident").
    implied marks "weekly" or "every month" said without a number (once a week, a month).
    said is the text it was read from, and gap the words between it and the reading
    before, so "1 hour 30 minutes" and "45 minutes to an hour" can be joined.
    """

    low: float
    high: float
    approx: bool = False
    currency: str | None = None
    per: str | None = None
    unit: str | None = None
    each: str | None = None
    implied: bool = False
    said: str = field(default="", compare=False)
    gap: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high) or math.isinf(self.low):
            raise ValueError("a quantity needs a finite low and a high that is a number")
        if self.low > self.high:
            raise ValueError("a quantity's low must not exceed its high")

    @property
    def value(self) -> float:
        """One figure to calculate with: the midpoint, or the floor of an open range."""
        return self.low if math.isinf(self.high) else (self.low + self.high) / 2

    @property
    def ranged(self) -> bool:
        """Whether the figure is a range (its value then the middle, or the floor)."""
        return self.low != self.high


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in the order typed."""
    return list(_parse(text))


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Quantity, ...]:
    """Memoised: a message is read for several factors, each looking at the same windows."""
    norm = rewritten(text)
    tokens = tokens_of(norm.text)
    found, last = [], 0
    for draft, first, end in drafts(tokens):
        start, stop = tokens[first].start, tokens[end - 1].end
        found.append(_finish(draft, norm.quote(start, stop).strip(),
                             norm.between(last, start).strip()))
        last = stop
    return tuple(found)


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity given with a number (not "weekly" alone): people answer the
    question before they explain the answer."""
    return next((q for q in parse_quantities(text) if not q.implied), None)


def _finish(draft: Draft, said: str, gap: str) -> Quantity:
    """ "over 200" is 200 to infinity and "under 5" is 0 to 5: bounds become open ends."""
    low, high = draft.low, draft.high
    if draft.bound == "over":
        high = math.inf
    elif draft.bound == "under":
        low = 0.0
    return Quantity(low, high, draft.approx, draft.currency, draft.per, draft.unit, draft.each,
                    draft.implied, said, gap)


# Yes / no / unsure.

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_Hit = tuple[int, int, str]


def parse_yes_no(text: str) -> str | None:
    """ "yes" | "no" | "unsure", or None when the text does not answer a yes/no question.

    The earliest phrase wins, and among phrases overlapping it the one reaching furthest, so
    negation and doubt beat the word they contain: "not really" is no, "no idea" is unsure.
    """
    norm = normalise(text)
    if norm.strip() and not norm.strip().strip("?"):
        return "unsure"
    hits = _yes_no_hits(_WORD.findall(norm))
    return _widest_first(hits)[2] if hits else None


def _yes_no_hits(words: list[str]) -> list[_Hit]:
    """(start, end, label) of every yes/no phrase, by start and then longest first."""
    return [(i, i + n, label) for i in range(len(words)) for n in (4, 3, 2, 1)
            if i + n <= len(words) and (label := YES_NO.get(tuple(words[i:i + n])))]


def _widest_first(hits: list[_Hit]) -> _Hit:
    """The first hit, widened to any overlapping hit that reaches further."""
    best = hits[0]
    for start, end, label in hits[1:]:
        if start >= best[1]:
            break
        if end > best[1]:
            best = (start, end, label)
    return best


# Writing numbers back into replies.

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_number(value: float) -> str:
    """Thousands separators, at most two decimals, and no ".0" on whole numbers."""
    if not math.isfinite(value):
        raise ValueError("only finite numbers can be formatted")
    rounded = round(value, 2)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0")


def format_money(value: float, currency: str | None) -> str:
    """$, € and £ lead the figure, other codes follow it; cents only when there are any."""
    if not math.isfinite(value):
        raise ValueError("only finite amounts can be formatted")
    amount = round(abs(value), 2)
    digits = f"{int(amount):,}" if amount == int(amount) else f"{amount:,.2f}"
    sign = "-" if value < 0 and amount else ""
    code = (currency or "").upper()
    if code in _SYMBOLS:
        return f"{sign}{_SYMBOLS[code]}{digits}"
    return f"{sign}{digits} {code}" if code else sign + digits
