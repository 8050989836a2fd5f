"""Reading a quantity around an amount: hedges, bounds, ranges, currencies and rates.

A quantity is assembled as a Draft: lead words before the amount ("about", "$", "over"),
then tail steps after it ("-60", "/hour", "or so", "every 2 weeks"). Every step either
consumes tokens or returns None, and each run of steps is capped at _MAX_STEPS, so no
text can make reading slow.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from ._number_amounts import Span, amount
from ._number_tokens import Tokens, is_kind, match, text_at
from ._number_words import (
    ADDONS,
    CURRENCY,
    CURRENCY_PREFIX,
    LEAD,
    NOT_AFTER_ARTICLE,
    PER_INTROS,
    PER_UNITS,
    PER_WORDS,
    SLASH_UNITS,
    STOP,
    TAIL,
    TIME_UNITS,
)

_MAX_STEPS = 12


@dataclass(frozen=True)
class Draft(Span):
    """A quantity being assembled from the words around a number; bound is still a word."""

    currency: str | None = None
    per: str | None = None
    bound: str | None = None
    between: bool = False
    ranged: bool = False


_Read = tuple[Draft, int]
_Step = Callable[[Tokens, int, Draft], "_Read | None"]


def drafts(tokens: Tokens) -> Iterator[Draft]:
    """Every quantity in the tokens, in order; a token that starts none is skipped."""
    k = 0
    while k < len(tokens):
        hit = _quantity_at(tokens, k)
        if hit is None:
            k += 1
            continue
        yield hit[0]
        k = max(hit[1], k + 1)


def _quantity_at(tokens: Tokens, k: int) -> _Read | None:
    """Lead words, an amount, tail words; "every other week" alone stands for once."""
    lead, k = _repeat(_lead_step, tokens, k, Draft(0.0, 0.0))
    hit = amount(tokens, k)
    if hit is None and text_at(tokens, k) == "every" and _every_step(tokens, k, lead):
        hit = Span(1.0, 1.0), k
    if hit is None:
        return None
    span, k = hit
    draft = replace(lead, low=span.low, high=span.high, approx=lead.approx or span.approx,
                    scale=span.scale)
    return _repeat(_tail_step, tokens, k, draft)


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
    steps = (_after_step, _every_step, _range_step, _currency_step, _per_step)
    return _first(steps, tokens, k, draft) or _skipping_step(tokens, k, draft)


def _skipping_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """Look past a noun or two ("4 hours a month", "5 people or so") or a comma ("40, or so")."""
    if text_at(tokens, k) == ",":
        return _comma_step(tokens, k, draft)
    for size in (1, 2):
        if not all(_is_noun(tokens, i) for i in range(k, k + size)):
            return None
        hit = _first((_after_step, _every_step, _per_step, _or_range_step), tokens, k + size,
                     draft)
        if hit is not None:
            return hit
    return None


def _comma_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "40, or so" keeps its hedge; "40, 50" is two numbers, not a range."""
    hedge = match(tokens, k + 1, TAIL)
    if hedge and hedge[0] in ("approx", "give"):
        return _after_step(tokens, k + 1, draft)
    return None


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


# Ranges: "10-20k", "$40 to $60", "between 5 and 10", "every 2-3 weeks".

def _every_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "once every 2 months" is half a time a month; "every other week" is every 2 weeks."""
    if text_at(tokens, k) != "every" or draft.per:
        return None
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
    gap, end = _range_step(tokens, end, gap) or (gap, end)
    return gap, (end + 1 if text_at(tokens, end) == "of" else end)


def _range_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """A joiner and a second amount; "and" joins only after "between", so "5 and 6" is two."""
    joiner = text_at(tokens, k)
    if draft.ranged or draft.bound:
        return None
    if joiner in ("-", "to", "or") or (joiner == "and" and draft.between):
        return _range_end(tokens, k + 1, draft)
    return None


def _or_range_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """Past a skipped noun only "or" joins: "5 people or 6" is 5-6, "5 people to 6" is two."""
    return _range_step(tokens, k, draft) if text_at(tokens, k) == "or" else None


def _range_end(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """The second half of "10-20k" or "$40-$60"; "9-5" and other backward pairs are not ranges."""
    currency = CURRENCY_PREFIX.get(text_at(tokens, k))
    hit = amount(tokens, k + 1 if currency else k)
    if hit is None or (currency and draft.currency not in (None, currency)):
        return None
    second, k = hit
    low = draft.low
    if draft.scale == 1.0 and second.scale > 1.0 and draft.high * second.scale <= second.high:
        low *= second.scale
    if low > second.high:
        return None
    return replace(draft, low=low, high=second.high, approx=draft.approx or second.approx,
                   currency=draft.currency or currency, ranged=True), k


# Currencies and rates after the amount.

def _currency_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "40 dollars" or "40€"; but in "40 $50" the $ belongs to the 50."""
    currency = CURRENCY.get(text_at(tokens, k))
    if currency is None or draft.currency not in (None, currency):
        return None
    if tokens[k].kind == "sym" and is_kind(tokens, k + 1, "num"):
        return None
    return replace(draft, currency=currency), k + 1


def _per_step(tokens: Tokens, k: int, draft: Draft) -> _Read | None:
    """ "per user per month" keeps "person": it changes the total more than the period does."""
    start = k + 1 if text_at(tokens, k) in ("times", "x") else k
    unit, k = _per_unit(tokens, start)
    if unit is None:
        return None
    return replace(draft, per=unit if draft.per is None or unit == "person" else draft.per), k


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
