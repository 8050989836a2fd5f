"""Tail steps after an amount: ranges, "every 2 weeks", currencies, periods and units.

Each step reads a few tokens into the Draft or returns None, like the grammar's own
steps; they live here to keep each module about one thing. A unit says what the amount
measures ("3 hours", "12 of us"); a period what it is per ("a month", "/h"); "each" what
else it is per ("per user", "each time").
"""
from __future__ import annotations

from dataclasses import replace

from ._number_amounts import Draft, Span, amount
from ._number_tokens import Tokens, is_kind, text_at
from ._number_units import DURATIONS, TIME_UNITS
from .english import (
    CURRENCY,
    CURRENCY_PREFIX,
    DURATION_WORDS,
    IMPLIED_WORDS,
    MODIFIERS,
    NOT_AFTER_ARTICLE,
    PER_INTROS,
    PER_UNITS,
    PER_WORDS,
    PERIOD_WORDS,
    SLASH_UNITS,
    UNIT_WORDS,
)

_Read = tuple[Draft, int]


# Ranges: "10-20k", "$40 to $60", "between 5 and 10", "every 2-3 weeks".

def every_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "once every 2 months" is half a time a month; "every other week" is every 2 weeks."""
    if text_at(tokens, k) != "every" or draft.per or draft.unit in DURATIONS:
        return None     # "2 hours every week" is 2 hours each time, and once a week
    hit = _every_gap(tokens, k + 1)
    if hit is None:
        return None
    gap, end = hit
    per = PER_UNITS.get(text_at(tokens, end))
    if per not in TIME_UNITS or gap.low <= 0:
        return None
    return replace(draft, low=draft.low / gap.high, high=draft.high / gap.low, per=per,
                   approx=draft.approx or gap.approx), end + 1


def _every_gap(tokens: Tokens, k: int) -> _Read | None:
    """The "2" or "2-3" of "every 2-3 weeks", up to the unit; "other" counts as 2."""
    hit = (Span(2.0, 2.0), k + 1) if text_at(tokens, k) == "other" else amount(tokens, k)
    if hit is None:
        return None
    gap, end = Draft(hit[0].low, hit[0].high, hit[0].approx, scale=hit[0].scale), hit[1]
    gap, end = range_step(tokens, end, gap) or (gap, end)
    return gap, (end + 1 if text_at(tokens, end) == "of" else end)


def range_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """A joiner and a second amount; "and" joins only after "between", so "5 and 6" is two,
    and after a unit only "or" does: "5 people or 6" is 5-6, "10 people to 5" is two."""
    joiner = text_at(tokens, k)
    if draft.ranged or draft.bound or (draft.unit and joiner != "or"):
        return None
    if joiner in ("-", "to", "or") or (joiner == "and" and draft.between):
        return _range_end(tokens, k + 1, draft)
    return None


def or_range_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """Past a skipped noun only "or" joins: "5 sites or 6" is 5-6, "5 sites to 6" is two."""
    return range_step(tokens, k, draft) if text_at(tokens, k) == "or" else None


def _range_end(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """The second half of "10-20k" or "$40-$60"; "9-5", other backward pairs and pairs in
    two units ("an hour or 90 minutes") are not ranges."""
    currency = CURRENCY_PREFIX.get(text_at(tokens, k))
    hit = amount(tokens, k + 1 if currency else k)
    if hit is None or (currency and draft.currency not in (None, currency)):
        return None
    second, k = hit
    if draft.unit and (second.unit or DURATION_WORDS.get(text_at(tokens, k), draft.unit)) \
            != draft.unit:
        return None
    low = draft.low
    if draft.scale == 1.0 and second.scale > 1.0 and draft.high * second.scale <= second.high:
        low *= second.scale
    if low > second.high:
        return None
    return replace(draft, low=low, high=second.high, approx=draft.approx or second.approx,
                   currency=draft.currency or currency, ranged=True,
                   unit=draft.unit or second.unit), k


# Currencies, periods and units after the amount.

def currency_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "40 dollars" or "40€"; but in "40 $50" the $ belongs to the 50."""
    currency = CURRENCY.get(text_at(tokens, k))
    if currency is None or draft.currency not in (None, currency):
        return None
    if tokens[k].kind == "sym" and is_kind(tokens, k + 1, "num"):
        return None
    return replace(draft, currency=currency), k + 1


def per_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "per user per month" keeps both: the period, and what else it is per."""
    start = k + 1 if text_at(tokens, k) in ("times", "x") else k
    unit, k = _per_unit(tokens, start)
    if unit is None:
        return None
    if unit in TIME_UNITS:
        return replace(draft, per=draft.per or unit), k
    return replace(draft, each=draft.each or unit), k


def _per_unit(tokens: Tokens, k: int) -> tuple[str | None, int]:
    """The unit of "per hour", "/h", "a month" or "monthly", and the position after it."""
    intro, word = text_at(tokens, k), text_at(tokens, k + 1)
    if intro in PER_WORDS:
        return PER_WORDS[intro], k + 1
    if intro not in PER_INTROS:
        return None, k
    if intro in ("a", "an") and text_at(tokens, k + 2) in NOT_AFTER_ARTICLE:
        return None, k
    unit = PER_UNITS.get(word) or (SLASH_UNITS.get(word) if intro == "/" else None)
    return unit, k + 2


def unit_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """What the amount measures, right after it: "3 hours", "a couple of days", "2 full
    days", "4 person-hours", "12 of us", "3 outages"."""
    if draft.unit is not None:
        return None
    j = k + 1 if text_at(tokens, k) == "of" else k
    for _ in range(3):
        word = text_at(tokens, j)
        unit = UNIT_WORDS.get(word)
        if unit is not None and not _describes_time(tokens, j):
            return replace(draft, unit=unit), j + 1
        if word not in MODIFIERS:
            return None
        j += 1
    return None


def _describes_time(tokens: Tokens, j: int) -> bool:
    """In "person-hours" or "man days" the people word describes the time after it."""
    after = j + 2 if text_at(tokens, j + 1) == "-" else j + 1
    return UNIT_WORDS.get(text_at(tokens, j)) == "person" and text_at(tokens, after) in \
        DURATION_WORDS


def implied_period(tokens: Tokens, k: int, lead: Draft) -> _Read | None:
    """ "weekly" or "every month" said alone: once a week, once a month."""
    word = text_at(tokens, k)
    if word in IMPLIED_WORDS:
        per, end = IMPLIED_WORDS[word], k + 1
    elif word in ("every", "each") and text_at(tokens, k + 1) in PERIOD_WORDS:
        per, end = PERIOD_WORDS[text_at(tokens, k + 1)], k + 2
    else:
        return None
    return replace(lead, low=1.0, high=1.0, per=per, implied=True), end
