"""Reading a whole message: the facts it states, the sentence that asks, and its sense."""
from __future__ import annotations

import pytest

from bot.reading import build_reader


@pytest.fixture(scope="module")
def reader(kb):
    return build_reader(kb)


def _facts(reader, text):
    return {f: x.option for f, x in reader.read(text).facts.items()}


@pytest.mark.parametrize("text, expected", [
    ("We're 15 people in a law office with no IT staff.", {"business_size": "small", "internal_it": "none"}),
    ("Our IT team is two people for 140 employees.", {"business_size": "midsize"}),
    ("a 70-person firm where I'm the one IT guy", {"business_size": "midsize", "internal_it": "one"}),
    ("we have 3 IT staff", {"internal_it": "stretched"}),
])
def test_a_count_of_it_people_is_never_the_company_size(reader, text, expected):
    facts = _facts(reader, text)
    assert {k: facts.get(k) for k in expected} == expected
    if "business_size" not in expected:
        assert "business_size" not in facts


@pytest.mark.parametrize("text", [
    "is cloud-based support risky?",
    "how is managed IT usually priced?",
    "what does an in-house IT team cost?",
    "what is break-fix?",
])
def test_naming_a_support_model_is_not_a_fact_about_the_business(reader, text):
    assert _facts(reader, text) == {}


def test_chat_spellings_and_clauses_are_read(reader):
    facts = _facts(reader, "hi we r 8 ppl, no servers, nobody does IT, just laptops")
    assert facts["business_size"] == "small" and facts["internal_it"] == "none"


def test_a_question_states_counted_facts(reader):
    facts = _facts(reader, "would a help desk be enough for a 12 person agency?")
    assert facts == {"business_size": "small"}


@pytest.mark.parametrize("text, anchored", [
    ("our laptops keep crashing and we have no one to call", True),
    ("We're 40 staff and our IT guy is leaving", True),
    ("what's the best maintenance contract for a boiler?", False),
    ("our gym has membership tiers, should we add a premium one?", False),
    ("the restaurant needs two more servers on Saturday nights", False),
    ("two servers and a cloud backup, that's our setup", True),
])
def test_a_message_is_about_it_when_it_names_something_of_it(reader, text, anchored):
    assert reader.read(text).anchored is anchored


def test_the_asking_sentences_are_singled_out(reader):
    text = ("We're a 30-person design studio. Everything runs in Google Workspace. "
            "Our one IT person is leaving. What would you suggest? Is managed IT worth it?")
    reading = reader.read(text)
    assert reading.long and reading.question == "What would you suggest? Is managed IT worth it?"


def test_words_outside_the_content_are_foreign(reader):
    assert "bicycle" in reader.read("how much is a bicycle repair").foreign
    assert reader.read("what is managed IT").foreign == ()


def test_corrections_and_what_ifs_are_recognised(reader, kb):
    from bot.reading import markers

    assert reader.read("actually we do have one IT person").correction
    assert markers(kb).supposes("what if we moved everything to the cloud?")
    assert not reader.read("we have one IT person").correction


@pytest.mark.parametrize("text, private", [
    ("how do I get the printer at my house to talk to my laptop", True),
    ("which laptop should my daughter take to university", True),
    ("our staff mostly work from home, which IT support suits us", False),
    ("I run a two-person design business from home, what IT support do we need", False),
    ("we have 12 people and I'm the accidental IT person at home and at work", False),
])
def test_a_message_about_private_life_is_told_from_one_about_a_business(reader, text, private):
    assert reader.read(text).private is private


@pytest.mark.parametrize("text, size", [
    ("is a help desk enough for a firm of thirteen people?", "small"),
    ("would co-managed IT suit a company of seventy employees?", "midsize"),
])
def test_a_question_counts_people_in_any_spelt_number(reader, text, size):
    assert _facts(reader, text).get("business_size") == size
