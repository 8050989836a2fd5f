"""Converting a quantity read from chat into one unit: hours of time, or so many a year.

"Half a day" is hours only once someone says how long a working day is, and "twice a
month" is so many a year only by counting months. Each of those constants is an
assumption a user may want to see, so none is written here: `Conversions` is built from
named values (dialogs/downtime.yaml holds them with their notes), and every conversion is
a `Scale` that knows which constants it rests on, so a result can list exactly those.
A Scale keeps each constant's power, so a day rate turned into an hourly one rests on
the hours in a day alone: the working days a year it passes through cancel out.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ._number_units import DURATIONS, PERIODS

CONSTANTS = ("minutes_per_hour", "hours_per_day", "hours_per_half_day", "days_per_week",
             "days_per_year", "weeks_per_year", "months_per_year", "quarters_per_year")

_Powers = tuple[tuple[str, int], ...]

# A length of time in hours, and a period's count in a year, as powers of the constants.
_HOURS_IN: dict[str, dict[str, int]] = {
    "minute": {"minutes_per_hour": -1}, "hour": {},
    "half_day": {"hours_per_half_day": 1}, "day": {"hours_per_day": 1},
    "week": {"hours_per_day": 1, "days_per_week": 1},
    "month": {"hours_per_day": 1, "days_per_year": 1, "months_per_year": -1},
    "quarter": {"hours_per_day": 1, "days_per_year": 1, "quarters_per_year": -1},
    "year": {"hours_per_day": 1, "days_per_year": 1},
}
_IN_A_YEAR: dict[str, dict[str, int]] = {
    "hour": {"days_per_year": 1, "hours_per_day": 1}, "day": {"days_per_year": 1},
    "week": {"weeks_per_year": 1}, "month": {"months_per_year": 1},
    "quarter": {"quarters_per_year": 1}, "year": {},
}
assert set(_HOURS_IN) == set(DURATIONS) and set(_IN_A_YEAR) == set(PERIODS)


@dataclass(frozen=True)
class Scale:
    """A product of constants, each to a power: what one unit is worth in another."""

    powers: _Powers = ()

    def __mul__(self, other: Scale) -> Scale:
        return _scale(self._merged(other, 1))

    def __truediv__(self, other: Scale) -> Scale:
        return _scale(self._merged(other, -1))

    def _merged(self, other: Scale, sign: int) -> dict[str, int]:
        merged = dict(self.powers)
        for name, power in other.powers:
            merged[name] = merged.get(name, 0) + sign * power
        return merged

    @property
    def used(self) -> tuple[str, ...]:
        """The constants this scale rests on, in CONSTANTS order."""
        return tuple(name for name in CONSTANTS if dict(self.powers).get(name))


def _scale(powers: Mapping[str, int]) -> Scale:
    return Scale(tuple(sorted((n, p) for n, p in powers.items() if p)))


def hours_in(unit: str) -> Scale:
    """How many hours one `unit` ("day", "half_day", "minute"...) is."""
    return _scale(_HOURS_IN[unit])


def in_a_year(period: str) -> Scale:
    """How many `period`s ("month", "quarter", "hour"...) a year holds."""
    return _scale(_IN_A_YEAR[period])


def per(period: str, wanted: str) -> Scale:
    """What turns an amount per `period` into an amount per `wanted`."""
    return in_a_year(period) / in_a_year(wanted)


class Conversions:
    """The constants' values, from content; a missing or non-positive one is refused."""

    def __init__(self, values: Mapping[str, float]):
        missing = [name for name in CONSTANTS if name not in values]
        if missing:
            raise ValueError(f"conversions need a value for {', '.join(missing)}")
        bad = [name for name in CONSTANTS if not (math.isfinite(values[name]) and values[name] > 0)]
        if bad:
            raise ValueError(f"conversions must be positive numbers: {', '.join(bad)}")
        self.values = {name: float(values[name]) for name in CONSTANTS}

    def factor(self, scale: Scale) -> float:
        """The scale as a number."""
        return math.prod(self.values[name] ** power for name, power in scale.powers)
