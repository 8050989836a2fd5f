"""What one piece of the engine produces before it becomes a contract Turn."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .state import SessionState
from .types import Option, Reply, Turn


@dataclass(frozen=True)
class Step:
    state: SessionState
    replies: tuple[Reply, ...]
    node: str
    confidence: float = 1.0
    suggestions: tuple[str, ...] = ()
    expects: str | None = None
    recommendation: dict[str, Any] | None = None

    def prepend(self, *replies: Reply) -> Step:
        return replace(self, replies=tuple(replies) + self.replies)

    def to_turn(self) -> tuple[SessionState, Turn]:
        """Remember the buttons shown so a typed number or label can click them later."""
        shown = tuple((o.id, o.label) for r in self.replies for o in r.options)
        state = self.state.evolve(options=shown, last_node=self.node, turns=self.state.turns + 1)
        turn = Turn(state.id, self.replies, self.node, self.confidence, self.suggestions,
                    self.expects, self.recommendation)
        return state, turn


def options(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> tuple[Option, ...]:
    seen: dict[str, Option] = {}
    for oid, label in pairs:
        seen.setdefault(oid, Option(oid, label))
    return tuple(seen.values())
