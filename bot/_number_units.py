"""The vocabulary of what a number measures: lengths of time, periods, people and events.

Kept apart from the grammar, like `_number_words`, so a synonym is a one-line edit. A
unit follows the amount ("3 hours", "12 of us"); a period or "each" follows an
introducing word ("a month", "per user", "/h") or stands alone ("weekly"). What a unit
is worth in hours, or a period in a year, is not decided here: those are assumptions
the caller owns (see `bot.measures`).
"""
from __future__ import annotations

from ._number_words import Phrases, each, table

# Lengths of time, said after an amount ("90 minutes", "2 mths", "all afternoon" is a
# half day) or as a period after an introducing word ("a month", "per qtr").
DURATIONS = ("minute", "hour", "half_day", "day", "week", "month", "quarter", "year")
PERIODS = ("hour", "day", "week", "month", "quarter", "year")
DURATION_WORDS = (
    each("minute minutes min mins", "minute") | each("hour hours hr hrs h", "hour")
    | each("morning mornings afternoon afternoons", "half_day") | each("day days", "day")
    | each("week weeks wk wks", "week") | each("month months mo mos mth mths", "month")
    | each("quarter quarters qtr qtrs", "quarter") | each("year years yr yrs annum", "year")
)
PERIOD_WORDS = {w: u for w, u in DURATION_WORDS.items() if u in PERIODS}
TIME_UNITS = frozenset(PERIODS)

# What is counted: people, and the events a frequency or a fee is about. One list serves
# a count ("12 staff", "3 breakdowns") and a "per" ("per worker", "per breakdown").
_PEOPLE = ("people person persons staff staffers employee employees user users member members "
           "colleague colleagues worker workers head heads seat seats folks")
_EVENTS = ("outage outages incident incidents problem problems issue issues failure failures "
           "breakdown breakdowns crash crashes time times event events occurrence occurrences "
           "call calls callout callouts visit visits ticket tickets job jobs fix fixes repair "
           "repairs disruption disruptions interruption interruptions pop")
COUNT_WORDS = each(_PEOPLE + " us", "person") | each(_EVENTS, "event")
EACH_WORDS = each(_PEOPLE, "person") | each(_EVENTS + " go", "incident")
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
