"""The downtime cost calculator as a small form: one question per input.

Each answer is free text read by `bot.numbers`; a figure the user doesn't know is
filled with the YAML's clearly labelled assumption, which stays changeable from the
result. The arithmetic lives in `bot.calculator`; the wording in dialogs/downtime.yaml.
"""
from __future__ import annotations

from dataclasses import replace

from ..calculator import DowntimeInputs, estimate
from ..knowledge import Knowledge
from ..numbers import Quantity, format_money, format_number, parse_quantities, parse_yes_no
from ..state import FlowState, SessionState
from ..step import Step, options
from ..types import Reply
from .downtime_schema import DowntimeDialog

NAME = "downtime"
NODE = "flow.downtime_calculator"
ASSUME = "calc.assume"
CHANGE = "calc.change"
RESULT = "calc.result"   # the finished estimate again (offered after a session expires)
_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 250, "quarter": 4}


class DowntimeFlow:
    name = NAME
    node = NODE

    def __init__(self, kb: Knowledge):
        self.dialog: DowntimeDialog = kb.docs["dialogs/downtime.yaml"]
        self.steps = {s.id: s for s in self.dialog.steps}
        self.intro = kb.nodes[NODE]
        self.kb = kb

    def owns(self, option_id: str) -> bool:
        return option_id.startswith("calc.")

    def start(self, state: SessionState) -> Step:
        first = self.dialog.steps[0].id
        flow = FlowState(NAME, pending=first, asked=(first,))
        state = state.with_flow(NAME, flow, active=True)
        return Step(state, (Reply(self.intro.answer), self.prompt(flow)), NODE)

    def is_own_question(self, node_id: str) -> bool:
        return node_id == NODE

    def resumable(self, state: SessionState) -> bool:
        flow = state.flow(NAME)
        return flow is not None and (flow.pending in self.steps)

    def resume(self, state: SessionState) -> Step:
        flow = state.flow(NAME)
        assert flow is not None
        return Step(state, (self.prompt(flow),), NODE)

    def prompt(self, flow: FlowState) -> Reply:
        step = self.steps[flow.pending or self.dialog.steps[0].id]
        return Reply(step.question, options([(ASSUME, self.dialog.assume_button)]))

    def on_option(self, state: SessionState, option_id: str) -> Step | None:
        flow = state.flow(NAME)
        if flow is None:
            return None
        if option_id == ASSUME and flow.pending:
            return self._assume(state, flow)
        if option_id == CHANGE and flow.done:
            return self._change_menu(state, flow)
        if option_id == RESULT and flow.done:
            return self._result(state, flow)
        field = option_id.removeprefix(CHANGE + ".")
        if option_id.startswith(CHANGE + ".") and field in self.steps:
            reopened = replace(flow, pending=field, done=False, retries=0)
            return Step(state.with_flow(NAME, reopened, active=True), (self.prompt(reopened),), NODE)
        return None

    def steer(self, state: SessionState, text: str) -> Step | None:
        return None

    def recap(self, state: SessionState) -> tuple[str, str] | None:
        flow = state.flow(NAME)
        return (RESULT, self.dialog.result_button) if flow is not None and flow.done else None

    def summary(self, state: SessionState) -> str | None:
        return None

    def takes_numbers(self, state: SessionState) -> bool:
        """Every question here is a figure: a bare "1" is one, not the first button."""
        return True

    def on_text(self, state: SessionState, text: str) -> Step | None:
        """Read the figure in an answer; the last one wins ("half a day, so 4 hours")."""
        flow = state.flow(NAME)
        if flow is None or flow.pending is None:
            return None
        found = parse_quantities(text)
        if found:
            return self._accept(state, flow, found[-1], text)
        if parse_yes_no(text) == "unsure":
            return self._assume(state, flow)
        return None

    def reask(self, state: SessionState) -> Step:
        """First unreadable answer: ask again with the hint; second: use the assumption."""
        flow = state.flow(NAME)
        assert flow is not None and flow.pending is not None
        if flow.retries >= 1:
            return self._assume(state, flow)
        flow = replace(flow, retries=flow.retries + 1)
        step = self.steps[flow.pending]
        text = self.dialog.reask.format(question=step.question)
        reply = Reply(text, options([(ASSUME, self.dialog.assume_button)]))
        return Step(state.with_flow(NAME, flow, active=True), (reply,), NODE, confidence=0.0)

    def _accept(self, state: SessionState, flow: FlowState, q: Quantity, text: str) -> Step:
        step = self.steps[flow.pending or ""]
        value = q.low if q.high == float("inf") else q.value
        if step.kind == "per_year" and q.per in _PER_YEAR:
            value *= _PER_YEAR[q.per]
        currency = flow.currency or (q.currency if step.kind.startswith("money") else None)
        flow = replace(flow, values={**flow.values, step.id: max(value, 0.0)},
                       texts={**flow.texts, step.id: text[:80]}, currency=currency,
                       assumed=tuple(a for a in flow.assumed if a != step.id))
        return self._advance(state, flow)

    def _assume(self, state: SessionState, flow: FlowState) -> Step:
        step = self.steps[flow.pending or ""]
        flow = replace(flow, values={**flow.values, step.id: step.assumption.value},
                       assumed=tuple(dict.fromkeys((*flow.assumed, step.id))))
        ack = Reply(self.dialog.assumed_ack.format(value=format_number(step.assumption.value),
                                                   note=step.assumption.note))
        return self._advance(state, flow).prepend(ack)

    def _advance(self, state: SessionState, flow: FlowState) -> Step:
        missing = [s.id for s in self.dialog.steps if s.id not in flow.values]
        if missing:
            flow = replace(flow, pending=missing[0], retries=0, asked=(*flow.asked, missing[0]))
            return Step(state.with_flow(NAME, flow, active=True), (self.prompt(flow),), NODE)
        flow = replace(flow, pending=None, retries=0, done=True)
        return self._result(state.with_flow(NAME, flow, active=False), flow)

    def _change_menu(self, state: SessionState, flow: FlowState) -> Step:
        pairs = [(f"{CHANGE}.{s.id}", s.label) for s in self.dialog.steps]
        return Step(state, (Reply(self.dialog.change_prompt, options(pairs)),), NODE)

    def _result(self, state: SessionState, flow: FlowState) -> Step:
        inputs = DowntimeInputs(**{s.id: flow.values[s.id] for s in self.dialog.steps})
        est = estimate(inputs, flow.currency)
        lines = "\n".join(f"- {self.dialog.line_labels.get(k, k)}: {v}" for k, v in est.lines)
        text = self.dialog.result.format(inputs=self._inputs(flow), lines=lines,
                                         verdict=self._verdict(est, flow.currency)).strip()
        buttons = [(CHANGE, self.dialog.change_button)]
        buttons += [(n, self.kb.nodes[n].label) for n in ("compare.break_fix.managed",
                                                          "model.managed.cost", "flow.advisor")]
        return Step(state, (Reply(text, options(buttons)),), NODE)

    def _verdict(self, est, currency: str | None) -> str:
        v = self.dialog.verdicts
        if est.breakeven_share is None:
            return v["no_downtime"].format(breakfix=format_money(est.breakfix_total, currency),
                                           managed=format_money(est.managed_annual_fee, currency))
        if est.breakeven_share <= 0:
            return v["managed_cheaper"]
        if est.breakeven_share > 1:
            return v["cannot"]
        return v["breakeven"].format(share=f"{est.breakeven_share:.0%}")

    def _inputs(self, flow: FlowState) -> str:
        """Each figure with where it came from: the user's own words, or an assumption."""
        rows = []
        for step in self.dialog.steps:
            value = flow.values[step.id]
            shown = format_money(value, flow.currency) if step.kind.startswith("money") \
                else format_number(value)
            source = (self.dialog.input_assumed.format(note=step.assumption.note)
                      if step.id in flow.assumed
                      else self.dialog.input_said.format(text=flow.texts.get(step.id, shown)))
            rows.append(self.dialog.input_line.format(label=step.label, value=shown, source=source))
        return "\n".join(rows)
