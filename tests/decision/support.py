"""Load the shipped factors.yaml and advisor.yaml (plain functions for import-time use)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.decision import AdvisorDialog, DecisionModel, FactorsFile, compile_model

ROOT = Path(__file__).resolve().parents[2]


def read(rel: str) -> object:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def model_names() -> tuple[dict[str, str], dict[str, str]]:
    """Display names from the ontology, button labels from the knowledge models."""
    names = dict(read("knowledge/ontology.yaml")["models"])  # type: ignore[index]
    labels = {}
    for path in sorted((ROOT / "knowledge" / "models").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))["model"]
        labels[spec["id"]] = spec["label"]
    return names, labels


@cache
def load_factors() -> FactorsFile:
    return FactorsFile.model_validate(read("knowledge/factors.yaml"))


@cache
def load_dialog() -> AdvisorDialog:
    return AdvisorDialog.model_validate(read("dialogs/advisor.yaml"))


@cache
def load_model() -> DecisionModel:
    names, labels = model_names()
    return compile_model(load_factors(), names=names, labels=labels, order=load_dialog().order)
