"""Chat text, the summary document and the buttons: all filled from advisor.yaml."""
from __future__ import annotations

import re

import pytest

from bot.decision import (
    AdvisorDialog,
    DecisionModel,
    answer_ack,
    chat_text,
    compare_text,
    followup_buttons,
    question_buttons,
    read_option_id,
    reask_text,
    recommend,
    summary_markdown,
    why_not_text,
)

UNFILLED = re.compile(r"\{[a-z_]*\}")

CASES = {
    "remote startup": ({"workforce": "remote", "infrastructure": "cloud", "internal_it": "none",
                        "support_need": "anywhere", "growth": None},
                       {"workforce": "everyone works from home", "infrastructure": "all SaaS",
                        "internal_it": "nobody", "support_need": "help in any time zone",
                        "growth": "not sure"}),
    "bank": ({"internal_it": "full", "control": "high", "budget": "fund_staff"}, {}),
    "nothing": ({}, {}),
}


@pytest.fixture(params=sorted(CASES))
def case(request, model: DecisionModel):
    answers, texts = CASES[request.param]
    return recommend(model, answers, texts)


def test_chat_text(case, model: DecisionModel, dialog: AdvisorDialog) -> None:
    text = chat_text(case, model, dialog)
    assert model.names[case.top] in text
    assert model.pro_tips[case.top] in text
    assert not UNFILLED.search(text)
    assert len(text.split()) <= 170


def test_summary(case, model: DecisionModel, dialog: AdvisorDialog) -> None:
    doc = summary_markdown(case, model, dialog)
    assert not UNFILLED.search(doc)
    assert model.names[case.top] in doc
    for factor_id, option_id in case.answers.items():
        assert dialog.questions[factor_id].question in doc
        if option_id is None:
            assert dialog.questions[factor_id].topic in doc.split("## Assumptions")[1]
    assert all(model.names[m] in doc for m in model.models)


def test_summary_names_unasked_and_unreadable(model: DecisionModel, dialog: AdvisorDialog) -> None:
    rec = recommend(model, {"internal_it": None, "budget": "fixed_monthly"}, {"internal_it": "blorp"})
    doc = summary_markdown(rec, model, dialog, unreadable={"internal_it"})
    tail = doc.split("## Assumptions")[1]
    assert "couldn't be read" in tail and dialog.questions["growth"].topic in tail


def test_followups(case, model: DecisionModel, dialog: AdvisorDialog) -> None:
    assert not UNFILLED.search(why_not_text(case, model, dialog))
    assert not UNFILLED.search(compare_text(case, model, dialog))
    buttons = followup_buttons(case, model, dialog)
    assert [b.id for b in buttons] == [f.id for f in dialog.followups]
    assert all(not UNFILLED.search(b.label) for b in buttons)
    assert any(model.labels[case.runner_up] in b.label for b in buttons)


def test_question_buttons_round_trip(model: DecisionModel, dialog: AdvisorDialog) -> None:
    for factor_id, factor in model.factors.items():
        buttons = question_buttons(model, dialog, factor_id)
        assert len(buttons) == len(factor.options) + 1
        read = [read_option_id(model, b.id) for b in buttons]
        assert read == [(factor_id, o.id) for o in factor.options] + [(factor_id, None)]
        text = reask_text(model, dialog, factor_id)
        assert all(o.label in text for o in factor.options) and not UNFILLED.search(text)
    assert read_option_id(model, "advisor.budget.nope") is None
    assert read_option_id(model, "model.managed") is None


def test_answer_ack(model: DecisionModel, dialog: AdvisorDialog) -> None:
    assert "No IT staff" in answer_ack(model, dialog, "internal_it", "none")
    assert answer_ack(model, dialog, "internal_it", None) == dialog.unsure_ack


def test_runner_up_and_flip_lines_never_name_rival_answers_as_decisive(model, dialog):
    from dataclasses import replace

    from bot.decision.explain import Change

    rec = recommend(model, {"business_size": "small"}, {})
    other = rec.runner_up
    factor = next(f for f in model.factors if f != "business_size")
    options = model.factor(factor).options
    helps = Change(factor, options[0].id, options[0].label, other, wins=False)
    wins = Change(factor, options[1].id, options[1].label, other, wins=True)
    text = chat_text(replace(rec, runner_up_change=helps, flip=wins), model, dialog)
    assert f'"{options[1].label}"' in text and f'"{options[0].label}"' not in text
    both = chat_text(replace(rec, runner_up_change=replace(helps, wins=True), flip=wins), model, dialog)
    assert "Another single answer would do it too" in both


@pytest.mark.parametrize("answers", [{}, {"internal_it": "none", "budget": "pay_as_needed"}])
def test_why_not_never_promises_reasons_it_does_not_list(model: DecisionModel, dialog: AdvisorDialog,
                                                          answers) -> None:
    """An intro ending in ":" is followed by reasons; with none fresh, one coherent sentence."""
    rec = recommend(model, answers, {})
    for other in model.names:
        if other == rec.top:
            continue
        lines = why_not_text(rec, model, dialog, other).split("\n")
        assert lines[0].endswith(":") == (len(lines) > 1)
        assert all(line.startswith("- ") for line in lines[1:])
        if not rec.reasons:
            assert "reasons I gave" not in lines[0] and "above" not in lines[0]
