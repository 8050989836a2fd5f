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
from bot.errors import ContentError

from .support import ROOT, load_factors, model_names

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
        assert 3 <= len(factor.options) <= 5
        for option in factor.options:
            assert len(option.label) <= 30
            assert "{answer}" in option.reason
            assert any(w > 0 for w in option.weights.values()), (factor.id, option.id)


def test_every_weight_line_cites_a_source() -> None:
    lines = (ROOT / "knowledge" / "factors.yaml").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("weights:"):
            j = i - 1
            comment = []
            while lines[j].strip().startswith("#"):
                comment.append(lines[j])
                j -= 1
            assert re.search(r"\[00[012]\]", " ".join(comment)), f"factors.yaml:{i + 1}"


def _broken(edit) -> FactorsFile:
    data = load_factors().model_dump()
    edit(data)
    return FactorsFile.model_validate(data)


@pytest.mark.parametrize(("rule", "edit"), [
    ("weights", lambda d: d["factors"][0]["options"][0]["weights"].pop("cloud")),
    ("yes-no", lambda d: d["factors"][4].update(if_yes="sometimes")),
    ("template", lambda d: d["factors"][0]["options"][0].update(reason="{answr}")),
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
