"""factors.yaml and advisor.yaml: shape, meaning and traceability to the sources."""
from __future__ import annotations

import re

import pytest

from bot.decision import (
    AdvisorDialog,
    DecisionModel,
    FactorsFile,
    check_dialog,
    compile_model,
)
from bot.decision.explain import reason_text
from bot.errors import ContentError

from .support import load_factors, model_names

FACTOR_IDS = {"business_size", "it_complexity", "budget", "downtime_tolerance", "growth",
              "internal_it", "control", "workforce", "infrastructure", "strategy", "support_need"}
MODEL_IDS = {"break_fix", "managed", "help_desk", "in_house", "co_managed", "cloud", "hybrid"}


def test_ids_match_the_ontology(model: DecisionModel) -> None:
    assert set(model.factors) == FACTOR_IDS
    assert set(model.models) == MODEL_IDS


def test_dialog_matches_model(model: DecisionModel, dialog: AdvisorDialog) -> None:
    assert check_dialog(dialog, model) == []
    assert sorted(dialog.order) == sorted(FACTOR_IDS)


def test_every_option_reads_well(model: DecisionModel) -> None:
    for factor in model.factors.values():
        assert 3 <= len(factor.options) <= 6
        for option in factor.options:
            assert len(option.label) <= 30
            assert any(w > 0 for w in option.weights.values()), (factor.id, option.id)
            lifted = {m for m, w in option.weights.items() if w > 0}
            assert set(option.reasons) == lifted, (factor.id, option.id)
            assert all("{answer}" in r for r in option.reasons.values()), (factor.id, option.id)


def test_every_weight_is_a_quote_or_a_judgement(model: DecisionModel) -> None:
    """Zeros included: every model's weight for every answer rests on something stated."""
    for factor in model.factors.values():
        for option in factor.options:
            for m in model.models:
                assert option.support[m], (factor.id, option.id, m)
                assert all(c.quote or c.judgement for c in option.support[m])
    for m in model.models:
        assert model.tip_sources[m] and model.why_not_sources[m], m
        assert model.prior_sources[m] or not model.priors[m], m


# A model's name (or its usual short form) in a reason, so a reason names only its own model.
NAMES = {
    "managed": r"(?<!co-)\bmanaged (?:it|provider|services?)\b|\bmsps?\b",
    "break_fix": r"\bbreak-fix\b",
    "help_desk": r"\bhelp desks?\b",
    "in_house": r"\bin-house\b",
    "co_managed": r"\bco-managed\b",
    "cloud": r"\bcloud-based\b",
    "hybrid": r"\bhybrid\b",
}
# What the articles contradict for a model (or never say of any), as a reason might put it.
CONTRADICTED = {
    "managed": r"no contract|without (?:massive )?upfront|pay only|per incident|no (?:monthly )?fee",
    "break_fix": r"monitor|prevent|predictable|fixed (?:monthly )?fee|plans? ahead",
    "help_desk": r"monitor|prevent|maintenance|predictable|fixed (?:monthly )?fee",
    "in_house": r"no contract|pay only|scalable costs|cheap",
    "co_managed": r"no it staff|nobody on staff|without (?:an? )?(?:it )?team",
    "cloud": r"predictable|fixed (?:monthly )?fee|people on site|engineers on site",
    "hybrid": r"no planning|no contract",
}
NEVER = r"\bminutes?\b|several sites|multiple sites|\barticles?\b|\bsources?\b"


def _attachable(model: DecisionModel):
    """Every (factor, option, model) whose reason can be said: the answer lifts the model."""
    for factor in model.factors.values():
        for option in factor.options:
            for m, w in option.weights.items():
                if w > 0:
                    yield factor.id, option.id, m


def test_every_reason_renders_for_every_model_it_can_be_attached_to(model: DecisionModel) -> None:
    cases = list(_attachable(model))
    assert len(cases) > 60
    for f, o, m in cases:
        option = model.factor(f).option(o)
        said = reason_text(model, {f: "what the user typed"}, f, o, m)
        label = reason_text(model, {}, f, o, m)
        assert said.startswith('You said "what the user typed": ') and "{" not in said, (f, o, m)
        assert label.startswith(f'You said "{option.label}": '), (f, o, m)
        body = said.split(": ", 1)[1].lower()
        named = {n for n, pattern in NAMES.items() if re.search(pattern, body)}
        assert named <= {m}, f"{f}.{o} for {m} names {named - {m}}: {said}"
        assert not re.search(CONTRADICTED[m], body), f"{f}.{o} for {m}: {said}"
        assert not re.search(NEVER, body), f"{f}.{o} for {m}: {said}"
        assert any(c.reason and c.reason.strip() == option.reasons[m] for c in option.support[m]), \
            f"{f}.{o}: the reason said for {m} is not written in an entry that lists {m}"


def test_reasons_name_the_model_they_are_for_when_the_claim_is_model_specific(model: DecisionModel) -> None:
    """A reason shared by several models would have to be generic; the content writes one per model."""
    for f, o, m in _attachable(model):
        entries = [c for c in model.factor(f).option(o).support[m] if c.reason]
        assert len(entries) == 1 and entries[0].models == [m], (f, o, m, entries)


def test_pro_tips_and_why_not_lines_stay_within_the_sources(model: DecisionModel) -> None:
    for m in model.models:
        for text in (model.pro_tips[m], model.why_not[m]):
            assert not re.search(NEVER, text.lower()), (m, text)
            named = {n for n, pattern in NAMES.items() if re.search(pattern, text.lower())}
            assert named <= {m, "managed", "break_fix"}, (m, text)   # break-fix's tip weighs a managed fee


def _broken(edit) -> FactorsFile:
    data = load_factors().model_dump()
    edit(data)
    return FactorsFile.model_validate(data)


@pytest.mark.parametrize(("rule", "edit"), [
    ("weights", lambda d: d["factors"][0]["options"][0]["weights"].pop("cloud")),
    ("yes-no", lambda d: d["factors"][4].update(if_yes="sometimes")),
    ("template", lambda d: d["factors"][0]["options"][0]["support"][0].update(reason="{answr}")),
    ("uncited", lambda d: d["factors"][0]["options"][0]["support"].pop()),
    ("uncited", lambda d: d["models"][1].update(prior_sources=[])),
    ("reason", lambda d: d["factors"][0]["options"][0]["support"][0].update(reason=None)),
    ("reason", lambda d: d["factors"][0]["options"][0]["support"][-1].update(reason="You said {answer}.")),
    ("support", lambda d: d["factors"][0]["options"][0]["support"][0].update(models=["nobody"])),
    ("duplicate-id", lambda d: d["factors"].append(d["factors"][0])),
    ("weight-scale", lambda d: d["models"][0].update(prior=0.123)),
    ("range", lambda d: d["factors"][0]["options"][0].update(range=(9, 1))),
    ("combines", lambda d: d["factors"][0]["options"][0].update(combines=["small", "nope"])),
])
def test_meaning_errors_are_reported(rule: str, edit) -> None:
    names, _ = model_names()
    with pytest.raises(ContentError) as err:
        compile_model(_broken(edit), names=names)
    assert rule in {p.rule for p in err.value.problems}


def test_order_must_name_every_factor() -> None:
    names, _ = model_names()
    with pytest.raises(ContentError):
        compile_model(load_factors(), names=names, order=["budget"])


def test_unknown_key_is_a_shape_error() -> None:
    data = load_factors().model_dump()
    data["factors"][0]["wieghts"] = {}
    with pytest.raises(ValueError):
        FactorsFile.model_validate(data)


def test_dialog_placeholder_typos_are_reported(model: DecisionModel, dialog: AdvisorDialog) -> None:
    broken = dialog.model_copy(update={
        "reask": "{question} {optons}",
        "result": dialog.result.model_copy(update={"headline": "{modle}"})})
    rules = [(p.rule, p.node) for p in check_dialog(broken, model)]
    assert ("template", "reask") in rules and ("template", "result.headline") in rules
