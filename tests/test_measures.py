"""Units and periods into hours and yearly figures, with the constants content supplies."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot._number_units import DURATIONS, PERIODS
from bot.english import DURATION_WORDS, PERIOD_WORDS
from bot.measures import CONSTANTS, Conversions, Scale, hours_in, in_a_year, per
from bot.numbers import parse_quantity

WORKDAY = Conversions({"minutes_per_hour": 60, "hours_per_day": 8, "hours_per_half_day": 4,
                       "days_per_week": 5, "days_per_year": 250, "weeks_per_year": 52,
                       "months_per_year": 12, "quarters_per_year": 4})

_CONSTANT = st.floats(min_value=0.5, max_value=500, allow_nan=False, allow_infinity=False)
CONVERSIONS = st.fixed_dictionaries({name: _CONSTANT for name in CONSTANTS}).map(Conversions)


@pytest.mark.parametrize("unit, hours, used", [
    ("minute", 1 / 60, ("minutes_per_hour",)), ("hour", 1, ()),
    ("half_day", 4, ("hours_per_half_day",)), ("day", 8, ("hours_per_day",)),
    ("week", 40, ("hours_per_day", "days_per_week")),
    ("month", 8 * 250 / 12, ("hours_per_day", "days_per_year", "months_per_year")),
    ("year", 2000, ("hours_per_day", "days_per_year")),
])
def test_lengths_of_time_in_hours(unit: str, hours: float, used: tuple[str, ...]) -> None:
    assert WORKDAY.factor(hours_in(unit)) == pytest.approx(hours)
    assert hours_in(unit).used == used


@pytest.mark.parametrize("period, count, used", [
    ("year", 1, ()), ("quarter", 4, ("quarters_per_year",)), ("month", 12, ("months_per_year",)),
    ("week", 52, ("weeks_per_year",)), ("day", 250, ("days_per_year",)),
    ("hour", 2000, ("hours_per_day", "days_per_year")),
])
def test_periods_in_a_year(period: str, count: float, used: tuple[str, ...]) -> None:
    assert WORKDAY.factor(in_a_year(period)) == pytest.approx(count)
    assert in_a_year(period).used == used


def test_constants_that_cancel_are_not_used() -> None:
    day_to_hour = per("day", "hour")          # a day rate / 8 = an hourly rate
    assert WORKDAY.factor(day_to_hour) == pytest.approx(1 / 8)
    assert day_to_hour.used == ("hours_per_day",)
    assert per("month", "month") == Scale() and per("hour", "hour").used == ()


def test_conversions_refuse_missing_or_impossible_constants() -> None:
    with pytest.raises(ValueError, match="hours_per_day"):
        Conversions({name: 1.0 for name in CONSTANTS if name != "hours_per_day"})
    with pytest.raises(ValueError, match="weeks_per_year"):
        Conversions({**{name: 1.0 for name in CONSTANTS}, "weeks_per_year": 0.0})
    with pytest.raises(ValueError, match="months_per_year"):
        Conversions({**{name: 1.0 for name in CONSTANTS}, "months_per_year": math.nan})


@given(CONVERSIONS, st.sampled_from(PERIODS), st.sampled_from(PERIODS), st.sampled_from(PERIODS))
def test_rates_compose(conv: Conversions, a: str, b: str, c: str) -> None:
    """Per a -> per b -> per c is per a -> per c, and there and back is nothing."""
    assert conv.factor(per(a, b) * per(b, c)) == pytest.approx(conv.factor(per(a, c)))
    assert per(a, b) * per(b, a) == Scale()


@pytest.mark.parametrize("unit", [p for p in PERIODS if p != "week"])
def test_a_year_of_a_unit_is_a_working_year(unit: str) -> None:
    """A unit's hours times its count in a year is a working year, whatever the constants:
    they cancel. (Weeks rest on two assumptions of their own, days a week and weeks a
    year, which need not multiply out to the working days.)"""
    assert hours_in(unit) * in_a_year(unit) == hours_in("year")


@given(CONVERSIONS, st.sampled_from(DURATIONS))
def test_every_length_of_time_is_positive_hours(conv: Conversions, unit: str) -> None:
    assert math.isfinite(conv.factor(hours_in(unit))) and conv.factor(hours_in(unit)) > 0


@given(CONVERSIONS, st.integers(min_value=1, max_value=50_000), st.sampled_from(sorted(DURATION_WORDS)))
def test_any_length_of_time_typed_converts_back_to_what_was_said(
        conv: Conversions, n: int, word: str) -> None:
    """The value read times its unit's hours, divided by one unit's hours, is the amount typed."""
    found = parse_quantity(f"{n} {word}")
    assert found is not None and found.unit == DURATION_WORDS[word]
    hours = found.value * conv.factor(hours_in(found.unit))
    assert hours / conv.factor(hours_in(DURATION_WORDS[word])) == pytest.approx(n)


@given(CONVERSIONS, st.integers(min_value=1, max_value=50_000), st.sampled_from(sorted(PERIOD_WORDS)))
def test_any_amount_per_period_converts_back_to_what_was_said(
        conv: Conversions, n: int, word: str) -> None:
    found = parse_quantity(f"{n} per {word}")
    assert found is not None and found.per == PERIOD_WORDS[word]
    yearly = found.value * conv.factor(in_a_year(found.per))
    assert yearly / conv.factor(in_a_year(PERIOD_WORDS[word])) == pytest.approx(n)
