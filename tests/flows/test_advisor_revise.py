"""Typed corrections and what-ifs, during the interview and after the result."""
from __future__ import annotations

from tests.conftest import Chat, option_ids, text_of, to_result


def test_a_typed_correction_after_the_result_updates_it(engine):
    chat = Chat(engine)
    first = to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    turn = chat.say("actually we now have one part-time IT person")
    assert turn.recommendation is not None and "Updated:" in turn.replies[0].text
    assert chat.state.flow("advisor").answers["internal_it"] == "one"
    assert turn.recommendation["ranking"] != first.recommendation["ranking"]


def test_a_what_if_shows_both_rankings_and_changes_nothing_until_kept(engine):
    chat = Chat(engine)
    to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    before = dict(chat.state.flow("advisor").answers)
    other = "cloud" if before["infrastructure"] == "on_prem" else "on_prem"
    turn = chat.say("what if everything ran in the cloud?" if other == "cloud" else "what if we had our own servers?")
    assert "would be" in text_of(turn) and "as they stand" in text_of(turn)
    assert chat.state.flow("advisor").answers == before
    kept = chat.click(option_ids(turn)[0])
    assert chat.state.flow("advisor").answers["infrastructure"] == other and kept.recommendation


def test_change_my_answer_about_a_topic_works_typed_after_the_result(engine):
    chat = Chat(engine)
    to_result(chat, "help me choose")
    turn = chat.say("change my answer about the budget")
    assert turn.expects == "budget"


def test_a_correction_during_the_interview_fixes_the_earlier_answer(engine):
    chat = Chat(engine)
    turn = chat.say("We're 12 people. Which model fits us?")
    assert chat.state.flow("advisor").answers["business_size"] == "small"
    turn = chat.say("sorry, I meant we're about 60 people")
    assert chat.state.flow("advisor").answers["business_size"] == "midsize"
    assert "Updated:" in turn.replies[0].text and turn.expects


def test_facts_in_an_answer_to_another_question_are_kept(engine):
    chat = Chat(engine)
    turn = chat.say("help me choose")
    asked = turn.expects
    turn = chat.say("not sure, but we're 80 staff with two IT people who are swamped")
    answers = chat.state.flow("advisor").answers
    assert answers.get("business_size") == "midsize" or asked == "business_size"
    assert "Noted:" in text_of(turn) or asked in ("business_size", "internal_it")


def test_restating_a_fact_is_acknowledged_not_refused(engine):
    chat = Chat(engine)
    to_result(chat, "We're 12 people with no IT staff. Which model fits us?")
    turn = chat.say("actually we have nobody doing IT")
    assert turn.node != "meta.fallback"


def test_at_the_which_answer_menu_a_partial_topic_or_another_word_picks_it(engine):
    chat = Chat(engine)
    to_result(chat, "help me choose")
    menu = chat.say("change my answer")
    assert all(o.startswith("advisor.change.") for o in option_ids(menu))
    assert chat.say("size").expects == "business_size"
    to_result(chat, "help me choose")
    chat.say("change my answer")
    assert chat.say("the money one").expects == "budget"


def test_why_not_does_not_repeat_itself_or_offer_itself_again(engine):
    chat = Chat(engine)
    result = to_result(chat, "help me choose")
    turn = chat.click("advisor.why_not")
    shown = set(result.recommendation["reasons"][:3])
    assert not any(reason in text_of(turn) for reason in shown) or "none of your other answers" in text_of(turn)
    assert "advisor.why_not" not in option_ids(turn)
