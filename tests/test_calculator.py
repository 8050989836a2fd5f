"""The downtime calculator's arithmetic, checked against figures worked out by hand."""
from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.calculator import DowntimeEstimate, DowntimeInputs
from bot.calculator import estimate as _estimate

MONTHS = 12.0


def estimate(given: DowntimeInputs, currency: str | None = None) -> DowntimeEstimate:
    return _estimate(given, currency, months_per_year=MONTHS)


def inputs(**changes: float) -> DowntimeInputs:
    """12 people at $45, 6 incidents of 4 hours, a $90 technician for 3 hours, $1,500 a month."""
    base = DowntimeInputs(
        staff_affected=12, cost_per_staff_hour=45, incidents_per_year=6,
        downtime_hours_per_incident=4, breakfix_rate=90, tech_hours_per_incident=3,
        managed_monthly_fee=1500,
    )
    return dataclasses.replace(base, **changes)


def test_worked_example_where_managed_cannot_pay_for_itself() -> None:
    # 12 x 45 = 540 an hour; 6 x 4 = 24 hours; 540 x 24 = 12,960 lost;
    # 6 x 3 x 90 = 1,620 fees; total 14,580; managed 1,500 x 12 = 18,000;
    # break-even (18,000 - 1,620) / 12,960 = 16,380 / 12,960 = 1.2638...
    result = estimate(inputs())
    assert result.downtime_cost_per_hour == 540
    assert result.annual_downtime_hours == 24
    assert result.annual_downtime_loss == 12_960
    assert result.annual_breakfix_fees == 1_620
    assert result.breakfix_total == 14_580
    assert result.managed_annual_fee == 18_000
    assert result.difference == -3_420
    assert result.breakeven_share == pytest.approx(16_380 / 12_960)
    assert result.breakeven_share is not None and result.breakeven_share > 1
    assert result.verdict == "cannot"
    assert result.inputs == inputs()


def test_worked_example_with_a_break_even_share() -> None:
    # 20 x 50 = 1,000 an hour; 10 x 5 = 50 hours; 50,000 lost; 10 x 2 x 100 = 2,000 fees;
    # total 52,000; managed 12,000; break-even (12,000 - 2,000) / 50,000 = 0.2
    result = estimate(inputs(staff_affected=20, cost_per_staff_hour=50, incidents_per_year=10,
                             downtime_hours_per_incident=5, breakfix_rate=100,
                             tech_hours_per_incident=2, managed_monthly_fee=1000))
    assert result.annual_downtime_loss == 50_000
    assert result.annual_breakfix_fees == 2_000
    assert result.breakfix_total == 52_000
    assert result.managed_annual_fee == 12_000
    assert result.difference == 40_000
    assert result.breakeven_share == pytest.approx(0.2)
    assert result.verdict == "breakeven"


def test_managed_cheaper_than_break_fix_fees_alone() -> None:
    # fees 12 x 4 x 150 = 7,200 already exceed managed 500 x 12 = 6,000: s* = -1,200 / 3,600 -> 0
    result = estimate(inputs(staff_affected=5, cost_per_staff_hour=30, incidents_per_year=12,
                             downtime_hours_per_incident=2, breakfix_rate=150,
                             tech_hours_per_incident=4, managed_monthly_fee=500))
    assert result.annual_downtime_loss == 3_600
    assert result.annual_breakfix_fees == 7_200
    assert result.breakfix_total == 10_800
    assert result.breakeven_share == 0
    assert result.verdict == "managed_cheaper"


def test_managed_fee_equal_to_fees_is_break_even_at_zero() -> None:
    result = estimate(inputs(managed_monthly_fee=1_620 / 12))
    assert result.breakeven_share == pytest.approx(0, abs=1e-12)


def test_break_even_of_exactly_all_downtime() -> None:
    # managed = fees + loss: 1,620 + 12,960 = 14,580 a year, 1,215 a month
    result = estimate(inputs(managed_monthly_fee=1_215))
    assert result.breakeven_share == pytest.approx(1.0)
    assert result.difference == pytest.approx(0)


@pytest.mark.parametrize("change", [
    {"downtime_hours_per_incident": 0}, {"staff_affected": 0}, {"cost_per_staff_hour": 0},
])
def test_no_downtime_loss_means_no_break_even(change: dict[str, float]) -> None:
    result = estimate(inputs(**change))
    assert result.annual_downtime_loss == 0
    assert result.breakeven_share is None
    assert result.verdict == "no_downtime"
    assert result.breakfix_total == result.annual_breakfix_fees


def test_no_incidents_at_all() -> None:
    result = estimate(inputs(incidents_per_year=0))
    assert result.breakfix_total == 0
    assert result.breakeven_share is None
    assert result.difference == -18_000


def test_lines_show_the_arithmetic_in_order() -> None:
    assert estimate(inputs(), "USD").lines == (
        ("downtime_cost_per_hour", "12 x $45 = $540"),
        ("annual_downtime_hours", "6 x 4 = 24"),
        ("annual_downtime_loss", "$540 x 24 = $12,960"),
        ("annual_breakfix_fees", "6 x 3 x $90 = $1,620"),
        ("breakfix_total", "$1,620 + $12,960 = $14,580"),
        ("managed_annual_fee", "$1,500 x 12 = $18,000"),
    )


def test_lines_follow_the_currency() -> None:
    lines = dict(estimate(inputs(cost_per_staff_hour=45.5), "CHF").lines)
    assert lines["downtime_cost_per_hour"] == "12 x 45.50 CHF = 546 CHF"
    assert dict(estimate(inputs()).lines)["breakfix_total"] == "1,620 + 12,960 = 14,580"
    assert dict(estimate(inputs(), "GBP").lines)["managed_annual_fee"] == "£1,500 x 12 = £18,000"


def test_fractional_hours_are_shown_plainly() -> None:
    lines = dict(estimate(inputs(downtime_hours_per_incident=2.5)).lines)
    assert lines["annual_downtime_hours"] == "6 x 2.5 = 15"


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(DowntimeInputs)])
@pytest.mark.parametrize("bad", [-1, -0.01, math.inf, -math.inf, math.nan])
def test_negative_or_non_finite_inputs_are_refused(field: str, bad: float) -> None:
    with pytest.raises(ValueError, match=field):
        estimate(inputs(**{field: bad}))


@pytest.mark.parametrize("bad", [True, "12", None])
def test_non_numbers_are_refused(bad: object) -> None:
    with pytest.raises(TypeError, match="staff_affected"):
        inputs(staff_affected=bad)  # type: ignore[arg-type]


def test_figures_too_large_to_compare_are_refused() -> None:
    with pytest.raises(ValueError):
        estimate(inputs(staff_affected=1e200, cost_per_staff_hour=1e200))


_FIGURE = st.one_of(
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False,
              allow_subnormal=False),
)


@given(st.builds(DowntimeInputs, *[_FIGURE] * 7))
def test_invariants(given_inputs: DowntimeInputs) -> None:
    try:
        result = estimate(given_inputs, "USD")
    except ValueError:
        return  # a break-even too large to represent: tiny losses against a large fee
    assert result.breakfix_total == pytest.approx(
        result.annual_breakfix_fees + result.annual_downtime_loss)
    assert result.managed_annual_fee == pytest.approx(given_inputs.managed_monthly_fee * 12)
    assert result.difference == pytest.approx(result.breakfix_total - result.managed_annual_fee)
    figures = (result.downtime_cost_per_hour, result.annual_downtime_hours,
               result.annual_downtime_loss, result.annual_breakfix_fees, result.breakfix_total,
               result.managed_annual_fee)
    assert all(math.isfinite(x) and x >= 0 for x in figures)
    assert math.isfinite(result.difference)
    share = result.breakeven_share
    assert (share is None) == (result.annual_downtime_loss == 0)
    if share is not None:
        assert math.isfinite(share) and share >= 0
    if share is not None and share > 0:
        managed_cost = result.managed_annual_fee + (1 - share) * result.annual_downtime_loss
        scale = max(result.breakfix_total, result.managed_annual_fee, 1.0)
        assert managed_cost == pytest.approx(result.breakfix_total, rel=1e-9, abs=1e-9 * scale)
    if share == 0:
        assert result.managed_annual_fee <= result.annual_breakfix_fees
    assert [key for key, _ in result.lines] == [
        "downtime_cost_per_hour", "annual_downtime_hours", "annual_downtime_loss",
        "annual_breakfix_fees", "breakfix_total", "managed_annual_fee"]


# The verdict, decided in one place, must agree with the figures it summarises.

@given(st.builds(DowntimeInputs, *[_FIGURE] * 7))
def test_the_verdict_never_contradicts_the_totals(given_inputs: DowntimeInputs) -> None:
    try:
        result = estimate(given_inputs, "USD")
    except ValueError:
        return
    total, managed = result.breakfix_total, result.managed_annual_fee
    if result.verdict == "cannot":        # "costs more even if it prevented every outage"
        assert managed > total
    if total > managed:
        assert result.verdict != "cannot"
    if result.verdict == "managed_cheaper":
        assert managed <= result.annual_breakfix_fees
    if result.verdict == "breakeven":
        assert result.annual_breakfix_fees < managed <= total * (1 + 1e-12)


@given(st.builds(DowntimeInputs, *[_FIGURE] * 7))
@example(DowntimeInputs(1, 1, 4.0, 2.2250738585072014e-308, 0, 0, 1))   # a share too large to be a percent
def test_the_percent_quoted_is_enough_to_break_even(given_inputs: DowntimeInputs) -> None:
    """ "prevent at least N%": preventing N% makes managed no dearer than break-fix."""
    try:
        result = estimate(given_inputs, "USD")
    except ValueError:
        return
    percent = result.breakeven_percent
    if result.verdict != "breakeven" or percent is None:
        return
    assert 0 < percent <= 100
    managed_cost = result.managed_annual_fee + (1 - percent / 100) * result.annual_downtime_loss
    assert managed_cost <= result.breakfix_total * (1 + 1e-9) + 1e-6


@pytest.mark.parametrize("share, percent", [(0.2, 20), (0.2001, 21), (0.999, 100), (1e-9, 1)])
def test_the_percent_is_rounded_up_not_down(share: float, percent: float) -> None:
    # loss 10,000 with no fees: managed = share x loss
    result = estimate(inputs(incidents_per_year=10, downtime_hours_per_incident=1,
                             staff_affected=1, cost_per_staff_hour=1000, tech_hours_per_incident=0,
                             managed_monthly_fee=share * 10_000 / 12))
    assert result.breakeven_percent == percent


def test_the_months_in_a_year_come_from_the_caller() -> None:
    result = _estimate(inputs(), "USD", months_per_year=13)
    assert result.managed_annual_fee == 19_500
    assert dict(result.lines)["managed_annual_fee"] == "$1,500 x 13 = $19,500"
    with pytest.raises(ValueError, match="months_per_year"):
        _estimate(inputs(), months_per_year=0)
