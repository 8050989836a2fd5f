"""The downtime calculator's arithmetic: a year of break-fix against a year of managed fees.

The sources advise weighing the productivity lost to unexpected downtime against
predictable managed costs. Nobody can say how much downtime a provider will prevent, so
instead of guessing we report the break-even: the share of the downtime loss a managed
provider would have to prevent to pay for itself. The wording lives in YAML; this module
only supplies figures and the arithmetic behind them, keyed by stable ids. The verdict is
decided here and nowhere else; the months in a year are the content's assumption, passed in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

from bot.numbers import format_money, format_number


@dataclass(frozen=True)
class DowntimeInputs:
    """The seven answers; a negative or non-finite one raises ValueError so the caller re-asks.

    Checked on construction, so an estimate can never be built from impossible figures.
    """

    staff_affected: float
    cost_per_staff_hour: float
    incidents_per_year: float
    downtime_hours_per_incident: float
    breakfix_rate: float
    tech_hours_per_incident: float
    managed_monthly_fee: float

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{field.name} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"{field.name} must be finite and not negative, got {value!r}")


@dataclass(frozen=True)
class DowntimeEstimate:
    """Every figure of the comparison, plus the arithmetic shown step by step.

    breakeven_share is s* = (managed_annual_fee - annual_breakfix_fees) / annual_downtime_loss,
    clamped at 0: managed costs managed_annual_fee + (1 - s) * loss when it prevents a share s
    of the loss, which equals breakfix_total at s*. 0 means managed is no dearer even if it
    prevents nothing; above 1 it cannot pay for itself on downtime alone; None means there is
    no downtime loss to prevent.
    """

    inputs: DowntimeInputs
    downtime_cost_per_hour: float
    annual_downtime_hours: float
    annual_downtime_loss: float
    annual_breakfix_fees: float
    breakfix_total: float
    managed_annual_fee: float
    difference: float
    breakeven_share: float | None
    lines: tuple[tuple[str, str], ...]

    @property
    def verdict(self) -> str:
        """The id of the conclusion the figures support, matching the YAML verdict keys.

        "cannot" (managed costs more even if it prevented every outage) only when the managed
        fee exceeds break-fix fees plus every downtime loss; "managed_cheaper" only when it
        costs no more than the fees alone.
        """
        share = self.breakeven_share
        if share is None:
            return "no_downtime"
        if share == 0:
            return "managed_cheaper"
        return "breakeven" if share <= 1 else "cannot"

    @property
    def breakeven_percent(self) -> float | None:
        """The break-even share as a whole percent rounded up, so "at least N%" is enough
        (and never 0% for a share above nothing)."""
        share = self.breakeven_share
        if share is None or share > 1:     # more than all of it: no percent can be enough
            return None
        percent = float(math.ceil(round(share * 100, 6)))
        return max(percent, 1.0) if share > 0 else percent


def _breakeven(managed: float, fees: float, loss: float) -> float | None:
    return None if loss == 0 else max(0.0, (managed - fees) / loss)


def _lines(
    i: DowntimeInputs, figures: tuple[float, ...], currency: str | None, months: float
) -> tuple[tuple[str, str], ...]:
    """Formulas with the user's own numbers, so the result can be checked by hand."""
    per_hour, hours, loss, fees, total, managed = figures

    def money(value: float) -> str:
        return format_money(value, currency)

    n = format_number
    return (
        ("downtime_cost_per_hour",
         f"{n(i.staff_affected)} x {money(i.cost_per_staff_hour)} = {money(per_hour)}"),
        ("annual_downtime_hours",
         f"{n(i.incidents_per_year)} x {n(i.downtime_hours_per_incident)} = {n(hours)}"),
        ("annual_downtime_loss", f"{money(per_hour)} x {n(hours)} = {money(loss)}"),
        ("annual_breakfix_fees", (f"{n(i.incidents_per_year)} x {n(i.tech_hours_per_incident)}"
                                  f" x {money(i.breakfix_rate)} = {money(fees)}")),
        ("breakfix_total", f"{money(fees)} + {money(loss)} = {money(total)}"),
        ("managed_annual_fee",
         f"{money(i.managed_monthly_fee)} x {n(months)} = {money(managed)}"),
    )


def estimate(inputs: DowntimeInputs, currency: str | None = None, *,
             months_per_year: float) -> DowntimeEstimate:
    """Compare a year of break-fix (technician fees plus downtime losses) with a managed fee."""
    if not (math.isfinite(months_per_year) and months_per_year > 0):
        raise ValueError(f"months_per_year must be a positive number, got {months_per_year!r}")
    per_hour = inputs.staff_affected * inputs.cost_per_staff_hour
    hours = inputs.incidents_per_year * inputs.downtime_hours_per_incident
    loss = per_hour * hours
    fees = inputs.incidents_per_year * inputs.tech_hours_per_incident * inputs.breakfix_rate
    total = fees + loss
    managed = inputs.managed_monthly_fee * months_per_year
    share = _breakeven(managed, fees, loss)
    figures = (per_hour, hours, loss, fees, total, managed)
    if not all(math.isfinite(x) for x in (*figures, share or 0.0)):
        raise ValueError("the figures are too large (or too small) to compare meaningfully")
    return DowntimeEstimate(
        inputs=inputs, downtime_cost_per_hour=per_hour, annual_downtime_hours=hours,
        annual_downtime_loss=loss, annual_breakfix_fees=fees, breakfix_total=total,
        managed_annual_fee=managed, difference=total - managed, breakeven_share=share,
        lines=_lines(inputs, figures, currency, months_per_year),
    )
