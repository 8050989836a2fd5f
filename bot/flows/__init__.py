"""Multi-turn flows the engine hosts: the guided advisor and the downtime calculator.

Each flow is a small object over `SessionState` with the same interface, so the
engine treats them alike: it asks the active flow to steer, read or re-ask, and
falls back to the knowledge graph for everything else. A flow keeps its own state in
`FlowState.data` (see `downtime_state.py`); the engine knows no flow by name, so a new
one needs only its class, its node in knowledge/flows.yaml and a place in `default_flows`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..state import SessionState
from ..step import Step

if TYPE_CHECKING:
    from ..facts import Fact
    from ..knowledge import Knowledge
    from ..types import Reply


class Flow(Protocol):
    name: str      # its key in SessionState.flows
    node: str      # the knowledge node that starts it (flow.*)

    def owns(self, option_id: str) -> bool:
        """Is this one of the flow's own button ids?"""

    def start(self, state: SessionState) -> Step: ...

    def on_option(self, state: SessionState, option_id: str) -> Step | None:
        """A click on one of its buttons; None when it is stale."""

    def steer(self, state: SessionState, text: str) -> Step | None:
        """Words that move the flow itself ("back", "change my answer")."""

    def on_text(self, state: SessionState, text: str) -> Step | None:
        """An answer to the pending question; None when it can't be read."""

    def reask(self, state: SessionState) -> Step: ...

    def resume(self, state: SessionState) -> Step:
        """Repeat the pending question after an interruption."""

    def resumable(self, state: SessionState) -> bool:
        """Can the pending question still be asked after the content changed?"""

    def takes_numbers(self, state: SessionState) -> bool:
        """Does a bare number answer the pending question (rather than pick a button)?"""

    def is_own_question(self, node_id: str) -> bool:
        """Is this node the flow's own entry (not an interruption)?"""

    def summary(self, state: SessionState) -> str | None:
        """The finished result as a Markdown document to send or attach; None before one."""

    def recap(self, state: SessionState) -> tuple[str, str] | None:
        """(option id, label) of a button that shows the flow's finished result again, if it
        has one: offered when a session that expired still holds it."""


@runtime_checkable
class FactKeeper(Protocol):
    """A flow that keeps facts people volunteer anywhere in the conversation (the guided
    advisor): the engine notes facts with it and offers its entry node to use them."""

    node: str

    def holds_facts(self, state: SessionState) -> bool:
        """Does the session hold noted facts this flow has not yet used for a result?"""

    def remember(self, state: SessionState, facts: Mapping[str, Fact], *, correct: bool = False) -> SessionState:
        ...

    def noted_line(self, facts: Mapping[str, Fact]) -> Reply | None:
        ...

    def fit_line(self, model: str, facts: Mapping[str, Fact]) -> Reply:
        """What in these facts speaks for one model (a question about it asked with facts)."""


def default_flows(kb: Knowledge) -> list[Flow]:
    """The flows the shipped content uses; a new flow is added here and in knowledge/flows.yaml."""
    from .advisor import AdvisorFlow
    from .downtime import DowntimeFlow

    return [AdvisorFlow(kb), DowntimeFlow(kb)]
