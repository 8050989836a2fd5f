"""The calculator's own part of a session: its figures and their currency.

They live in `FlowState.data` (plain JSON), read and written only through these
accessors, so the session state knows nothing of any one flow and a new flow keeps
its own fields the same way.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..state import FlowState

VALUES = "values"       # step id -> the figure recorded for it
CURRENCY = "currency"   # the currency the money figures are in, once one is said


def figures(flow: FlowState) -> dict[str, float]:
    """The figures recorded so far, by step id (read only: change them with `with_figures`)."""
    got = flow.data.get(VALUES)
    return got if isinstance(got, dict) else {}


def currency_of(flow: FlowState) -> str | None:
    got = flow.data.get(CURRENCY)
    return got if isinstance(got, str) else None


def with_figures(flow: FlowState, values: Mapping[str, float], *, currency: str | None = None) -> FlowState:
    """`flow` holding these figures; a currency once set stays (`currency` sets the first)."""
    return replace(flow, data={**flow.data, VALUES: dict(values), CURRENCY: currency_of(flow) or currency})
