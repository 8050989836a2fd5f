"""Steering the guided advisor by typing: change requests that name a topic, answers that
belong to another question, menu picks by ordinal or part of a label, keeping a what-if,
and a typed "why not X?" after the result."""
from __future__ import annotations

import pytest

from tests.conftest import Chat, option_ids, text_of, to_result


def _to(chat: Chat, factor: str):
    """Start the advisor and answer "not sure" until `factor` is asked."""
    turn = chat.say("help me choose")
    while turn.expects and turn.expects != factor:
        turn = chat.click(f"advisor.{turn.expects}.unsure")
    assert turn.expects == factor
    return turn



def test_emphatic_do_have_is_not_read_as_having_nobody(chat):
    _to(chat, "support_need")
    chat.say("we do have an IT person")
    assert chat.state.flow("advisor").answers.get("internal_it") != "none"


@pytest.mark.parametrize("said", ["actually we do have an IT person now",   # emphatic "do have"
                                  "we have an IT person now"])               # a plain statement
def test_a_differing_fact_after_the_result_corrects_it(chat, said):
    to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    turn = chat.say(said)
    assert chat.state.flow("advisor").answers["internal_it"] == "one"
    assert turn.recommendation is not None


def test_change_the_topic_answer_mid_interview_reopens_that_question(chat):
    _to(chat, "budget")
    chat.click("advisor.budget.fixed_monthly")
    turn = chat.say("change the staff answer")
    assert turn.expects == "internal_it"
    turn = chat.say("change the internal IT answer")
    assert turn.expects == "internal_it"
    turn = chat.say("change my answer about budget")
    assert turn.expects == "budget"


def test_a_change_request_is_never_an_answer_to_the_current_question(chat):
    _to(chat, "support_need")
    turn = chat.say("change the staff answer")
    assert turn.expects == "internal_it"
    assert "support_need" not in {f for f, o in chat.state.flow("advisor").answers.items() if o}


@pytest.mark.parametrize("asked, said, factor, option", [
    ("support_need", "no IT staff", "internal_it", "none"),
    ("strategy", "we have 40 staff", "business_size", "midsize"),
    ("budget", "pretty important, we can't be down", "downtime_tolerance", "critical"),
    ("infrastructure", "pay only when needed", "budget", "pay_as_needed"),   # another question's label
])
def test_an_answer_that_clearly_belongs_to_another_question_is_recorded_there(chat, asked, said, factor, option):
    _to(chat, asked)
    turn = chat.say(said)
    answers = chat.state.flow("advisor").answers
    assert answers.get(factor) == option and asked not in answers
    assert turn.expects == asked


def test_the_which_answer_menu_takes_partial_topics_and_ordinals(engine):
    chat = Chat(engine)
    to_result(chat)
    answered = list(chat.state.flow("advisor").answers)
    chat.click("advisor.change")
    turn = chat.say("the first one")
    assert turn.expects == answered[0]
    chat2 = Chat(engine, "other")
    to_result(chat2)
    chat2.click("advisor.change")
    if "support_need" in chat2.state.flow("advisor").answers:
        assert chat2.say("main problem").expects == "support_need"


def test_yes_keep_that_after_a_what_if_keeps_it(chat):
    to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    before = chat.state.flow("advisor").answers["internal_it"]
    turn = chat.say("what if we had a full IT team?")
    assert option_ids(turn), text_of(turn)
    chat.say("yes, keep that")
    assert chat.state.flow("advisor").answers["internal_it"] not in (before, None)


def test_a_typed_why_not_answers_from_the_users_answers(chat):
    turn = to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    other = next(m for m in ("break_fix", "managed") if m != turn.recommendation["top"])
    label = {"break_fix": "break-fix", "managed": "managed IT"}[other]
    typed = chat.say(f"why not {label}?")
    assert typed.node == "flow.advisor"
    assert typed.replies[0].text.startswith("Why not")


def test_a_typed_why_not_names_any_model_but_the_pick(chat):
    turn = to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    top, runner = turn.recommendation["top"], turn.recommendation["runner_up"]["model"]
    other = next(m for m in ("in_house", "co_managed", "hybrid") if m not in (top, runner))
    name = {"in_house": "in-house", "co_managed": "co-managed", "hybrid": "hybrid IT"}[other]
    typed = chat.say(f"why not {name}?")
    clicked_other = typed.replies[0].text
    assert typed.node == "flow.advisor" and clicked_other.startswith("Why not")
    assert chat.say(f"why not {name}?").replies[0].text == clicked_other
