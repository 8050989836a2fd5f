"""The pure core: determinism, state round-trips, content upgrades, any input sequence."""
from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.state import SessionState
from bot.types import UserInput
from tests.conftest import Chat, option_ids, to_result


def test_same_state_and_input_give_the_same_turn(engine):
    state = engine.new_state("s")
    a = engine.handle(state, UserInput(text="what is hybrid IT"))
    b = engine.handle(state, UserInput(text="what is hybrid IT"))
    assert a == b


def test_turn_matches_the_contract(engine):
    _, turn = engine.handle(engine.new_state("s-1"), UserInput(text="what is an MSP"))
    out = turn.to_json()
    assert set(out) == {"session", "replies", "node", "confidence", "suggestions", "expects",
                        "recommendation"}
    assert out["session"] == "s-1" and out["node"] == "model.managed"
    assert 0.0 <= out["confidence"] <= 1.0
    assert all(set(o) == {"id", "label"} for r in out["replies"] for o in r["options"])
    json.dumps(out)


def test_clicked_option_has_full_confidence(engine):
    _, turn = engine.handle(engine.new_state("s"), UserInput(option="topic.sla"))
    assert turn.node == "topic.sla" and turn.confidence == 1.0


def test_ambiguous_text_offers_suggestions(chat):
    turn = chat.say("managed")
    if turn.suggestions:
        assert option_ids(turn) == list(turn.suggestions) and 2 <= len(turn.suggestions) <= 3
    else:
        assert turn.node in ("model.managed", "meta.fallback")


def test_long_input_is_cut_and_not_echoed(chat):
    turn = chat.say("what is break-fix " + "blah " * 20_000)
    text = "\n".join(r.text for r in turn.replies)
    assert "only the start" in text and "blah blah blah" not in text and len(text) < 3000


def test_state_round_trips_through_json(chat):
    chat.say("help me choose")
    chat.click("advisor.strategy.partner")
    restored = SessionState.from_json(chat.state.to_json())
    assert restored == chat.state


def test_resume_after_content_change_keeps_the_pending_question(engine):
    chat = Chat(engine)
    chat.say("help me choose")
    pending = chat.turns[-1].expects
    chat.state = replace(chat.state, knowledge_version="older")
    turn = chat.say("not sure")
    assert "updated since we last spoke" in turn.replies[0].text
    assert turn.expects is not None and turn.expects != pending


def test_restart_after_content_change_when_the_question_is_gone(engine):
    chat = Chat(engine)
    chat.say("help me choose")
    flow = replace(chat.state.flow("advisor"), pending="a_factor_that_was_removed")
    chat.state = replace(chat.state, knowledge_version="older").with_flow("advisor", flow, active=True)
    turn = chat.say("hello")
    assert "start fresh" in turn.replies[0].text
    assert chat.state.active is None and chat.state.flow("advisor") is None


def test_corrupt_or_foreign_options_in_state_do_not_break(engine):
    state = replace(engine.new_state("s"), options=(("no.such.node", "Ghost"),))
    _, turn = engine.handle(state, UserInput(text="1"))
    assert turn.node == "meta.fallback"


OPTION_IDS = ["flow.advisor", "flow.downtime_calculator", "advisor.back", "advisor.change",
              "advisor.why_not", "advisor.compare", "advisor.budget.fixed_monthly",
              "advisor.internal_it.none", "advisor.strategy.unsure", "calc.assume", "calc.change",
              "calc.change.staff_affected", "meta.restart", "model.cloud", "bogus", ""]
TEXTS = ["help me choose", "not sure", "back", "change my answer about budget", "restart",
         "about 40 people", "what is an MSP?", "$45/hour", "2", "9", "", "🙂", "yes", "no",
         "we have one IT guy who is swamped", "run the downtime calculator", "x" * 3000]
INPUTS = st.one_of(st.sampled_from(TEXTS).map(lambda t: UserInput(text=t)),
                   st.sampled_from(OPTION_IDS).map(lambda o: UserInput(option=o)),
                   st.text(max_size=40).map(lambda t: UserInput(text=t)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(INPUTS, min_size=1, max_size=25))
def test_any_input_sequence_gives_well_formed_turns(engine, inputs):
    state = engine.new_state("prop")
    for inp in inputs:
        state, turn = engine.handle(state, inp)
        out = turn.to_json()
        assert out["replies"] and all(r["text"].strip() for r in out["replies"])
        assert 0.0 <= out["confidence"] <= 1.0
        assert out["expects"] is None or out["expects"] in engine.kb.decision.factors
        if out["recommendation"]:
            scores = [r["score"] for r in out["recommendation"]["ranking"]]
            assert len(scores) == 7 and all(0 <= s <= 1 for s in scores)
        assert "{" not in "".join(r["text"] for r in out["replies"]).replace("{{", "")
        assert SessionState.from_json(state.to_json()) == state


def test_a_long_option_id_clicks_through_its_short_form(chat):
    from dataclasses import replace

    from bot.types import short_option_id

    chat.say("what is an MSP")
    long_id = "topic.sla"
    chat.state = replace(chat.state, options=(("x" * 100, "Long"), (long_id, "SLAs")))
    short = short_option_id("x" * 100)
    assert short.startswith("~") and len(short.encode()) <= 64
    assert short_option_id(long_id) == long_id
    assert chat.click(short).node == "meta.fallback"          # resolved, then unknown: stale-button reply
    assert chat.click(short_option_id(long_id)).node == "topic.sla"


def test_without_a_contact_the_advisor_says_it_cannot_put_you_through(kb):
    from bot.engine import Engine

    turn = Chat(Engine(kb)).say("can I talk to a real person")
    assert turn.node == "meta.human" and "can't put you through" in turn.replies[0].text
    assert "@" not in turn.replies[0].text


def test_a_configured_contact_is_given(engine):
    turn = Chat(engine).say("can I talk to a real person")
    assert "call Dana on 555-0100" in turn.replies[0].text


def test_a_hashed_option_id_resolves_whatever_limit_made_it(chat):
    from bot.types import short_option_id

    turn = chat.say("what is an MSP")
    target = turn.replies[-1].options[0].id
    assert chat.click(short_option_id(target, limit=8)).node == target


def test_a_greeting_to_a_conversation_with_a_result_offers_that_result_first(engine):
    chat = Chat(engine)
    to_result(chat)
    again = chat.click("meta.greeting")
    assert again.node == "meta.greeting" and option_ids(again)[0].startswith("advisor.")
    assert option_ids(Chat(engine).click("meta.greeting"))[0] != option_ids(again)[0]
