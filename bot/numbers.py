"""Reading the numbers people type when the advisor asks "how many" or "how much".

Answers arrive as chat ("about 45", "$40-60/hour", "a couple of hours", "5k a month"),
so the parser looks for the most salient quantity instead of demanding a bare number.
It never decides what a number means: the caller knows the question and re-asks when
nothing is found. Input is cut to MAX_CHARS so a pasted novel stays cheap, and every
loop is bounded, so no text can make parsing slow or raise.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

MAX_CHARS = 2000
_MAX_STEPS = 12


@dataclass(frozen=True)
class Quantity:
    """A number or range as typed; high is math.inf for open ranges like "200+"."""

    low: float
    high: float
    approx: bool = False
    currency: str | None = None
    per: str | None = None

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high) or math.isinf(self.low):
            raise ValueError("a quantity needs a finite low and a high that is a number")
        if self.low > self.high:
            raise ValueError("a quantity's low must not exceed its high")

    @property
    def value(self) -> float:
        """One figure to calculate with: the midpoint, or the floor of an open range."""
        return self.low if math.isinf(self.high) else (self.low + self.high) / 2


_T = TypeVar("_T")
_Phrases = dict[tuple[str, ...], _T]


def _table(spec: str, value: _T) -> _Phrases[_T]:
    """_Phrases are written "a few|close to" so the grammar reads like the words it matches."""
    return {tuple(p.split()): value for p in spec.split("|")}


def _words(spec: str) -> list[str]:
    return spec.split()


def _each(spec: str, value: str) -> dict[str, str]:
    return dict.fromkeys(_words(spec), value)


# Grammar: the words that make up numbers, hedges, bounds, currencies and rates.
_UNITS = {w: float(i) for i, w in enumerate(
    _words("one two three four five six seven eight nine"), 1)}
_TEENS = {w: float(i) for i, w in enumerate(_words(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"), 10)}
_TENS = {w: 10.0 * i for i, w in enumerate(
    _words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)} | {"fourty": 40.0}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MULTIPLIERS = {"hundred": 100.0, "dozen": 12.0, "k": 1e3, "grand": 1e3, "mil": 1e6, "mn": 1e6,
                "bn": 1e9, **_SCALES}
_ATTACHED = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "bn": 1e9}
_PHRASES: _Phrases[tuple[float, float, bool]] = {
    **_table("zero|none|nobody|no one|noone|nil", (0.0, 0.0, False)),
    **_table("once", (1.0, 1.0, False)), **_table("twice", (2.0, 2.0, False)),
    **_table("thrice", (3.0, 3.0, False)), **_table("a couple|couple", (2.0, 2.0, False)),
    **_table("half a|half an", (0.5, 0.5, False)), **_table("a few|few", (2.0, 4.0, True)),
    **_table("a handful|handful", (5.0, 5.0, True)), **_table("several", (3.0, 7.0, True)),
    **_table("tens", (20.0, 99.0, True)), **_table("dozens", (24.0, 99.0, True)),
    **_table("hundreds", (200.0, 999.0, True)), **_table("thousands", (2e3, 9999.0, True)),
    **_table("millions", (2e6, 9_999_999.0, True)),
}
_LEAD: _Phrases[str] = {
    **_table("about|around|roughly|approx|approximately|~|maybe|perhaps|probably|possibly|circa|"
             "ca|close to|nearly|almost|some|say|give or take|round about|roundabout|something "
             "like|in the region of|ballpark|estimated|est|guess", "approx"),
    **_table("over|above|more than|greater than|at least|upwards of|north of|in excess of|"
             "no less than|not less than|minimum of|a minimum of", "over"),
    **_table("under|below|less than|fewer than|up to|at most|no more than|not more than|"
             "maximum of|a maximum of|max of|at the most", "under"),
    **_table("just|slightly|well|only|a bit|a little|somewhat|from", "filler"),
    **_table("between", "between"),
}
_TAIL: _Phrases[str] = {
    **_table("ish|- ish|odd|- odd|or so|or thereabouts|more or less|approx|approximately|"
             "roughly|ballpark|or about", "approx"),
    **_table("give or take", "give"), **_table("and a half", "half"),
    **_table("+|plus|or more|or over|or above|and up|and above|and upwards|at least|minimum|"
             "or higher|and over|at minimum", "over"),
    **_table("or less|or fewer|or under|or below|tops|max|maximum|at most|at the most|"
             "or lower", "under"),
}
_CURRENCY_PREFIX = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"} | {
    code: code.upper() for code in _words("usd eur gbp jpy inr chf cad aud nzd sek nok dkk zar sgd "
                                         "hkd pln")}
_CURRENCY = _CURRENCY_PREFIX | _each("dollar dollars buck bucks", "USD") | _each(
    "euro euros", "EUR") | _each("pound pounds quid", "GBP") | _each("franc francs", "CHF") | {
    "yen": "JPY", "rupees": "INR"}
_PER_UNITS = (
    _each("hour hours hr hrs", "hour") | _each("day days", "day")
    | _each("week weeks wk wks", "week")
    | _each("month months mo mos mth mths", "month") | _each("year years yr yrs annum", "year")
    | _each("incident incidents call callout visit ticket outage time pop job fix repair issue "
            "event occurrence", "incident")
    | _each("person head user seat employee staff member", "person")
)
_SLASH_UNITS = {"h": "hour", "d": "day", "w": "week", "m": "month", "y": "year"}
_PER_WORDS = (
    _each("hourly ph", "hour") | _each("daily", "day") | _each("weekly pw", "week")
    | _each("monthly pcm", "month") | _each("yearly annually annual pa", "year")
)
_PER_INTROS = frozenset({"per", "/", "a", "an", "each", "every"})
_TIME_UNITS = frozenset({"hour", "day", "week", "month", "year"})
_NOT_AFTER_ARTICLE = frozenset({"ago", "later", "back", "before", "earlier", "since"})
_CLOCK = frozenset({"am", "pm", "o'clock", "oclock"})
_ADDONS = frozenset(_words("vat tax taxes gst hst expenses travel parts materials mileage"))
_STOP = frozenset(_words(
    "and or but to a an the of in on at for with by from per each every is was are were be been "
    "it its we i you they he she that this these those there here not no nor so than then if as "
    "about around over under when while"))

_REWRITES = (
    (re.compile(r"\+/-|±"), " give or take "), (re.compile(r"<=|≤"), " at most "),
    (re.compile(r">=|≥"), " at least "), (re.compile(r"<"), " under "),
    (re.compile(r">"), " over "), (re.compile(r"\bp\.a\.?"), " pa "),
    (re.compile(r"\bp/h\b"), " per hour "), (re.compile(r"\bp/m\b"), " per month "),
    (re.compile(r"\bapprox\."), " approx "), (re.compile(r"\b([ap])\.m\.?"), r"\1m"),
    (re.compile(r"\b(" + "|".join(_TENS) + r")-(" + "|".join(_UNITS) + r")\b"), r"\1 \2"),
)
_TRANSLATE = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "’": "'",
                            "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "≈": "~"})
# Junk first: long digit runs, dates, times, 24/7, versions, lists, ordinals and "office365"
# are not quantities. Thousands may be grouped by commas, spaces ("1 500") or, European
# style, dots ("1.500,50"); a comma before one or two digits is a decimal comma ("2,5").
_TOKEN = re.compile(
    r"(?P<junk>[0-9]{16,}|[0-9]+(?:[/:][0-9]+)+|24-7(?![0-9])|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|(?![1-9][0-9]{0,2}(?:\.[0-9]{3}){2,5}(?![0-9.]))[0-9]+(?:\.[0-9]+){2,}"
    r"|[0-9]+(?:,[0-9]{1,2}(?![0-9])){2,}|[0-9]+x[0-9]+"
    r"|[0-9]+(?:st|nd|rd|th|am|pm)(?![a-z])|[a-z]+[0-9][a-z0-9]*)"
    r"|(?P<num>(?P<eu>[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,5}(?![0-9])(?:,[0-9]{1,2}(?![0-9]))?)"
    r"|(?P<us>[0-9]{1,3}(?:,[0-9]{3}){1,5}(?![0-9])(?:\.[0-9]+)?)"
    r"|[0-9]{1,3}(?: [0-9]{3}){1,5}(?![0-9]| [0-9]|,[0-9]{3})(?:[.,][0-9]{1,2}(?![0-9]))?"
    r"|[0-9]{1,15}(?:\.[0-9]+|,[0-9]{1,2}(?![0-9,]))?|\.[0-9]+)"
    r"(?:(?P<mult>k|mm|mn|bn|m)(?![a-z]))?"
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)|(?P<sym>[$€£¥₹~+/%-])|(?P<brk>[^\s\w])"
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    value: float = 0.0
    scale: float = 1.0


@dataclass(frozen=True)
class _Span:
    """A bare number; scale lets "10-20k" lend the k of the 20 to the 10."""

    low: float
    high: float
    approx: bool = False
    scale: float = 1.0


@dataclass(frozen=True)
class _Draft:
    """A quantity being assembled from the words around a number."""

    low: float
    high: float
    approx: bool = False
    currency: str | None = None
    per: str | None = None
    bound: str | None = None
    between: bool = False
    ranged: bool = False
    scale: float = 1.0


_Tokens = list[_Tok]
_Step = Callable[[_Tokens, int, _Draft], "tuple[_Draft, int] | None"]


def _tokenize(text: str) -> _Tokens:
    norm = text[:MAX_CHARS].lower().translate(_TRANSLATE)
    for pattern, repl in _REWRITES:
        norm = pattern.sub(repl, norm)
    return [_token(m) for m in _TOKEN.finditer(norm)]


def _token(match: re.Match[str]) -> _Tok:
    if match.group("num") is None:
        return _Tok(match.lastgroup or "junk", match.group())
    digits = match.group("num")
    if match.group("eu") or match.group("us"):
        digits = digits.replace("." if match.group("eu") else ",", "")
    digits = digits.replace(" ", "").replace(",", ".")
    scale = _ATTACHED.get(match.group("mult") or "", 1.0)
    return _Tok("num", match.group(), round(float(digits) * scale, 6), scale)


def _text(tokens: _Tokens, k: int) -> str:
    return tokens[k].text if 0 <= k < len(tokens) else ""


def _match(tokens: _Tokens, k: int, table: _Phrases[_T]) -> tuple[_T, int] | None:
    """The longest phrase of the table starting at k, so "no more than" beats "more than"."""
    for size in (4, 3, 2, 1):
        key = tuple(_text(tokens, i) for i in range(k, k + size))
        if key in table:
            return table[key], k + size
    return None


def _scaled(span: _Span, factor: float) -> _Span:
    return _Span(span.low * factor, span.high * factor, span.approx, span.scale * factor)


# Amounts: the bare number at a position, in digits, words or stock phrases.

def _amount(tokens: _Tokens, k: int) -> tuple[_Span, int] | None:
    core = (_phrase_amount(tokens, k) or _word_amount(tokens, k) or _digit_amount(tokens, k)
            or _article_amount(tokens, k))
    if core is None:
        return None
    span, k = _multiplied(tokens, *core)
    return None if _text(tokens, k) in _CLOCK else (span, k)


def _phrase_amount(tokens: _Tokens, k: int) -> tuple[_Span, int] | None:
    hit = _match(tokens, k, _PHRASES)
    if hit is None:
        return None
    (low, high, approx), k = hit
    return _Span(low, high, approx), k


def _digit_amount(tokens: _Tokens, k: int) -> tuple[_Span, int] | None:
    if k >= len(tokens) or tokens[k].kind != "num":
        return None
    return _Span(tokens[k].value, tokens[k].value, scale=tokens[k].scale), k + 1


def _article_amount(tokens: _Tokens, k: int) -> tuple[_Span, int] | None:
    """ "an hour or two" holds a number; "a month ago" does not."""
    unit = _text(tokens, k + 1)
    if _text(tokens, k) not in ("a", "an") or _PER_UNITS.get(unit) not in _TIME_UNITS:
        return None
    if unit.endswith("s") or _text(tokens, k + 2) in _NOT_AFTER_ARTICLE:
        return None
    return _Span(1.0, 1.0), k + 1


def _multiplied(tokens: _Tokens, span: _Span, k: int) -> tuple[_Span, int]:
    """Apply "k", "thousand", "dozen"... while each is bigger than the last."""
    last = max(span.scale, 1.0)
    while True:
        at = k + 1 if _text(tokens, k) == "of" else k
        word = _text(tokens, at)
        factor = _MULTIPLIERS.get(word) or (_MULTIPLIERS.get(word[:-1], 0.0) if at > k else 0.0)
        if factor <= last:
            return span, k
        span, k, last = _scaled(span, factor), at + 1, factor


def _word_kind(tokens: _Tokens, k: int) -> tuple[str, float]:
    word = _text(tokens, k) if k < len(tokens) and tokens[k].kind == "word" else ""
    for kind, table in (("unit", _UNITS), ("teen", _TEENS), ("tens", _TENS), ("scale", _SCALES)):
        if word in table:
            return kind, table[word]
    after = _text(tokens, k + 1)
    if word == "hundred":
        return "hundred", 100.0
    if word == "and" and (after in _UNITS or after in _TEENS or after in _TENS):
        return "and", 0.0
    if word in ("a", "an") and after in ("hundred", "dozen", "grand", *_SCALES):
        return "article", 1.0
    return "", 0.0


_WORD_AFTER = {
    "unit": {"", "tens", "hundred", "scale", "and"}, "teen": {"", "hundred", "scale", "and"},
    "tens": {"", "hundred", "scale", "and"}, "hundred": {"", "unit", "teen", "article"},
    "scale": {"", "unit", "teen", "tens", "hundred", "article"}, "and": {"hundred", "scale"},
    "article": {""},
}


def _word_fits(kind: str, value: float, last: str, group: float, top: float) -> bool:
    """Number words chain only in English order: "twenty five", never "five twenty"."""
    if last not in _WORD_AFTER.get(kind, ()):
        return False
    return not (kind == "scale" and value >= top) and not (kind == "hundred" and group >= 20)


def _word_amount(tokens: _Tokens, k: int) -> tuple[_Span, int] | None:
    """English number words, "two hundred and twenty" style, up to the billions."""
    total, group, last, top, start, scales = 0.0, 0.0, "", math.inf, k, 0
    while True:
        kind, value = _word_kind(tokens, k)
        if not _word_fits(kind, value, last, group, top):
            break
        if kind == "scale":
            total, group, top, scales = total + max(group, 1.0) * value, 0.0, value, scales + 1
        elif kind == "hundred":
            group = max(group, 1.0) * 100.0
        else:
            group += value
        last, k = kind, k + 1
    if k == start:
        return None
    scale = top if last == "scale" and scales == 1 else 1.0
    if last == "hundred" and not total:
        scale = 100.0
    return _Span(total + group, total + group, scale=scale), k


# Quantities: an amount with the hedges, bounds and currency before it and the rest after it.

def _quantity_at(tokens: _Tokens, k: int) -> tuple[Quantity, int] | None:
    lead, k = _repeat(_lead_step, tokens, k, _Draft(0.0, 0.0))
    hit = _amount(tokens, k)
    if hit is None and _text(tokens, k) == "every" and _every_step(tokens, k, lead):
        hit = _Span(1.0, 1.0), k
    if hit is None:
        return None
    span, k = hit
    draft = replace(lead, low=span.low, high=span.high, approx=lead.approx or span.approx,
                    scale=span.scale)
    draft, k = _repeat(_tail_step, tokens, k, draft)
    return _finish(draft), k


def _repeat(step: _Step, tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int]:
    for _ in range(_MAX_STEPS):
        hit = step(tokens, k, draft)
        if hit is None:
            break
        draft, k = hit
    return draft, k


def _lead_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    currency = _CURRENCY_PREFIX.get(_text(tokens, k))
    if currency and draft.currency is None:
        return replace(draft, currency=currency), k + 1
    hit = _match(tokens, k, _LEAD)
    if hit is None:
        return None
    action, k = hit
    if action in ("over", "under"):
        return replace(draft, bound=action), k
    return replace(draft, approx=draft.approx or action == "approx",
                   between=draft.between or action == "between"), k


def _tail_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    for step in (_after_step, _every_step, _range_step, _currency_step, _per_step):
        hit = step(tokens, k, draft)
        if hit is not None:
            return hit
    return _skipping_step(tokens, k, draft)


def _skipping_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    """Look past a noun or two ("4 hours a month", "5 people or so") or a comma ("40, or so")."""
    if _text(tokens, k) == ",":
        hedge = _match(tokens, k + 1, _TAIL)
        if hedge and hedge[0] in ("approx", "give"):
            return _after_step(tokens, k + 1, draft)
        return None
    for size in (1, 2):
        if not all(_is_noun(tokens, i) for i in range(k, k + size)):
            return None
        for step in (_after_step, _every_step, _per_step, _or_range_step):
            hit = step(tokens, k + size, draft)
            if hit is not None:
                return hit
    return None


def _is_noun(tokens: _Tokens, k: int) -> bool:
    if k >= len(tokens) or tokens[k].kind != "word" or len(tokens[k].text) < 2:
        return False
    word = tokens[k].text
    if word in _STOP or word in _PER_WORDS or word in _CURRENCY:
        return False
    return _amount(tokens, k) is None


def _after_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    hit = _match(tokens, k, _TAIL)
    if hit is None:
        return None
    action, k = hit
    if action in ("over", "under"):
        if draft.bound or _text(tokens, k) in _ADDONS:
            return None
        return replace(draft, bound=action), k
    if action == "give":
        return _give_or_take(tokens, k, draft)
    if action == "half":
        return replace(draft, low=draft.low + 0.5, high=draft.high + 0.5), k
    return replace(draft, approx=True), k


def _give_or_take(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int]:
    """ "40k give or take 5" means 35k-45k: the margin borrows the scale when that fits."""
    hit = _amount(tokens, k)
    if hit is None or draft.ranged or draft.bound:
        return replace(draft, approx=True), k
    margin, k = hit[0].high, hit[1]
    if hit[0].scale == 1.0 and margin * draft.scale <= draft.low:
        margin *= draft.scale
    return replace(draft, low=max(0.0, draft.low - margin), high=draft.high + margin,
                   approx=True, ranged=True), k


def _every_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    """ "once every 2 months" is half a time a month; "every other week" is every 2 weeks."""
    if _text(tokens, k) != "every" or draft.per:
        return None
    hit = (_Span(2.0, 2.0), k + 2) if _text(tokens, k + 1) == "other" else _amount(tokens, k + 1)
    if hit is None:
        return None
    gap, end = _Draft(hit[0].low, hit[0].high, hit[0].approx, scale=hit[0].scale), hit[1]
    gap, end = _range_step(tokens, end, gap) or (gap, end)
    if _text(tokens, end) == "of":
        end += 1
    if _PER_UNITS.get(_text(tokens, end)) not in _TIME_UNITS or gap.low <= 0:
        return None
    return replace(draft, low=draft.low / gap.high, high=draft.high / gap.low,
                   per=_PER_UNITS[_text(tokens, end)], approx=draft.approx or gap.approx), end + 1


def _range_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    joiner = _text(tokens, k)
    if draft.ranged or draft.bound:
        return None
    if joiner in ("-", "to", "or") or (joiner == "and" and draft.between):
        return _range_end(tokens, k + 1, draft)
    return None


def _or_range_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    return _range_step(tokens, k, draft) if _text(tokens, k) == "or" else None


def _range_end(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    """The second half of "10-20k" or "$40-$60"; "9-5" and other backward pairs are not ranges."""
    currency = _CURRENCY_PREFIX.get(_text(tokens, k))
    hit = _amount(tokens, k + 1 if currency else k)
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


def _currency_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    """ "40 dollars" or "40€"; but in "40 $50" the $ belongs to the 50."""
    currency = _CURRENCY.get(_text(tokens, k))
    if currency is None or draft.currency not in (None, currency):
        return None
    if tokens[k].kind == "sym" and k + 1 < len(tokens) and tokens[k + 1].kind == "num":
        return None
    return replace(draft, currency=currency), k + 1


def _per_step(tokens: _Tokens, k: int, draft: _Draft) -> tuple[_Draft, int] | None:
    """ "per user per month" keeps "person": it changes the total more than the period does."""
    start = k + 1 if _text(tokens, k) in ("times", "x") else k
    unit, k = _per_unit(tokens, start)
    if unit is None:
        return None
    return replace(draft, per=unit if draft.per is None or unit == "person" else draft.per), k


def _per_unit(tokens: _Tokens, k: int) -> tuple[str | None, int]:
    intro, word = _text(tokens, k), _text(tokens, k + 1)
    if intro in _PER_WORDS:
        return _PER_WORDS[intro], k + 1
    if intro not in _PER_INTROS:
        return None, k
    if intro in ("a", "an") and _text(tokens, k + 2) in _NOT_AFTER_ARTICLE:
        return None, k
    unit = _PER_UNITS.get(word) or (_SLASH_UNITS.get(word) if intro == "/" else None)
    return unit, k + 2


def _finish(draft: _Draft) -> Quantity:
    low, high = draft.low, draft.high
    if draft.bound == "over":
        high = math.inf
    elif draft.bound == "under":
        low = 0.0
    return Quantity(low, high, draft.approx, draft.currency, draft.per)


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in the order typed."""
    tokens, found, k = _tokenize(text), [], 0
    while k < len(tokens):
        hit = _quantity_at(tokens, k)
        if hit is None:
            k += 1
            continue
        found.append(hit[0])
        k = max(hit[1], k + 1)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity: people answer the question before they explain the answer."""
    found = parse_quantities(text)
    return found[0] if found else None


# Yes / no / unsure.

_YES_NO: _Phrases[str] = {
    **_table("yes|yess|yeah|yea|yeh|ya|yah|yep|yup|aye|y|sure|definitely|absolutely|certainly|"
             "indeed|correct|affirmative|totally|of course|we do|i do|think so|yes please|"
             "no problem|not a problem|no doubt|for sure|obviously|true", "yes"),
    **_table("no|nope|nah|n|never|not|none|not really|not at all|not yet|not anymore|no way|"
             "negative|don't|dont|do not|doesn't|doesnt|does not|didn't|didnt|haven't|havent|"
             "hasn't|isn't|aren't|won't|can't|cant|cannot|definitely not|absolutely not|"
             "certainly not|of course not|probably not|no thanks|false", "no"),
    **_table("not sure|unsure|don't know|dont know|do not know|no idea|dunno|idk|maybe|perhaps|"
             "possibly|probably|depends|skip|pass|hard to say|no clue|not a clue|can't say|"
             "cannot say|not certain|who knows|sort of|kind of|sometimes|partly|partially|"
             "yes and no|not really sure|not always|unknown|can't remember|don't remember",
             "unsure"),
}
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def parse_yes_no(text: str) -> str | None:
    """ "yes" | "no" | "unsure", or None when the text does not answer a yes/no question.

    The earliest phrase wins, and among phrases overlapping it the one reaching furthest, so
    negation and doubt beat the word they contain: "not really" is no, "no idea" is unsure.
    """
    norm = text[:MAX_CHARS].lower().translate(_TRANSLATE)
    if norm.strip() and not norm.strip().strip("?"):
        return "unsure"
    words = _WORD.findall(norm)
    hits = [(i, i + n, label) for i in range(len(words)) for n in (4, 3, 2, 1)
            if i + n <= len(words) and (label := _YES_NO.get(tuple(words[i:i + n])))]
    if not hits:
        return None
    best = hits[0]
    for start, end, label in hits[1:]:
        if start >= best[1]:
            break
        if end > best[1]:
            best = (start, end, label)
    return best[2]


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
