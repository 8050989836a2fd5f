"""The English the advisor reads, in one place: every hard-coded word list of the Python.

Phrases that content authors tune live in YAML (knowledge/synonyms.yaml,
knowledge/reading.yaml, the `reading` of knowledge/factors.yaml); what is here is the
grammar of English itself, which no content edition changes: number words, units and
periods, hedges, currencies, yes and no, negation and contrast, contractions, filler
words and the words for people. Kept apart from the code that reads them, so a new
synonym is a one-line edit to a table, never a change to the code that walks the
words. Phrase tables are written "a few|close to" so each reads like the words it matches.
"""
from __future__ import annotations

from typing import TypeVar

from ._number_units import PERIODS

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


# ---------------------------------------------------------------- number words
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

# ---------------------------------------------------------------- hedges and bounds
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

# ---------------------------------------------------------------- currencies
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

# ---------------------------------------------------------------- yes and no
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

# ---------------------------------------------------------------- units and periods
# What a number measures. A unit follows the amount ("3 hours", "12 of us"); a period or
# "each" follows an introducing word ("a month", "per user", "/h") or stands alone
# ("weekly"). The values are the unit ids of `bot._number_units`; what a unit is worth in
# hours, or a period in a year, is an assumption the caller owns (see `bot.measures`).
# Lengths of time, said after an amount ("90 minutes", "2 mths", "all afternoon" is a
# half day) or as a period after an introducing word ("a month", "per qtr").
DURATION_WORDS = (
    each("minute minutes min mins", "minute") | each("hour hours hr hrs h", "hour")
    | each("morning mornings afternoon afternoons", "half_day") | each("day days", "day")
    | each("week weeks wk wks", "week") | each("month months mo mos mth mths", "month")
    | each("quarter quarters qtr qtrs", "quarter") | each("year years yr yrs annum", "year")
)
PERIOD_WORDS = {w: u for w, u in DURATION_WORDS.items() if u in PERIODS}

# What is counted: people, and the events a frequency or a fee is about. One list serves
# a count ("12 staff", "3 breakdowns") and a "per" ("per worker", "per breakdown").
PEOPLE_WORDS = ("people person persons staff staffers employee employees user users member members "
           "colleague colleagues worker workers head heads seat seats folks")
EVENT_WORDS = ("outage outages incident incidents problem problems issue issues failure failures "
           "breakdown breakdowns crash crashes time times event events occurrence occurrences "
           "call calls callout callouts visit visits ticket tickets job jobs fix fixes repair "
           "repairs disruption disruptions interruption interruptions pop")
COUNT_WORDS = each(PEOPLE_WORDS + " us", "person") | each(EVENT_WORDS, "event")
EACH_WORDS = each(PEOPLE_WORDS, "person") | each(EVENT_WORDS + " go", "incident")
PER_UNITS = PERIOD_WORDS | EACH_WORDS
SLASH_UNITS = {"h": "hour", "d": "day", "w": "week", "m": "month", "q": "quarter", "y": "year"}
PER_WORDS = (
    each("hourly ph", "hour") | each("daily", "day") | each("weekly pw", "week")
    | each("monthly pcm", "month") | each("quarterly", "quarter")
    | each("yearly annually annual pa", "year")
)
# Said alone, these stand for "once a ...": "weekly" answers "how often?".
IMPLIED_WORDS = {w: p for w, p in PER_WORDS.items() if w in
                 ("daily", "weekly", "monthly", "quarterly", "yearly", "annually")}
PER_INTROS = frozenset({"per", "/", "a", "an", "each", "every"})
UNIT_WORDS = DURATION_WORDS | COUNT_WORDS
# Words that may stand between an amount and its unit: "2 full days", "4 man-hours".
MODIFIERS = frozenset("full whole entire working work business solid straight long good lost "
                      "billable man person -".split())

# Stock phrases that are an amount and a unit at once: (low, high, approx, unit).
_Unit = tuple[float, float, bool, str]
UNIT_PHRASES: Phrases[_Unit] = {
    **table("a full day|a whole day|an entire day|the whole day|the entire day|the full day|"
            "all day|full day|whole day|a full working day|a whole working day|a working day|"
            "a business day|a workday|a full workday|the whole working day|all day long",
            (1.0, 1.0, False, "day")),
    **table("half day|half - day|a half day|a half - day|half the day|half a working day|"
            "half of the day|half a workday", (0.5, 0.5, False, "day")),
    **table("most of the day|most of a day|most of the working day",
            (0.5, 1.0, True, "day")),
    **table("all morning|all afternoon|the whole morning|the whole afternoon|the entire "
            "morning|the entire afternoon|a morning|an afternoon|a full morning|a full "
            "afternoon", (1.0, 1.0, False, "half_day")),
    **table("most of the morning|most of the afternoon|most of a morning|most of an afternoon",
            (0.5, 1.0, True, "half_day")),
    **table("a full week|a whole week|all week|the whole week|the entire week",
            (1.0, 1.0, False, "week")),
    **table("a quarter of an hour|quarter of an hour|a quarter hour|quarter hour",
            (0.25, 0.25, False, "hour")),
    **table("three quarters of an hour", (0.75, 0.75, False, "hour")),
}
# "once", "twice": an amount that counts events.
COUNTED: Phrases[float] = {**table("once", 1.0), **table("twice", 2.0), **table("thrice", 3.0)}
# "never": no events at all, an answer to "how often?" said without a number.
NEVER = "never"
# ---------------------------------------------------------------- amounts in words
# Vague amounts: "a handful of team leads" gives way to a figure said elsewhere.
VAGUE_AMOUNTS = frozenset({"handful", "few", "couple", "several", "some", "many", "dozens", "lots",
                           "bunch", "loads", "plenty", "number"})
# Words that may join the parts of a number spelt in words: "two hundred and twenty".
NUMBER_JOINERS = frozenset({"and", "a", "-", "&"})

# ---------------------------------------------------------------- people
# Who may be counted when a message says how big a team is: "3 IT people", "a 70-person
# firm" (a regular-expression alternation, forms included).
PEOPLE_PATTERN = (r"(?:people|persons?|staff|guys?|folks|employees?|heads|workers|agents|users|seats"
                  r"|techs?|engineers?|technicians?|admins?|sysadmins?|specialists?)")
# "no" right before one of these answers the question rather than negating ("no we ...").
SUBJECTS = frozenset({"we", "i", "our", "my", "it", "its", "they", "their", "that", "thats",
                      "there", "theres", "everything", "everyone", "all", "honestly", "thank"})

# ---------------------------------------------------------------- negation and contrast
# A "no" that opens an answer and is followed by its subject answers the question.
ANSWER_NOS = ("no", "nope", "nah")
# A negation stops at these: "no servers, just laptops", "not X but Y".
CONTRAST = frozenset({"but", "just", "only", "instead", "rather", "except", "though",
                      "although", "yet", "still", "apart", "besides", "whereas", "while"})
# What follows these in a clause is the point of the answer ("X, but mostly Y").
EMPHASIS = frozenset({"but", "however", "mostly", "mainly", "primarily", "largely", "really"})

# ---------------------------------------------------------------- contractions
# "we're", "I'm", "they've": the ending after an apostrophe and what it stands for.
CONTRACTION_ENDINGS = {"re": " are", "m": " am", "ve": " have", "ll": " will", "d": " would", "s": ""}
# "dont" and "do not" must read alike whichever way the text was folded.
UNCONTRACTED = {"dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
                "cannot": "can not", "wont": "will not", "isnt": "is not", "arent": "are not",
                "wasnt": "was not", "werent": "were not", "couldnt": "could not",
                "shouldnt": "should not", "wouldnt": "would not", "havent": "have not",
                "hasnt": "has not", "hadnt": "had not", "neednt": "need not", "aint": "is not"}

# ---------------------------------------------------------------- filler and word forms
ARTICLES = frozenset({"a", "an", "the"})
# Words that may stand between "vs"/"or" and a weak mention of a model ("or our own team").
MENTION_FILLERS = frozenset("our own an a the my your having hiring hire go just using keep".split())
# "we do have", "we really do need": an auxiliary "do" before one of these verbs only
# stresses it.
EMPHATIC = frozenset({"do", "does", "did"})
STRESSED = frozenset({"have", "has", "need", "needs", "want", "wants", "use", "uses", "run", "runs",
                      "keep", "keeps", "get", "gets", "employ", "employs", "pay", "pays", "plan",
                      "plans", "expect", "expects", "care", "cares", "rely", "relies", "work",
                      "works", "outsource", "outsources", "like", "prefer", "mind"})
# Plural endings stripped by the light stemmer, and what replaces them.
PLURAL_SUFFIXES = (("ies", "y"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                   ("uses", "us"), ("us", "us"), ("s", ""))
# Endings that make an inflection of a word (plan/planned/planning, host/hosted).
INFLECTIONS = frozenset({"s", "es", "d", "ed", "ing", "ly", "y", "al", "ion", "ions", "ity"})
SHORT_INFLECTIONS = frozenset({"ed", "ing"})     # for three-letter words (fix/fixed/fixing)
