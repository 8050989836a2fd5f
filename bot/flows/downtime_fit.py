"""Which calculator figure a reading is, and its value in that figure's unit.

A step takes only readings of its own kind: a count of people, how often, a length of
time, or money per hour or per month. "$120 an hour" is never hours of downtime and
"3 hours" never a rate: a step that cannot take a reading returns None, and the flow
questions it or, when the reading clearly belongs to another step, records it there.
Units and periods are converted with the content's constants, and a `Fit` keeps which
ones it used so the result can list them.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .._number_units import DURATIONS
from ..measures import Conversions, Scale, hours_in, per
from ..numbers import Quantity
from .downtime_schema import CalcStep

INCIDENTS = "incidents_per_year"
STAFF = "staff_affected"
_DURATIONS = frozenset(DURATIONS)


@dataclass(frozen=True)
class Fit:
    """A reading taken as one step's figure, in that step's unit.

    how picks the wording of the confirmation: "said" as read, "total" a yearly total
    spread over the outages (count), "per_person" a fee per user times the people (count).
    """

    step: str
    low: float
    high: float
    said: str
    used: tuple[str, ...] = ()
    how: str = "said"
    count: float = 0.0
    currency: str | None = None
    explicit: bool = False       # said in the step's own unit: "4 hours", "24 a year"

    @property
    def value(self) -> float:
        return self.low if math.isinf(self.high) else (self.low + self.high) / 2


def kind(q: Quantity) -> str:
    """What a reading looks like, for "that looks like a length of time" (dialog `kinds`)."""
    if q.currency:
        return "money_rate" if q.per else "money_each" if q.each else "money"
    if q.unit in _DURATIONS:
        return "duration"
    if q.unit == "person":
        return "people"
    return "frequency" if q.unit == "event" or q.per else "number"


def distinctive(q: Quantity) -> bool:
    """Whether a reading says what it is; only such a reading may answer another step."""
    return not q.implied and bool(q.currency or q.unit or q.per)


def native(step: CalcStep, q: Quantity) -> bool:
    """A reading in the step's own terms: "12 people", "3 a quarter", "$45/h"."""
    if step.kind == "count":
        return q.unit == "person"
    if step.kind == "per_year":
        return not q.currency and (q.unit == "event" or (q.unit is None and bool(q.per)))
    if step.kind == "hours":
        return not q.currency and q.unit in _DURATIONS
    wanted = "hour" if step.kind == "money_per_hour" else "month"
    return bool(q.currency) and q.per == wanted and q.unit is None


class Fitter:
    """Fits readings to steps with the content's conversions."""

    def __init__(self, conversions: Conversions):
        self.conv = conversions

    def fit(self, step: CalcStep, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        """The reading as this step's figure, or None when it is not that kind of figure."""
        reader = {"count": self._count, "per_year": self._per_year, "hours": self._hours,
                  "money_per_hour": self._money, "money_per_month": self._money}[step.kind]
        return reader(step, q, values)

    def _scaled(self, step: CalcStep, q: Quantity, scale: Scale, **extra: object) -> Fit:
        factor = self.conv.factor(scale)
        explicit = not scale.used and bool(q.unit or q.per) and not extra
        return Fit(step.id, q.low * factor, q.high * factor, q.said, scale.used,
                   currency=q.currency, explicit=explicit, **extra)  # type: ignore[arg-type]

    def _count(self, step: CalcStep, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        if q.currency or q.per or q.each or q.implied or q.unit not in (None, "person"):
            return None
        return self._scaled(step, q, Scale())

    def _per_year(self, step: CalcStep, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        if q.currency or q.each or q.unit not in (None, "event"):
            return None
        return self._scaled(step, q, per(q.per or "year", "year"))

    def _hours(self, step: CalcStep, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        """A length of time per outage; a yearly (or monthly) total is spread over them."""
        if q.currency or q.implied or q.each not in (None, "incident"):
            return None
        if q.unit not in _DURATIONS and (q.unit is not None or q.per):
            return None
        scale = hours_in(q.unit or "hour")
        if not q.per:
            return self._scaled(step, q, scale)
        count = values.get(INCIDENTS, 0.0)
        if count <= 0:
            return None
        fit = self._scaled(step, q, scale * per(q.per, "year"), how="total", count=count)
        return replace(fit, low=fit.low / count, high=fit.high / count)

    def _money(self, step: CalcStep, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        """Money per hour or per month; a monthly fee per user is multiplied by the people."""
        hourly = step.kind == "money_per_hour"
        if q.unit is not None or q.implied or q.each == "incident" or (not hourly and
                                                                       q.per == "hour"):
            return None
        fit = self._scaled(step, q, per(q.per or ("hour" if hourly else "month"),
                                        "hour" if hourly else "month"))
        if _a_frequency(step, q, fit):
            return None
        if hourly or q.each != "person":
            return fit
        staff = values.get(STAFF, 0.0)
        if staff <= 0:
            return None
        return replace(fit, low=fit.low * staff, high=fit.high * staff, how="per_person",
                       count=staff, explicit=False)


def _a_frequency(step: CalcStep, q: Quantity, fit: Fit) -> bool:
    """ "3 a week" or "every other month" with no currency is how often, never money: a
    bare amount per period is money only where it makes a believable sum of it."""
    if q.currency or not q.per:
        return False
    return not step.plausible.low <= fit.value <= step.plausible.high


def joined(fits: list[tuple[Fit, Quantity]]) -> list[tuple[Fit, Quantity]]:
    """ "1 hour 30 minutes" is one length of time and "45 minutes to an hour" one range:
    adjacent lengths of time are joined before one is chosen."""
    out: list[tuple[Fit, Quantity]] = []
    for fit, q in fits:
        if out and _adjacent(out[-1][1], q, fit, out[-1][0]):
            prev = out[-1][0]
            if q.gap in ("to", "or", "-"):
                low, high = min(prev.value, fit.value), max(prev.value, fit.value)
            else:
                low, high = prev.low + fit.low, prev.high + fit.high
            said = " ".join(p for p in (prev.said, q.gap, fit.said) if p)
            used = tuple(dict.fromkeys(prev.used + fit.used))
            out[-1] = (replace(prev, low=low, high=high, said=said, used=used,
                               explicit=False), q)
        else:
            out.append((fit, q))
    return out


def _adjacent(before: Quantity, q: Quantity, fit: Fit, prev: Fit) -> bool:
    """Two lengths of time side by side: a bigger then a smaller unit, or joined by "to"."""
    if before.unit not in _DURATIONS or q.unit not in _DURATIONS or before.per or q.per:
        return False
    if q.gap in ("to", "or", "-"):
        return True
    return q.gap in ("", "and", ",") and prev.value > fit.value and before.unit != q.unit
