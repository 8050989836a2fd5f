"""The units a number can measure, by id: lengths of time and the periods of a frequency.

The words for them ("mins", "per qtr", "weekly", "12 of us") are English and live in
`bot.english`; what a unit is worth in hours, or a period in a year, is an assumption
the caller owns (see `bot.measures`).
"""
from __future__ import annotations

DURATIONS = ("minute", "hour", "half_day", "day", "week", "month", "quarter", "year")
PERIODS = ("hour", "day", "week", "month", "quarter", "year")
TIME_UNITS = frozenset(PERIODS)
