"""The matcher on the shipped content: outcomes, keyword weight, determinism.

Wordings here are our own, not the development set's.
"""
from __future__ import annotations

import pytest

from bot.matcher import FALLBACK, Matcher


@pytest.fixture(scope="module")
def matcher(kb):
    return Matcher(kb)


@pytest.mark.parametrize("text, node", [
    ("whats break fix", "model.break_fix"),
    ("brake fix downsides??", "model.break_fix.cons"),
    ("how much does an MSP charge", "model.managed.cost"),
    ("co-managed vs in house IT", "compare.co_managed.in_house"),
    ("pros of hybrid it", "model.hybrid.pros"),
    ("msp or break/fix for a 10 person office", "compare.break_fix.managed"),
    ("what's an SLA", "topic.sla"),
    ("thx!", "meta.thanks"),
])
def test_confident_answers(matcher, text, node):
    m = matcher.match(text)
    assert m.outcome == "confident" and m.best.node == node, m.candidates[:3]


@pytest.mark.parametrize("text", [
    "what's the best cloud for a picnic photo", "recipe for lasagne", "hybrid bikes on sale",
    "is my managed pension fund safe",
])
def test_out_of_domain_is_refused(matcher, text):
    m = matcher.match(text)
    assert m.outcome == "none" or m.best.node == FALLBACK, m.candidates[:3]


def test_model_named_outweighs_sentence_shape(matcher):
    m = matcher.match("what are the drawbacks of co-managed IT")
    assert m.best.node == "model.co_managed.cons"
    assert all(c.node != "model.managed.cons" or c.score < m.best.score - 0.2 for c in m.candidates)


def test_empty_and_symbol_only_text_matches_nothing(matcher):
    assert matcher.match("").outcome == "none"
    assert matcher.match("?!...").outcome == "none"


def test_same_text_same_result(matcher):
    a, b = matcher.match("help desk limits"), matcher.match("help desk limits")
    assert a == b


def test_scores_are_bounded(matcher):
    for text in ("break fix", "x" * 3000, "日本語の質問です", "🙂🙂"):
        for c in matcher.match(text).candidates:
            assert 0.0 <= c.score <= 1.0


@pytest.mark.parametrize("text", ["pricing?", "what are the drawbacks", "is it expensive"])
def test_an_aspect_without_a_model_asks_which_model(matcher, text):
    m = matcher.match(text)
    assert m.outcome == "ambiguous"
    assert all(node.startswith("model.") for node in (c.node for c in m.candidates[:2]))


@pytest.mark.parametrize("typo, node", [
    ("disadvantges of managd servises", "model.managed.cons"),
    ("hybird it benifits", "model.hybrid.pros"),
    ("co-manged it", "model.co_managed"),
])
def test_typos_are_read_as_the_words_they_resemble(matcher, typo, node):
    assert matcher.match(typo).best.node == node


@pytest.mark.parametrize("text", ["What IT support model is best for my business?", "guide me",
                                  "we're a 12 person design studio, which model suits us?",
                                  "which IT support is best for a dental practice"])
def test_requests_for_a_recommendation_start_the_advisor(matcher, text):
    assert matcher.match(text).best.node == "flow.advisor"


def test_a_topic_keyword_keeps_a_worth_it_question_on_its_topic(matcher):
    assert matcher.match("is a knowledge base worth it for us").best.node == "topic.knowledge_base"


@pytest.mark.parametrize("text, node", [
    ("how do we split the work with the MSP in a co-managed setup", "model.co_managed"),
    ("co-managed vs managed, which is cheaper", "compare.co_managed.managed"),
    ("remote cloud support or our own on-site IT staff?", "compare.cloud.in_house"),
    ("having our own IT dept, what does that involve?", "model.in_house.features"),
])
def test_implied_and_contrasted_models(matcher, text, node):
    assert matcher.match(text).best.node.startswith(node)
