"""Recommendations: reasons quote the answers, the flip really flips, the contract shape."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decision import DecisionModel, rank, recommend
from bot.decision.explain import quote

from .support import load_model

MODEL: DecisionModel = load_model()

SMALL_SHOP = {
    "business_size": ("small", "six of us"),
    "it_complexity": ("basic", "a couple of laptops and email"),
    "budget": ("pay_as_needed", "as cheap as possible"),
    "downtime_tolerance": ("tolerable", "we'd cope for a day"),
    "support_need": ("occasional", "a broken printer now and then"),
}


def _split(case):
    return ({f: o for f, (o, _) in case.items()}, {f: t for f, (_, t) in case.items()})


def _top(answers) -> str:
    return rank(MODEL, answers)[0][0]


def test_reasons_quote_the_users_words() -> None:
    answers, texts = _split(SMALL_SHOP)
    rec = recommend(MODEL, answers, texts)
    assert rec.top == "break_fix"
    assert 2 <= len(rec.reasons) <= 4
    for reason in rec.reasons:
        assert any(f'"{quote(t, MODEL.reasons.quote_chars)}"' in reason for t in texts.values()), reason


def test_clicked_answers_quote_the_label() -> None:
    rec = recommend(MODEL, {"internal_it": "none", "strategy": "partner"})
    labels = {MODEL.factor("internal_it").option("none").label,
              MODEL.factor("strategy").option("partner").label}
    assert all(any(label in r for label in labels) for r in rec.reasons)


def test_long_answers_are_trimmed() -> None:
    long = "we have " + "a lot of very old and slow computers " * 10
    assert len(quote(long, 60)) <= 61 and quote(long, 60).endswith("…")
    assert '"' not in quote('they said "fine"', 60)


def test_contract_shape() -> None:
    answers, texts = _split(SMALL_SHOP)
    out = recommend(MODEL, answers, texts).to_contract(MODEL.names)
    assert next(r["model"] for r in out["ranking"]) == out["top"] == "break_fix"
    assert out["ranking"][0]["name"] == MODEL.names["break_fix"]
    assert out["runner_up"]["name"] == MODEL.names[out["runner_up"]["model"]]
    assert sorted(r["model"] for r in out["ranking"]) == sorted(MODEL.models)
    for r in out["ranking"]:
        assert 0 <= r["score"] <= 1 and round(r["score"], 3) == r["score"]
        assert isinstance(r["reasons"], list)
    assert out["runner_up"]["model"] == out["ranking"][1]["model"]
    assert isinstance(out["pro_tip"], str) and out["pro_tip"]
    assert out["flip"] is None or set(out["flip"]) >= {"factor", "label", "model"}


@st.composite
def answer_sets(draw):
    answers = {}
    for f in draw(st.lists(st.sampled_from(MODEL.order), unique=True, min_size=1)):
        answers[f] = draw(st.sampled_from([o.id for o in MODEL.factor(f).options]))
    return answers


@settings(max_examples=120)
@given(answer_sets())
def test_flip_really_flips_and_none_means_none(answers) -> None:
    rec = recommend(MODEL, answers)
    if rec.flip is not None:
        changed = {**answers, rec.flip.factor: rec.flip.option}
        assert _top(changed) == rec.flip.model != rec.top
        assert rec.flip.label == MODEL.factor(rec.flip.factor).option(rec.flip.option).label
    else:
        for f in MODEL.order:
            for o in MODEL.factor(f).options:
                assert _top({**answers, f: o.id}) == rec.top


@settings(max_examples=120)
@given(answer_sets())
def test_runner_up_change_is_its_best_hope(answers) -> None:
    rec = recommend(MODEL, answers)
    change = rec.runner_up_change
    assert rec.runner_up == rank(MODEL, answers)[1][0]
    if change is not None:
        changed = {**answers, change.factor: change.option}
        assert change.wins == (_top(changed) == rec.runner_up)


@settings(max_examples=80)
@given(answer_sets())
def test_reasons_favour_the_pick(answers) -> None:
    rec = recommend(MODEL, answers)
    assert len(rec.reasons) <= 4
    assert len(rec.ranking) == len(MODEL.models)
    assert rec.pro_tip == MODEL.pro_tips[rec.top]
