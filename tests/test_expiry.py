"""A conversation idle past ADVISOR_SESSION_TTL: it says it timed out, never "out of scope"."""
from __future__ import annotations

import pytest

from bot.service import Advisor, retention
from bot.stores import MemoryStore
from bot.types import UserInput
from tests.conftest import option_ids, text_of
from tests.stores.support import FakeClock

TTL = 3600


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def advisor(engine, clock) -> Advisor:
    return Advisor(engine, MemoryStore(retention(TTL), clock=clock), session_ttl=TTL, clock=clock)


def _run_to_result(advisor: Advisor, sid: str):
    turn = advisor.handle(sid, UserInput(option="flow.advisor"))
    while turn.expects:
        turn = advisor.handle(sid, UserInput(option=option_ids(turn)[0]))
    return turn


def test_an_answer_after_expiry_hears_that_the_conversation_timed_out(advisor, clock):
    asked = advisor.handle("a", UserInput(text="help me choose"))
    assert asked.expects
    clock.advance(TTL + 1)
    turn = advisor.handle("a", UserInput(text="about 40 people"))
    assert "timed out" in text_of(turn) and "outside" not in text_of(turn)
    assert turn.expects is None and "flow.advisor" in option_ids(turn)


def test_a_stale_button_after_expiry_is_not_called_unavailable(advisor, clock):
    asked = advisor.handle("b", UserInput(text="help me choose"))
    clock.advance(TTL * 1.5)
    turn = advisor.handle("b", UserInput(option=option_ids(asked)[0]))
    assert "timed out" in text_of(turn) and "isn't available" not in text_of(turn)


def test_the_last_recommendation_can_be_picked_up_after_expiry(advisor, clock):
    result = _run_to_result(advisor, "c")
    assert result.recommendation
    clock.advance(TTL + 60)
    turn = advisor.handle("c", UserInput(text="hello again"))
    assert "timed out" in text_of(turn)
    resumed = advisor.handle("c", UserInput(option="advisor.result"))
    assert resumed.recommendation and resumed.recommendation["top"] == result.recommendation["top"]


def test_a_fresh_question_after_expiry_is_answered_with_a_note(advisor, clock):
    advisor.handle("d", UserInput(text="what is an MSP"))
    clock.advance(TTL + 1)
    turn = advisor.handle("d", UserInput(text="what is break-fix?"))
    assert turn.node == "model.break_fix" and "timed out" in turn.replies[0].text


def test_within_the_ttl_nothing_is_said(advisor, clock):
    advisor.handle("e", UserInput(text="help me choose"))
    clock.advance(TTL - 1)
    turn = advisor.handle("e", UserInput(text="about 40 people"))
    assert "timed out" not in text_of(turn) and turn.node == "flow.advisor"


def test_past_the_retention_a_session_is_simply_new(advisor, clock):
    advisor.handle("f", UserInput(text="help me choose"))
    clock.advance(retention(TTL) + 1)
    turn = advisor.handle("f", UserInput(text="what is an MSP"))
    assert turn.node == "model.managed" and "timed out" not in text_of(turn)
