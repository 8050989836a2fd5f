"""A third flow plugs in with no edit to the session state or the engine: it brings its
own node and keeps its own state in FlowState.data."""
from __future__ import annotations

from dataclasses import replace

from bot.engine import Engine
from bot.flows import default_flows
from bot.knowledge import Knowledge, Node
from bot.state import FlowState, SessionState
from bot.step import Step, options
from bot.types import Reply
from tests.conftest import Chat, option_ids, text_of

NAME, NODE = "survey", "flow.survey"


def _colour(flow: FlowState) -> str | None:
    """The survey's own typed accessor over its part of the state."""
    got = flow.data.get("colour")
    return got if isinstance(got, str) else None


class Survey:
    """One question, "your favourite colour?", then a thank-you that repeats it."""

    name, node = NAME, NODE

    def owns(self, option_id: str) -> bool:
        return option_id.startswith("survey.")

    def start(self, state: SessionState) -> Step:
        flow = FlowState(NAME, pending="colour", asked=("colour",))
        return self.resume(state.with_flow(NAME, flow, active=True))

    def on_option(self, state: SessionState, option_id: str) -> Step | None:
        return self.on_text(state, option_id.removeprefix("survey.")) if state.active == NAME else None

    def steer(self, state: SessionState, text: str) -> Step | None:
        return None

    def on_text(self, state: SessionState, text: str) -> Step | None:
        flow = state.flow(NAME)
        if flow is None or text.strip().lower() not in ("red", "blue"):
            return None
        flow = replace(flow, pending=None, done=True, data={**flow.data, "colour": text.strip().lower()})
        return Step(state.with_flow(NAME, flow, active=False), (Reply(f"Thanks: {_colour(flow)}."),), NODE)

    def reask(self, state: SessionState) -> Step:
        return self.resume(state)

    def resume(self, state: SessionState) -> Step:
        buttons = options([("survey.red", "Red"), ("survey.blue", "Blue")])
        return Step(state, (Reply("Your favourite colour?", buttons),), NODE)

    def resumable(self, state: SessionState) -> bool:
        return True

    def takes_numbers(self, state: SessionState) -> bool:
        return False

    def is_own_question(self, node_id: str) -> bool:
        return node_id == NODE

    def summary(self, state: SessionState) -> str | None:
        return None

    def recap(self, state: SessionState) -> tuple[str, str] | None:
        return None


def _engine(kb: Knowledge) -> Engine:
    node = Node(NODE, "Colour survey", "Colour survey", "A one-question survey.", (), (), "flow", "tests")
    kb = replace(kb, nodes={**kb.nodes, NODE: node})
    return Engine(kb, flows=[*default_flows(kb), Survey()])


def test_a_third_flow_runs_keeps_its_own_state_and_survives_json(kb: Knowledge) -> None:
    chat = Chat(_engine(kb))
    turn = chat.click(NODE)
    assert "favourite colour" in text_of(turn) and option_ids(turn) == ["survey.red", "survey.blue"]
    chat.state = SessionState.from_json(chat.state.to_json())
    assert chat.state.active == NAME
    turn = chat.say("what is managed IT?")            # a question interrupts, then the survey resumes
    assert "favourite colour" in text_of(turn)
    turn = chat.say("blue")
    assert "Thanks: blue." in text_of(turn) and chat.state.active is None
    again = SessionState.from_json(chat.state.to_json())
    assert _colour(again.flow(NAME)) == "blue" and again.flow(NAME).done


def test_the_other_flows_work_beside_it(kb: Knowledge) -> None:
    chat = Chat(_engine(kb))
    chat.click(NODE)
    chat.say("red")
    turn = chat.click("flow.advisor")
    assert chat.state.active == "advisor" and option_ids(turn)
    assert _colour(chat.state.flow(NAME)) == "red"
