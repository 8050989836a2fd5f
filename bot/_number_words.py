"""The vocabulary `bot.numbers` reads: number words, hedges, currencies, yes and no.

Kept apart from the grammar so a new synonym is a one-line edit to a table, never a
change to the code that walks the tokens. Phrase tables are written "a few|close to"
so each reads like the words it matches.
"""
from __future__ import annotations

from typing import TypeVar

_T = TypeVar("_T")
Phrases = dict[tuple[str, ...], _T]


def table(spec: str, value: _T) -> Phrases[_T]:
    """Every "|"-separated phrase of spec, as a word tuple, mapped to value."""
    return {tuple(p.split()): value for p in spec.split("|")}


def words(spec: str) -> list[str]:
    """A space-separated word list, so tables stay one readable string."""
    return spec.split()


def each(spec: str, value: str) -> dict[str, str]:
    """Every word of spec mapped to value: synonyms of one unit or currency."""
    return dict.fromkeys(words(spec), value)


# Number words and the stock phrases that stand for a number or a range.
UNITS = {w: float(i) for i, w in enumerate(
    words("one two three four five six seven eight nine"), 1)}
TEENS = {w: float(i) for i, w in enumerate(words(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"), 10)}
TENS = {w: 10.0 * i for i, w in enumerate(
    words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)} | {"fourty": 40.0}
# Words that spell a whole number on their own, for readers that only need to spot one.
SPELT = (*UNITS, *TEENS, *TENS)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
MULTIPLIERS = {"hundred": 100.0, "dozen": 12.0, "k": 1e3, "grand": 1e3, "mil": 1e6, "mn": 1e6,
               "bn": 1e9, **SCALES}
ATTACHED = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "bn": 1e9}
PHRASES: Phrases[tuple[float, float, bool]] = {
    **table("zero|none|nobody|no one|noone|nil", (0.0, 0.0, False)),
    **table("a couple|couple", (2.0, 2.0, False)),
    **table("half a|half an", (0.5, 0.5, False)), **table("a few|few", (2.0, 4.0, True)),
    **table("a handful|handful", (5.0, 5.0, True)), **table("several", (3.0, 7.0, True)),
    **table("tens", (20.0, 99.0, True)), **table("dozens", (24.0, 99.0, True)),
    **table("hundreds", (200.0, 999.0, True)), **table("thousands", (2e3, 9999.0, True)),
    **table("millions", (2e6, 9_999_999.0, True)),
}

# Hedges and bounds: before a number ("about 40") and after it ("40 or so").
LEAD: Phrases[str] = {
    **table("about|around|roughly|approx|approximately|~|maybe|perhaps|probably|possibly|circa|"
            "ca|close to|nearly|almost|some|say|give or take|round about|roundabout|something "
            "like|in the region of|ballpark|estimated|est|guess", "approx"),
    **table("over|above|more than|greater than|at least|upwards of|north of|in excess of|"
            "no less than|not less than|minimum of|a minimum of", "over"),
    **table("under|below|less than|fewer than|up to|at most|no more than|not more than|"
            "maximum of|a maximum of|max of|at the most", "under"),
    **table("just|slightly|well|only|a bit|a little|somewhat|from", "filler"),
    **table("between", "between"),
}
TAIL: Phrases[str] = {
    **table("ish|- ish|odd|- odd|or so|or thereabouts|more or less|approx|approximately|"
            "roughly|ballpark|or about", "approx"),
    **table("give or take", "give"), **table("and a half", "half"),
    **table("+|plus|or more|or over|or above|and up|and above|and upwards|at least|minimum|"
            "or higher|and over|at minimum", "over"),
    **table("or less|or fewer|or under|or below|tops|max|maximum|at most|at the most|"
            "or lower", "under"),
}

# After a comma, these bring a second figure for the same thing: "an hour, maybe two".
SECOND_THOUGHTS = frozenset(words("maybe perhaps possibly probably"))

# Currencies: symbols and codes may lead a number; names only follow it.
CURRENCY_PREFIX = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"} | {
    code: code.upper() for code in words("usd eur gbp jpy inr chf cad aud nzd sek nok dkk zar sgd "
                                         "hkd pln")}
CURRENCY = CURRENCY_PREFIX | each("dollar dollars buck bucks", "USD") | each(
    "euro euros", "EUR") | each("pound pounds quid", "GBP") | each("franc francs", "CHF") | {
    "yen": "JPY", "rupees": "INR"}

# Words that stop a reading: "a month ago", "9 am", "40 plus vat", "and", "the".
NOT_AFTER_ARTICLE = frozenset({"ago", "later", "back", "before", "earlier", "since"})
CLOCK = frozenset({"am", "pm", "o'clock", "oclock"})
ADDONS = frozenset(words("vat tax taxes gst hst expenses travel parts materials mileage"))
STOP = frozenset(words(
    "and or but to a an the of in on at for with by from per each every is was are were be been "
    "it its we i you they he she that this these those there here not no nor so than then if as "
    "about around over under when while"))

# Yes / no / unsure.
YES_NO: Phrases[str] = {
    **table("yes|yess|yeah|yea|yeh|ya|yah|yep|yup|aye|y|sure|definitely|absolutely|certainly|"
            "indeed|correct|affirmative|totally|of course|we do|i do|think so|yes please|"
            "no problem|not a problem|no doubt|for sure|obviously|true", "yes"),
    **table("no|nope|nah|n|never|not|none|not really|not at all|not yet|not anymore|no way|"
            "negative|don't|dont|do not|doesn't|doesnt|does not|didn't|didnt|haven't|havent|"
            "hasn't|isn't|aren't|won't|can't|cant|cannot|definitely not|absolutely not|"
            "certainly not|of course not|probably not|no thanks|false", "no"),
    **table("not sure|unsure|don't know|dont know|do not know|no idea|dunno|idk|maybe|perhaps|"
            "possibly|probably|depends|skip|pass|hard to say|no clue|not a clue|can't say|"
            "cannot say|not certain|who knows|sort of|kind of|sometimes|partly|partially|"
            "yes and no|not really sure|not always|unknown|can't remember|don't remember",
            "unsure"),
}
