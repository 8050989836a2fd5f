"""Changing a figure: the menu, "change the technician rate (to $90)", and corrections.

A correction typed right after a figure was read ("no, 3 a month") fixes that figure,
not the question now pending; FlowState.data["last"] names the steps the latest answer
set. After the result a figure alone goes to the one step whose kind it is ("5 people");
one that could be either of two ("$50 an hour") is held in data["hold"] while the user
picks which.
"""
from __future__ import annotations

from dataclasses import replace

from ..numbers import Quantity, parse_quantities, parse_quantity
from ..state import FlowState, SessionState
from ..step import Step, options
from ..types import Reply
from .downtime_form import CHANGE, NAME, NODE, Form, clear
from .downtime_read import Reader
from .downtime_state import figures


class Changes:
    def __init__(self, form: Form, reader: Reader):
        self.form = form
        self.reader = reader
        self.dialog = form.dialog
        self.order = [s.id for s in form.dialog.steps]

    def menu(self, state: SessionState, flow: FlowState, among: list[str] | None = None,
             hold: str | None = None) -> Step:
        ids = among or [s for s in self.order if flow.done or s in figures(flow)]
        prompt = self.dialog.which_figure.format(said=hold) if hold else self.dialog.change_prompt
        pairs = [(f"{CHANGE}.{i}", self.form.steps[i].label) for i in ids]
        flow = replace(flow, data={**flow.data, "menu": True, "hold": hold})
        return Step(state.with_flow(NAME, flow, active=True), (Reply(prompt, options(pairs)),),
                    NODE)

    def pick(self, state: SessionState, flow: FlowState, step_id: str) -> Step:
        """A figure picked from the menu: asked again, or given the figure held for it."""
        held = flow.data.get("hold")
        found = parse_quantities(held) if held else []
        flow = clear(flow)
        if found:
            return self.put(state, flow, step_id, found[0], held or "")
        return self.form.reopen(state, flow, step_id)

    def change(self, state: SessionState, flow: FlowState, text: str) -> Step | None:
        """ "change the technician rate (to $90)"; a change naming no figure: the menu."""
        named = self.reader.named(text)
        found = parse_quantities(text)
        if named and found:
            return self.put(state, flow, named, found[0], text)
        if named:
            return self.form.reopen(state, flow, named)
        if self.reader.names_no_figure(text) or len(text.split()) <= 4:
            return self.menu(state, flow) if figures(flow) or flow.done else None
        return None

    def correct(self, state: SessionState, flow: FlowState, text: str) -> Step | None:
        """ "no, 3 a month" fixes the figure just read; a bare "no" asks it again."""
        last = [s for s in flow.data.get("last", []) if s in figures(flow)]
        found = parse_quantities(text)
        if not found:
            rest = self.reader.correction(text)
            return self.form.reopen(state, flow, last[0]) if last and not rest else None
        q = found[0]
        fitting = [s for s in last if self.reader.fit(s, q, figures(flow))]
        answered = [s for s in self.order if s in figures(flow)]
        natives = self.reader.native_steps(q, answered)
        target = fitting[0] if fitting else natives[0] if len(natives) == 1 else None
        if target is None and flow.done:
            return self.late_figure(state, flow, text)
        return self.put(state, flow, target, q, text) if target else None

    def late_figure(self, state: SessionState, flow: FlowState, text: str) -> Step | None:
        """A figure typed after the result: its own step if only one takes it, else ask."""
        found = parse_quantity(text)
        if found is None:
            return None
        candidates = self.reader.native_steps(found, self.order)
        if len(candidates) == 1:
            return self.put(state, flow, candidates[0], found, text)
        return self.menu(state, flow, candidates, hold=text) if candidates else None

    def put(self, state: SessionState, flow: FlowState, step_id: str, q: Quantity,
            text: str) -> Step:
        """Set one step's figure from a reading, outside the question order."""
        fit = self.reader.fit(step_id, q, figures(flow))
        if fit is None:
            reopened = replace(flow, pending=step_id, done=False, retries=0)
            return self.form.wrong(state, clear(reopened), q, self.reader.kind(q))
        return self.form.take(state, clear(flow), [fit], text)
