"""The shipped factors.yaml and advisor.yaml, compiled once for the decision tests."""
from __future__ import annotations

import pytest

from bot.decision import AdvisorDialog, DecisionModel, FactorsFile

from .support import load_dialog, load_factors, load_model


@pytest.fixture(scope="session")
def factors_file() -> FactorsFile:
    return load_factors()


@pytest.fixture(scope="session")
def dialog() -> AdvisorDialog:
    return load_dialog()


@pytest.fixture(scope="session")
def model() -> DecisionModel:
    return load_model()
