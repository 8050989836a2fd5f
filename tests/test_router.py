"""Routing whole messages: situations get advice, one-model questions get that model's answer,
other trades' questions that share our words are refused."""
from __future__ import annotations

import pytest

from tests.conftest import Chat, option_ids, text_of


def test_a_situation_asking_what_to_do_opens_the_advisor_with_its_facts(engine):
    chat = Chat(engine)
    turn = chat.say("Hi all - we're an accounting office of about 15 people and our only IT person "
                    "leaves next month. Everything runs on one server in the back room. What are our options?")
    assert turn.node == "flow.advisor" and turn.expects is not None
    assert "Noted:" in text_of(turn) and "Under 20 people" in text_of(turn)
    assert turn.expects not in ("business_size", "it_complexity")
    assert chat.state.flow("advisor").answers["business_size"] == "small"


def test_a_message_written_line_by_line_is_read_sentence_by_sentence(engine):
    """Chat users end sentences with a line break instead of a full stop."""
    turn = Chat(engine).say("we are 30 people\nour only IT guy just quit\nwhat should we do")
    assert turn.node == "flow.advisor" and "Noted:" in text_of(turn)


def test_volunteered_facts_are_not_asked_again_and_can_end_the_interview_early(engine):
    chat = Chat(engine)
    turn = chat.say("We're 60 people with no IT staff, everything on our own servers, we want a "
                    "predictable monthly bill and a partner to plan ahead. Which model fits us?")
    asked = {turn.expects}
    while turn.expects:
        turn = chat.click(option_ids(turn)[0])
        asked.add(turn.expects)
    assert not asked & {"business_size", "internal_it", "infrastructure", "budget", "strategy"}
    assert turn.recommendation is not None


def test_a_situation_asking_about_one_model_gets_its_fit_answer_and_the_advisor_offered(engine):
    turn = Chat(engine).say("We're a 10-person architecture practice with no IT staff and a couple of "
                            "laptops each. Would a help desk service be enough for a firm like ours?")
    assert turn.node == "model.help_desk.best_for"
    assert option_ids(turn)[0] == "flow.advisor" and "Noted:" in text_of(turn)


def test_a_one_model_question_hears_what_in_its_facts_speaks_for_that_model(engine):
    turn = Chat(engine).say("We're an 8-person law office with no IT staff. Is a help desk right for us?")
    assert turn.node.startswith("model.help_desk")
    assert turn.replies[-1].text.startswith("From what you've told me") and "no IT staff" in turn.replies[-1].text


def test_a_one_model_question_whose_facts_favour_nothing_says_so(engine):
    turn = Chat(engine).say("we're a firm of 120 people - would break-fix be ok for a business like ours?")
    assert turn.node.startswith("model.break_fix")
    assert "Nothing you've told me so far points to Break-fix" in turn.replies[-1].text


def test_facts_volunteered_in_a_faq_question_are_kept_for_the_advisor(engine):
    chat = Chat(engine)
    chat.say("We're 40 staff with two overworked IT people. How much does co-managed IT cost?")
    turn = chat.say("ok, which model fits us?")
    assert turn.node == "flow.advisor" and turn.expects not in ("business_size", "internal_it")


def test_a_question_about_an_aspect_takes_the_model_from_the_context(engine):
    turn = Chat(engine).say("We've settled on a managed service provider after a lot of debate. "
                            "We're 50 people in one office. How do we get started?")
    assert turn.node == "model.managed.implement"


def test_a_request_for_a_person_wins_wherever_it_stands(engine):
    turn = Chat(engine).say("We're a 200-person firm with three sites and a mix of servers and cloud. "
                            "I'd rather talk to a real person about this. Thanks.")
    assert turn.node == "meta.human"


@pytest.mark.parametrize("text", [
    "We manage twelve apartment buildings and need a maintenance contract for the boilers and lifts. "
    "Should we pay per call-out or sign an annual service agreement?",
    "Our restaurant needs three more servers for the weekend shifts, where should we advertise?",
    "What does recovery downtime look like after a knee surgery?",
    "Is a hybrid working policy a good idea for our HR team of five?",
])
def test_other_trades_that_share_our_words_are_refused(engine, text):
    assert Chat(engine).say(text).node == "meta.fallback"


@pytest.mark.parametrize("text, refused", [
    ("what is the best antivirus for my kids' computer at home", True),
    ("my personal laptop is slow, can you recommend a fix", True),
    ("is managed IT worth it for my home office business", False),
    ("which support model suits the computers in our office", False),
])
def test_private_life_is_refused_even_when_it_names_it_things(engine, text, refused):
    assert (Chat(engine).say(text).node == "meta.fallback") is refused


def test_an_unsure_reading_of_a_long_it_message_offers_its_likeliest_answers(engine):
    turn = Chat(engine).say("We employ around 300 people and keep a complete internal IT department. "
                            "How steady are in-house costs really, once you add training, turnover and "
                            "rising salaries?")
    assert turn.node == "model.in_house.cost" or "model.in_house.cost" in turn.suggestions


def test_a_second_refusal_in_a_row_changes_its_words_and_offers_a_way_on(engine):
    chat = Chat(engine)
    first = chat.say("what's a good recipe for banana bread?")
    second = chat.say("and how long should I bake it?")
    assert first.node == second.node == "meta.fallback"
    assert text_of(first) != text_of(second)
    assert option_ids(second) == ["topic.models_overview", "flow.advisor", "meta.human"]


def test_a_price_question_naming_no_model_asks_which_most_asked_first(engine):
    turn = Chat(engine).say("how much does it cost?")
    assert option_ids(turn)[:3] == ["model.managed.cost", "model.break_fix.cost", "model.in_house.cost"]
    assert "Which support model" in text_of(turn)


@pytest.mark.parametrize("text, node", [
    ("is a monthly support contract a waste of money if nothing breaks", "model.managed.cons"),
    ("how would we hire an in-house team", "model.in_house.implement"),
    ("does a help desk suit a 10-person firm?", "model.help_desk.best_for"),
])
def test_aspect_questions_inside_a_model_reach_that_aspect(engine, text, node):
    assert Chat(engine).say(text).node == node


def test_a_short_message_stating_facts_then_asking_opens_the_advisor(engine):
    """"IT staff" stated as a fact names no model the user is asking about."""
    turn = Chat(engine).say("20 of us, no IT staff - which model would suit us?")
    assert turn.node == "flow.advisor" and "Noted:" in text_of(turn)


@pytest.mark.parametrize("text", [
    "which support model suits our joinery workshop?",
    "ok, which support model fits us?",
    "right. which support model fits us?",
])
def test_a_business_naming_its_own_trade_or_saying_ok_first_is_not_refused(engine, text):
    assert Chat(engine).say(text).node in ("flow.advisor", "topic.choosing")


@pytest.mark.parametrize("text", [
    "recommend a good thriller novel",
    "our plumbing: yearly service contract or pay as you go call-outs?",
])
def test_another_trade_is_still_refused(engine, text):
    assert Chat(engine).say(text).node == "meta.fallback"


@pytest.mark.parametrize("text, node", [
    ("can I chat with an actual human please", "meta.human"),
    ("right, got to go now", "meta.goodbye"),
    ("that was really helpful, ta", "meta.thanks"),
    ("could one of your people give me a call back", "meta.human"),
    ("let's start from scratch please", "meta.restart"),
    ("right, I'm done for now", "meta.goodbye"),
])
def test_small_talk_is_heard_in_common_wordings(engine, text, node):
    assert Chat(engine).say(text).node == node


def test_a_cost_question_naming_no_model_asks_which_one(engine):
    turn = Chat(engine).say("what does IT support typically cost a month?")
    assert option_ids(turn)[:2] == ["model.managed.cost", "model.break_fix.cost"]


def test_a_bare_model_name_follows_the_last_answers_aspect(engine):
    chat = Chat(engine)
    assert chat.say("what are the downsides of break-fix").node == "model.break_fix.cons"
    assert chat.say("and hybrid?").node == "model.hybrid.cons"
    assert chat.say("how about co-managed").node == "model.co_managed.cons"
    assert Chat(engine).say("cloud").node == "model.cloud"


def test_facts_alone_start_a_recommendation_and_are_used_later(engine):
    chat = Chat(engine)
    turn = chat.say("we're a design studio of 25, nobody does IT full time")
    assert turn.node == "flow.advisor" and "Noted:" in text_of(turn)


def test_which_model_fits_after_facts_mid_faq_opens_the_advisor(engine):
    chat = Chat(engine)
    chat.say("we have 40 staff and two IT people. what does co-managed IT cost?")
    assert chat.say("alright then, which model fits us?").node == "flow.advisor"
