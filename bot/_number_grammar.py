"""Reading a quantity around an amount: hedges, bounds and what to skip past.

A quantity is assembled as a Draft: lead words before the amount ("about", "$", "over"),
then tail steps after it ("-60", "/hour", "or so", "every 2 weeks", "hours"). Every step
either consumes tokens or returns None, and each run of steps is capped at _MAX_STEPS,
so no text can make reading slow. Ranges, rates and units are in `_number_tails`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from ._number_amounts import Draft, Span, amount
from ._number_tails import (
    currency_step,
    every_step,
    implied_period,
    or_range_step,
    per_step,
    range_step,
    unit_step,
)
from ._number_tokens import Tokens, is_kind, match, text_at
from .english import ADDONS, CURRENCY, CURRENCY_PREFIX, LEAD, PER_WORDS, SECOND_THOUGHTS, STOP, TAIL

_MAX_STEPS = 12

_Read = tuple[Draft, int]
_Step = Callable[[Tokens, int, Draft], "_Read | None"]


def drafts(tokens: Tokens) -> Iterator[tuple[Draft, int, int]]:
    """Every quantity in the tokens, in order, with the tokens it spans; a token that
    starts none is skipped."""
    k = 0
    while k < len(tokens):
        hit = _quantity_at(tokens, k)
        if hit is None:
            k += 1
            continue
        end = max(hit[1], k + 1)
        yield hit[0], k, end
        k = end


def _quantity_at(tokens: Tokens, k: int) -> _Read | None:
    """Lead words, an amount, tail words; "every other week" alone stands for once, and
    "weekly" for once a week."""
    lead, k = _repeat(_lead_step, tokens, k, Draft(0.0, 0.0))
    hit = amount(tokens, k)
    if hit is None and text_at(tokens, k) == "every" and every_step(tokens, k, lead):
        hit = Span(1.0, 1.0), k
    if hit is None:
        implied = implied_period(tokens, k, lead)
        if implied is None:
            return None
        return _repeat(_tail_step, tokens, implied[1], implied[0])
    span, k = hit
    draft = replace(lead, low=span.low, high=span.high, approx=lead.approx or span.approx,
                    scale=span.scale, unit=span.unit, implied=span.implied)
    return (draft, k) if span.implied else _repeat(_tail_step, tokens, k, draft)


def _repeat(step: _Step, tokens: Tokens, k: int, draft: Draft) -> _Read:
    """Apply step until it reads nothing, at most _MAX_STEPS times so parsing stays cheap."""
    for _ in range(_MAX_STEPS):
        hit = step(tokens, k, draft)
        if hit is None:
            break
        draft, k = hit
    return draft, k


def _first(steps: tuple[_Step, ...], tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """The first step that reads something at k; their order settles overlapping readings."""
    for step in steps:
        hit = step(tokens, k, draft)
        if hit is not None:
            return hit
    return None


def _lead_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """One word before the amount: a currency symbol, a hedge, a bound or "between"."""
    currency = CURRENCY_PREFIX.get(text_at(tokens, k))
    if currency and draft.currency is None:
        return replace(draft, currency=currency), k + 1
    hit = match(tokens, k, LEAD)
    if hit is None:
        return None
    action, k = hit
    if action in ("over", "under"):
        return replace(draft, bound=action), k
    return replace(draft, approx=draft.approx or action == "approx",
                   between=draft.between or action == "between"), k


def _tail_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """One reading after the amount; only when none fits may a noun or comma be skipped."""
    steps = (_after_step, every_step, range_step, currency_step, unit_step, per_step)
    return _first(steps, tokens, k, draft) or _skipping_step(tokens, k, draft)


def _skipping_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """Look past a noun or two ("4 sites a month", "5 laptops or so") or a comma ("40, or so")."""
    if text_at(tokens, k) == ",":
        return _comma_step(tokens, k, draft)
    for size in (1, 2):
        if not all(_is_noun(tokens, i) for i in range(k, k + size)):
            return None
        hit = _first((_after_step, every_step, per_step, or_range_step), tokens, k + size, draft)
        if hit is not None:
            return hit
    return None


def _comma_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "40, or so" keeps its hedge; "40, 50" is two numbers, not a range."""
    hedge = match(tokens, k + 1, TAIL)
    if hedge and hedge[0] in ("approx", "give"):
        return _after_step(tokens, k + 1, draft)
    return _second_thought(tokens, k + 1, draft)


def _second_thought(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "an hour, maybe two" or "twice a year, or three times": a hedged second figure of
    the same kind is the other end of a range; anything else stays a reading of its own."""
    j = k + 1 if text_at(tokens, k) == "or" else k
    if j == k and text_at(tokens, k) not in SECOND_THOUGHTS:
        return None
    if draft.ranged or draft.bound or draft.implied:
        return None
    hit = _quantity_at(tokens, j)
    if hit is None or not _same_kind(draft, hit[0]):
        return None
    other, end = hit
    return replace(draft, low=min(draft.low, other.low), high=max(draft.high, other.high),
                   approx=True, ranged=True), end


def _same_kind(draft: Draft, other: Draft) -> bool:
    """Whether a second figure could be the same one said again: nothing it says differs."""
    pairs = ((draft.unit, other.unit), (draft.per, other.per), (draft.each, other.each),
             (draft.currency, other.currency))
    return not (other.bound or other.ranged or other.implied) and all(
        b is None or a == b for a, b in pairs)


def _is_noun(tokens: Tokens, k: int) -> bool:
    """A word the tail may skip: not a joiner, rate, currency or number of its own."""
    if not is_kind(tokens, k, "word") or len(tokens[k].text) < 2:
        return False
    word = tokens[k].text
    if word in STOP or word in PER_WORDS or word in CURRENCY:
        return False
    return amount(tokens, k) is None


# Hedges and bounds after the amount.

def _after_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """A hedge or bound after the amount; "40 plus vat" is an add-on, not "40 or more"."""
    hit = match(tokens, k, TAIL)
    if hit is None:
        return None
    action, k = hit
    if action in ("over", "under"):
        if draft.bound or text_at(tokens, k) in ADDONS:
            return None
        return replace(draft, bound=action), k
    if action == "give":
        return _give_or_take(tokens, k, draft)
    if action == "half":
        return replace(draft, low=draft.low + 0.5, high=draft.high + 0.5), k
    return replace(draft, approx=True), k


def _give_or_take(tokens: Tokens, k: int, draft: Draft) -> _Read:
    """ "40k give or take 5" means 35k-45k: the margin borrows the scale when that fits."""
    hit = amount(tokens, k)
    if hit is None or draft.ranged or draft.bound:
        return replace(draft, approx=True), k
    margin, k = hit[0].high, hit[1]
    if hit[0].scale == 1.0 and margin * draft.scale <= draft.low:
        margin *= draft.scale
    return replace(draft, low=max(0.0, draft.low - margin), high=draft.high + margin,
                   approx=True, ranged=True), k
