"""The calculator's replies, put together from the templates in dialogs/downtime.yaml.

Every figure is written back in the user's terms and in the step's unit ("36 outages a
year ("3 a month")"), so a misreading shows the moment it happens; a range says its
middle was taken, a yearly total says what it was spread over.
"""
from __future__ import annotations

import math

from ..calculator import DowntimeEstimate
from ..measures import CONSTANTS
from ..normalize import fold
from ..numbers import format_money, format_number
from ..state import FlowState
from .downtime_fit import Fit
from .downtime_schema import CalcStep, DowntimeDialog
from .downtime_state import currency_of, figures


class Writer:
    def __init__(self, dialog: DowntimeDialog):
        self.d = dialog
        self.steps = {s.id: s for s in dialog.steps}

    def amount(self, step: CalcStep, value: float, currency: str | None) -> str:
        """The bare figure: money for money steps, a plain number for the rest."""
        return format_money(value, currency) if step.kind.startswith("money") \
            else format_number(value)

    def figure(self, step_id: str, value: float, currency: str | None) -> str:
        """ "12 people", "$45 an hour", "1 person"."""
        step = self.steps[step_id]
        if value == 1 and step.figure_one:
            return step.figure_one
        return step.figure.format(value=self.amount(step, value, currency))

    def said(self, fit: Fit, currency: str | None) -> str:
        """The figure with the words it came from, and how it was read from them."""
        step = self.steps[fit.step]
        figure = self.figure(fit.step, fit.value, currency)
        if fit.how == "total":
            template = self.d.said_total_range if fit.low != fit.high else self.d.said_total
            return template.format(figure=figure, said=fit.said, count=format_number(fit.count),
                                   low=self.amount(step, fit.low, currency),
                                   high=self.amount(step, fit.high, currency))
        if math.isinf(fit.high):
            return self.d.said_floor.format(figure=figure, said=fit.said)
        if fit.low != fit.high:
            return self.d.said_range.format(figure=figure, said=fit.said,
                                            low=self.amount(step, fit.low, currency),
                                            high=self.amount(step, fit.high, currency))
        if fit.said in ("", format_number(fit.value)) or fold(fit.said) == fold(figure):
            return figure
        return self.d.said.format(figure=figure, said=fit.said)

    def got(self, fits: list[Fit], currency: str | None, first: bool = False) -> str:
        """ "Got it: 24 outages a year ("twice a month"); 4 hours ("half a day")."; the first
        time, with how to correct it."""
        text = self.d.got.format(figures=self.d.got_join.join(self.said(f, currency)
                                                                for f in fits))
        return f"{text} {self.d.got_hint}" if first else text

    def check(self, fit: Fit, currency: str | None) -> str:
        """The question asked before an unusual figure, or a fee per user, is used."""
        figure = self.figure(fit.step, fit.value, currency)
        if fit.how == "per_person":
            return self.d.check_per_person.format(said=fit.said, figure=figure,
                                                  count=format_number(fit.count))
        if fit.how == "update":
            return self.d.check_update.format(said=fit.said, figure=figure,
                                              old=self.figure(fit.step, fit.count, currency))
        step = self.steps[fit.step]
        bounds = step.plausible
        if fit.value > bounds.high:
            return self.d.check_high.format(figure=figure, said=fit.said,
                                            high=self.figure(fit.step, bounds.high, currency))
        return self.d.check_low.format(figure=figure, said=fit.said,
                                       low=self.figure(fit.step, bounds.low, currency))

    def result(self, flow: FlowState, est: DowntimeEstimate) -> str:
        lines = "\n".join(f"- {self.d.line_labels.get(k, k)}: {v}" for k, v in est.lines)
        return self.d.result.format(inputs=self._inputs(flow), conversions=self._used(flow),
                                    lines=lines, verdict=self._verdict(est, currency_of(flow)))

    def _verdict(self, est: DowntimeEstimate, currency: str | None) -> str:

        def money(value: float) -> str:
            return format_money(value, currency)

        percent = est.breakeven_percent
        return self.d.verdicts[est.verdict].format(  # type: ignore[index]
            share=format_number(percent) if percent is not None else "",
            breakfix=money(est.breakfix_total), managed=money(est.managed_annual_fee),
            fees=money(est.annual_breakfix_fees), loss=money(est.annual_downtime_loss),
            difference=money(abs(est.difference)))

    def _used(self, flow: FlowState) -> str:
        """The conversion assumptions this run rested on, months always among them."""
        used = {"months_per_year"} | {c for cs in flow.data.get("used", {}).values() for c in cs}
        return "\n".join(self.d.conversion_line.format(note=self.d.conversions[c].note)
                         for c in CONSTANTS if c in used)

    def _inputs(self, flow: FlowState) -> str:
        """Each figure with where it came from: the user's own words, or an assumption."""
        rows = []
        for step in self.d.steps:
            value = figures(flow)[step.id]
            shown = self.amount(step, value, currency_of(flow))
            source = (self.d.input_assumed.format(note=step.assumption.note)
                      if step.id in flow.assumed
                      else self.d.input_said.format(text=flow.texts.get(step.id, shown)))
            rows.append(self.d.input_line.format(label=step.label, value=shown, source=source))
        return "\n".join(rows)
