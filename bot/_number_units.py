"""The vocabulary of what a number measures: lengths of time, periods, people and events.

Kept apart from the grammar, like `_number_words`, so a synonym is a one-line edit. A
unit follows the amount ("3 hours", "12 of us"); a period or "each" follows an
introducing word ("a month", "per user", "/h") or stands alone ("weekly"). What a unit
is worth in hours, or a period in a year, is not decided here: those are assumptions
the caller owns (see `bot.measures`).
"""
from __future__ import annotations

from ._number_words import Phrases, each, table

# Periods a rate or a frequency is "per", and what else it can be "per".
PERIODS = ("hour", "day", "week", "month", "quarter", "year")
PERIOD_WORDS = (
    each("hour hours hr hrs", "hour") | each("day days", "day")
    | each("week weeks wk wks", "week") | each("month months mo mos mth mths", "month")
    | each("quarter quarters qtr qtrs", "quarter") | each("year years yr yrs annum", "year")
)
EACH_WORDS = (
    each("incident incidents call callout visit ticket outage time pop job fix repair issue "
         "event occurrence go", "incident")
    | each("person head user seat employee staff member", "person")
)
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
TIME_UNITS = frozenset(PERIODS)

# Units right after an amount: "90 minutes", "2 full days", "all afternoon" (a half day).
DURATIONS = ("minute", "hour", "half_day", "day", "week", "month", "quarter", "year")
DURATION_WORDS = (
    each("minute minutes min mins", "minute") | each("hour hours hr hrs h", "hour")
    | each("morning mornings afternoon afternoons", "half_day") | each("day days", "day")
    | each("week weeks wk wks", "week") | each("month months", "month")
    | each("quarter quarters", "quarter") | each("year years yr yrs", "year")
)
COUNT_WORDS = (
    each("people person persons staff staffers employees employee users user members "
         "colleagues workers heads folks us", "person")
    | each("outages outage incidents incident problems problem issues issue failures failure "
           "breakdowns breakdown crashes crash times time events event occurrences callouts "
           "disruptions disruption interruptions", "event")
)
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
