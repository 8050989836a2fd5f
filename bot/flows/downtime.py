"""The downtime cost calculator: the Flow the engine talks to.

Each answer is read by `downtime_read` into figures in the step's own unit, confirmed
in the user's terms, and questioned when it is of the wrong kind or far outside the
plausible range; a figure the user doesn't know is the YAML's labelled assumption.
`downtime_form` records figures and moves on, `downtime_change` changes them; the
arithmetic and the verdict live in `bot.calculator`, the wording in dialogs/downtime.yaml.

FlowState.data keeps: "used" (conversion constants per step), "last" (the steps the
latest answer set, which a correction fixes), "check" (a figure held until the user
confirms it: an unusual figure, or one that changes an earlier answer), "menu" (the
"which figure" menu is showing), "hold" (a figure typed after the result that could be
either of two, kept until one is picked) and "zeroed" (figures per outage counted as 0
because there are none, asked again if outages come back).

After its result the calculator lets the conversation go; the engine still offers
typed text to its `steer` first, so "change the technician rate" or "actually it's 5
people" reach it, and anything else is answered as usual.
"""
from __future__ import annotations

from dataclasses import replace

from ..inputs import looks_like_question
from ..knowledge import Knowledge
from ..numbers import parse_quantities, parse_yes_no
from ..state import FlowState, SessionState
from ..step import Step, options
from ..types import Reply
from .downtime_change import Changes
from .downtime_form import ASSUME, CHANGE, KEEP, NAME, NODE, Form, clear
from .downtime_read import Reader
from .downtime_state import figures

RESULT = "calc.result"   # the finished estimate again (offered after a session expires)
_FOLLOWUPS = ("compare.break_fix.managed", "model.managed.cost", "flow.advisor")


class DowntimeFlow:
    name = NAME
    node = NODE

    def __init__(self, kb: Knowledge):
        self.dialog = kb.downtime_dialog
        self.intro = kb.nodes[NODE]
        self.reader = Reader(self.dialog)
        self.form = Form(self.dialog, [(n, kb.nodes[n].label) for n in _FOLLOWUPS])
        self.changes = Changes(self.form, self.reader)

    def owns(self, option_id: str) -> bool:
        return option_id.startswith("calc.")

    def start(self, state: SessionState) -> Step:
        first = self.dialog.steps[0].id
        flow = FlowState(NAME, pending=first, asked=(first,))
        state = state.with_flow(NAME, flow, active=True)
        return Step(state, (Reply(self.intro.answer), self.form.prompt(flow)), NODE)

    def is_own_question(self, node_id: str) -> bool:
        return node_id == NODE

    def resumable(self, state: SessionState) -> bool:
        flow = state.flow(NAME)
        return flow is not None and (flow.pending in self.form.steps or flow.done)

    def resume(self, state: SessionState) -> Step:
        """The pending question again; after the result, a pointer to it (and the calculator
        stops listening for typed changes)."""
        flow = state.flow(NAME)
        assert flow is not None
        if flow.pending is None and not flow.data.get("check"):
            return self._hand_back(state, flow, self.dialog.result_resume)
        return Step(state, (self.form.prompt(flow),), NODE)

    def on_option(self, state: SessionState, option_id: str) -> Step | None:
        flow = state.flow(NAME)
        if flow is None:
            return None
        if option_id == ASSUME and flow.pending:
            return self.form.assume(state, flow)
        if option_id == KEEP and flow.data.get("check"):
            return self.form.keep(state, flow)
        if option_id == CHANGE and (flow.done or figures(flow)):
            return self.changes.menu(state, flow)
        if option_id == RESULT and flow.done:
            return self.form.result(state, flow)
        field = option_id.removeprefix(CHANGE + ".")
        if option_id.startswith(CHANGE + ".") and field in self.form.steps:
            return self.changes.pick(state, flow, field)
        return None

    def steer(self, state: SessionState, text: str) -> Step | None:
        """Words that move the calculator: a pick from the "which figure" menu, "change
        the technician rate (to $90)", and "no, 3 a month" right after a figure was read."""
        flow = state.flow(NAME)
        if flow is None or (state.active != NAME and not flow.done):
            return None
        if flow.data.get("menu") or flow.data.get("hold"):
            named = self.reader.named(text)
            if named is not None:
                return self.changes.pick(state, flow, named)
        if self.reader.change_request(text):
            return self.changes.change(state, flow, text)
        if not flow.data.get("check") and self.reader.correction(text) is not None:
            return self.changes.correct(state, flow, text)
        if not flow.done or looks_like_question(text):
            return None
        named = self.reader.named(text)
        found = parse_quantities(text) if named else []
        if named and found:
            return self.changes.put(state, flow, named, found[0], text)
        # a bare figure right after the result is about the result ("$50 an hour")
        return self.changes.late_figure(state, flow, text) if state.last_node == NODE else None

    def on_text(self, state: SessionState, text: str) -> Step | None:
        flow = state.flow(NAME)
        if flow is None:
            return None
        if flow.pending is None:
            return self._no_figure(state, flow, text) if flow.data.get("check") \
                else self.changes.late_figure(state, flow, text)
        reading = self.reader.read(text, flow.pending, figures(flow))
        if reading.rivals:
            return self.form.two_figures(state, clear(flow), reading.rivals, text)
        if reading.fits:
            return self.form.take(state, clear(flow), list(reading.fits), text, reading.updates)
        if reading.wrong is not None:
            found = self.reader.kind(reading.wrong)
            if reading.moved is not None:
                return self.form.moved(state, clear(flow), reading.moved, reading.wrong, text,
                                       found)
            return self.form.wrong(state, clear(flow), reading.wrong, found)
        return self._no_figure(state, flow, text)

    def reask(self, state: SessionState) -> Step:
        """First unreadable answer: ask again with the hint; second: use the assumption.
        After the result, text that is not about it hands the conversation back."""
        flow = state.flow(NAME)
        assert flow is not None
        if flow.pending is None:
            return self._hand_back(state, flow, self.dialog.after_result)
        if flow.retries >= 1:
            return self.form.assume(state, flow, self.dialog.assumed_unread)
        flow = replace(flow, retries=flow.retries + 1)
        text = self.dialog.reask.format(question=self.form.steps[flow.pending or ""].question)
        reply = Reply(text, options([(ASSUME, self.dialog.assume_button)]))
        return Step(state.with_flow(NAME, flow, active=True), (reply,), NODE, confidence=0.0)

    def recap(self, state: SessionState) -> tuple[str, str] | None:
        flow = state.flow(NAME)
        return (RESULT, self.dialog.result_button) if flow is not None and flow.done else None

    def summary(self, state: SessionState) -> str | None:
        return None

    def takes_numbers(self, state: SessionState) -> bool:
        """A bare "1" answers a question here; at a menu or after the result it picks."""
        flow = state.flow(NAME)
        if flow is None or flow.data.get("check"):
            return True
        return not (flow.done or flow.data.get("menu") or flow.data.get("hold"))

    def _no_figure(self, state: SessionState, flow: FlowState, text: str) -> Step | None:
        """No figure: "yes" keeps a held one, "no" drops it, "not sure" assumes."""
        answer = parse_yes_no(text)
        if flow.data.get("check") and answer == "yes":
            return self.form.keep(state, flow)
        if flow.data.get("check") and answer == "no":
            return self.form.next(state, clear(flow)) if flow.pending is None \
                else self.form.ask(state, clear(flow))
        return self.form.assume(state, flow) if answer == "unsure" and flow.pending else None

    def _hand_back(self, state: SessionState, flow: FlowState, text: str) -> Step:
        reply = Reply(text, options(self.form.result_buttons))
        flow = clear(flow)
        return Step(state.with_flow(NAME, flow, active=False), (reply,), NODE, confidence=0.0)
