"""The calculator as a form: record figures, question doubtful ones, ask the next, add up.

A figure is recorded with the user's words and the conversions it used; an unusual one
(outside the step's plausible range), or a fee per user multiplied out, is held in
FlowState.data["check"] until the user says yes. Every step returned leaves the
calculator active: after the result too, so typed changes still reach it (see
`DowntimeFlow.reask`, which hands anything else back).
"""
from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from ..calculator import DowntimeInputs, estimate
from ..numbers import Quantity
from ..state import FlowState, SessionState
from ..step import Step, options
from ..types import Reply
from .downtime_fit import INCIDENTS, Fit, kind
from .downtime_schema import DowntimeDialog
from .downtime_state import currency_of, figures, with_figures
from .downtime_text import Writer

NAME = "downtime"
NODE = "flow.downtime_calculator"
ASSUME = "calc.assume"
KEEP = "calc.keep"
CHANGE = "calc.change"


class Form:
    def __init__(self, dialog: DowntimeDialog, followups: list[tuple[str, str]]):
        self.dialog = dialog
        self.steps = {s.id: s for s in dialog.steps}
        self.write = Writer(dialog)
        self.months = dialog.conversions["months_per_year"].value
        self.result_buttons = [(CHANGE, dialog.change_button), *followups]

    def prompt(self, flow: FlowState, *lead: str) -> Reply:
        """The pending question (or the check of a held figure), after any lead lines."""
        check = flow.data.get("check")
        buttons = [(KEEP, self.dialog.keep_button)] if check else []
        if check:
            fit = held(check)
            text = self.write.check(fit, currency_of(flow) or fit.currency)
        else:
            text = self.steps[flow.pending or self.dialog.steps[0].id].question
        if flow.pending:
            buttons.append((ASSUME, self.dialog.assume_button))
        return Reply("\n\n".join((*lead, text)), options(buttons))

    def take(self, state: SessionState, flow: FlowState, fits: list[Fit], text: str,
             updates: tuple[Fit, ...] = ()) -> Step:
        """Record what an answer gave; the first figure waits for a "yes" when unusual, and
        a figure that changes an earlier answer waits for one before it replaces it."""
        head = fits[0]
        clash = next((f for f in fits if f.currency and currency_of(flow) not in (None, f.currency)),
                     None)
        if clash is not None:
            note = self.dialog.other_currency.format(said=clash.said, currency=currency_of(flow))
            return self.ask(state, replace(flow, retries=flow.retries + 1), note)
        kept = [f for f in fits[1:] if self._plausible(f)]
        first = not flow.data.get("last")
        if head.how == "per_person" or not self._plausible(head):
            flow = self._record(flow, kept, text) if kept else flow
            flow = replace(flow, data={**flow.data, "check": held_data(head, text)})
            lines = (self.write.got(kept, currency_of(flow), first),) if kept else ()
            return self.ask(state, flow, *lines)
        earlier = self._earlier_in(flow, [head, *kept])
        flow = self._record(flow, [head, *kept], text)
        if updates:
            flow = replace(flow, data={**flow.data, "check": held_data(updates[0], text)})
        return self.next(state, flow, self.write.got([head, *kept], currency_of(flow), first),
                         *earlier)

    def _earlier_in(self, flow: FlowState, fits: list[Fit]) -> list[str]:
        """The first currency given also names the money figures typed before it, so "40 an
        hour" confirmed earlier is "$40" in the result and said so now."""
        currency = next((f.currency for f in fits if f.currency
                         and self.steps[f.step].kind.startswith("money")), None)
        if currency_of(flow) or currency is None:
            return []
        given = {f.step for f in fits}
        earlier = [self.write.figure(s, v, currency) for s, v in figures(flow).items()
                   if s not in given and self.steps[s].kind.startswith("money")]
        if not earlier:
            return []
        return [self.dialog.currency_set.format(figures=self.dialog.got_join.join(earlier))]

    def _record(self, flow: FlowState, fits: list[Fit], text: str) -> FlowState:
        values, texts = dict(figures(flow)), dict(flow.texts)
        used = dict(flow.data.get("used", {}))
        currency = currency_of(flow)
        for fit in fits:
            values[fit.step], texts[fit.step] = max(fit.value, 0.0), text[:80]
            used[fit.step] = list(fit.used)
            if self.steps[fit.step].kind.startswith("money"):
                currency = currency or fit.currency
        steps = [f.step for f in fits]
        data = {**flow.data, "used": used, "last": steps, "check": None}
        flow = replace(flow, texts=texts, data=data, assumed=tuple(a for a in flow.assumed if a not in steps),
                       retries=0)
        return with_figures(flow, values, currency=currency)

    def _plausible(self, fit: Fit) -> bool:
        bounds = self.steps[fit.step].plausible
        return bounds.low <= fit.value <= bounds.high

    def keep(self, state: SessionState, flow: FlowState) -> Step:
        """ "Yes, that's right": the held figure is used as read."""
        data = flow.data["check"]
        fit = held(data)
        flow = self._record(flow, [fit], data.get("text", fit.said))
        return self.next(state, flow, self.write.got([fit], currency_of(flow)))

    def moved(self, state: SessionState, flow: FlowState, fit: Fit, q: Quantity,
              text: str, found: str) -> Step:
        """A figure for another step, recorded there; the pending question is asked again."""
        if not self._plausible(fit) or fit.how == "per_person":
            return self.wrong(state, flow, q, found)
        figure = self.write.figure(fit.step, fit.value, currency_of(flow) or fit.currency)
        note = self.dialog.moved.format(figure=figure, said=fit.said,
                                        label=self.steps[fit.step].label)
        return self.ask(state, self._record(flow, [fit], text), note)

    def wrong(self, state: SessionState, flow: FlowState, q: Quantity,
              found: str | None = None) -> Step:
        """A figure of the wrong kind is questioned, every time: it is an answer, just not to
        this question, so it never turns into the placeholder assumption unannounced (the
        assumption stays one tap away)."""
        note = self.dialog.wrong_kind.format(said=q.said,
                                             found=self.dialog.kinds[found or kind(q)],
                                             needs=self.steps[flow.pending or ""].needs)
        return self.ask(state, flow, note)

    def two_figures(self, state: SessionState, flow: FlowState, fits: tuple[Fit, ...],
                    text: str) -> Step:
        """ "last year 4, this year 6": two answers to one question; ask which, guess none."""
        shown = [self.write.figure(f.step, f.value, currency_of(flow) or f.currency) for f in fits]
        note = self.dialog.two_figures.format(said=text.strip()[:80], first=shown[0],
                                              second=shown[1])
        return self.ask(state, flow, note)

    def assume(self, state: SessionState, flow: FlowState, ack: str | None = None) -> Step:
        step = self.steps[flow.pending or ""]
        value = step.assumption.value
        used = {k: v for k, v in flow.data.get("used", {}).items() if k != step.id}
        flow = with_figures(replace(flow, assumed=tuple(dict.fromkeys((*flow.assumed, step.id))),
                                    data={**flow.data, "used": used, "last": [step.id], "check": None}),
                            {**figures(flow), step.id: value})
        figure = self.write.figure(step.id, value, currency_of(flow))
        template = ack or self.dialog.assumed_ack
        ack_reply = Reply(template.format(figure=figure, note=step.assumption.note))
        return self.next(state, flow).prepend(ack_reply)

    def next(self, state: SessionState, flow: FlowState, *lead: str) -> Step:
        """The first unanswered question, or the result once every figure is in."""
        flow, skipped = self._per_outage(flow)
        lead = (*lead, *skipped)
        missing = [s.id for s in self.dialog.steps if s.id not in figures(flow)]
        if not missing:
            return self.result(state, flow, *lead)
        flow = replace(flow, pending=missing[0], retries=0, done=False,
                       asked=tuple(dict.fromkeys((*flow.asked, missing[0]))))
        return self.ask(state, flow, *lead)

    def _per_outage(self, flow: FlowState) -> tuple[FlowState, tuple[str, ...]]:
        """With no outages ("never"), figures per outage cannot change the cost: they are
        counted as 0 and said so, not asked; once outages are back they are asked again."""
        zeroed = list(flow.data.get("zeroed", []))
        if figures(flow).get(INCIDENTS, 1.0) > 0:
            if not zeroed:
                return flow, ()
            values = {k: v for k, v in figures(flow).items() if k not in zeroed}
            return with_figures(replace(flow, data={**flow.data, "zeroed": []}), values), ()
        open_ = [s for s in self.dialog.steps if s.per_outage and s.id not in figures(flow)]
        if not open_:
            return flow, ()
        values = {**figures(flow), **{s.id: 0.0 for s in open_}}
        texts = {**flow.texts, **{s.id: flow.texts.get(INCIDENTS, "") for s in open_}}
        data = {**flow.data, "zeroed": [*zeroed, *(s.id for s in open_)]}
        note = self.dialog.no_outages.format(
            labels=self.dialog.labels_join.join(s.label.lower() for s in open_))
        return with_figures(replace(flow, texts=texts, data=data), values), (note,)

    def ask(self, state: SessionState, flow: FlowState, *lead: str) -> Step:
        flow = replace(flow, data={**flow.data, "menu": False, "hold": None})
        return Step(state.with_flow(NAME, flow, active=True), (self.prompt(flow, *lead),), NODE)

    def reopen(self, state: SessionState, flow: FlowState, step_id: str) -> Step:
        """Ask a figure again; it is now what "no wait, I meant 20" corrects."""
        flow = replace(flow, pending=step_id, done=False, retries=0,
                       asked=tuple(dict.fromkeys((*flow.asked, step_id))),
                       data={**flow.data, "last": [step_id]})
        return self.ask(state, clear(flow))

    def result(self, state: SessionState, flow: FlowState, *lead: str) -> Step:
        flow = replace(flow, pending=None, retries=0, done=True,
                       data={**flow.data, "menu": False, "hold": None, "check": None})
        inputs = DowntimeInputs(**{s.id: figures(flow)[s.id] for s in self.dialog.steps})
        est = estimate(inputs, currency_of(flow), months_per_year=self.months)
        text = "\n\n".join((*lead, self.write.result(flow, est).strip()))
        reply = Reply(text, options(self.result_buttons))
        return Step(state.with_flow(NAME, flow, active=False), (reply,), NODE)


def clear(flow: FlowState) -> FlowState:
    """Drop a held figure and any open menu: the user has moved on."""
    return replace(flow, data={**flow.data, "check": None, "menu": False, "hold": None})


def held_data(fit: Fit, text: str) -> dict[str, Any]:
    """A held figure as JSON-able data (lists, not tuples, so state round-trips)."""
    return {**asdict(fit), "used": list(fit.used), "text": text[:80]}


def held(data: dict[str, Any]) -> Fit:
    fields = {k: v for k, v in data.items() if k != "text"}
    return Fit(**{**fields, "used": tuple(fields.get("used", ()))})
