"""Session state: small, immutable, JSON-serialisable.

It holds ids and the user's own words, never live objects, so any store can keep
it and any process can resume it. `knowledge_version` lets a session built on
older content notice that the content changed under it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

SCHEMA = 3


@dataclass(frozen=True)
class FlowState:
    """One flow part-way through (or finished): what every flow has in common. Anything
    else a flow keeps goes in `data`, read through the flow's own accessors (the
    calculator's figures: `flows/downtime_state.py`), so a new flow needs no field here."""

    name: str                                   # the flow's name, e.g. "advisor" | "downtime"
    pending: str | None = None                  # question id awaiting an answer
    answers: dict[str, str | None] = field(default_factory=dict)   # question -> option (None = not sure)
    texts: dict[str, str] = field(default_factory=dict)            # the user's own words per question
    assumed: tuple[str, ...] = ()               # questions answered by an assumption
    asked: tuple[str, ...] = ()                 # order of questions, for "back"
    retries: int = 0                            # re-asks of the pending question
    done: bool = False                          # result shown; answers kept for "change"
    data: dict[str, Any] = field(default_factory=dict)             # the flow's own state (JSON-able)


@dataclass(frozen=True)
class SessionState:
    id: str
    knowledge_version: str
    turns: int = 0
    last_node: str | None = None
    options: tuple[tuple[str, str], ...] = ()   # (id, label) of the buttons last shown
    active: str | None = None                   # the flow waiting for an answer, if any
    flows: dict[str, FlowState] = field(default_factory=dict)   # by flow name; kept after a result
    schema: int = SCHEMA

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data; a shallow walk, since dataclasses.asdict's deep copy costs a
        noticeable share of a served turn."""
        out = dict(self.__dict__)
        out["options"] = [list(o) for o in self.options]
        out["flows"] = {name: _flow_dict(flow) for name, flow in self.flows.items()}
        return out

    @classmethod
    def from_json(cls, text: str) -> SessionState:
        return state_from_dict(json.loads(text))

    def evolve(self, **changes: Any) -> SessionState:
        return replace(self, **changes)

    def flow(self, name: str) -> FlowState | None:
        return self.flows.get(name)

    def with_flow(self, name: str, flow: FlowState | None, *, active: bool) -> SessionState:
        """Store a flow's state and mark whether it now waits for an answer."""
        current = name if active else (None if self.active == name else self.active)
        flows = {k: v for k, v in self.flows.items() if k != name}
        if flow is not None:
            flows[name] = flow
        return replace(self, flows=flows, active=current)


def _flow_dict(flow: FlowState) -> dict[str, Any]:
    out = dict(flow.__dict__)
    out["answers"], out["texts"] = dict(flow.answers), dict(flow.texts)
    out["assumed"], out["asked"], out["data"] = list(flow.assumed), list(flow.asked), dict(flow.data)
    return out


def state_from_dict(raw: dict[str, Any]) -> SessionState:
    raw = dict(raw)
    if raw.get("schema", 1) == 1:       # schema 1 kept each flow in a field of its own
        old = {name: raw.pop(name, None) for name in ("advisor", "downtime")}
        raw["flows"] = {name: flow for name, flow in old.items() if flow}
        raw["schema"] = SCHEMA
    raw["options"] = tuple(tuple(o) for o in raw.get("options", ()))
    raw["flows"] = {name: _flow(flow) for name, flow in raw.get("flows", {}).items()}
    return SessionState(**raw)


_MOVED_TO_DATA = ("values", "currency")   # the calculator's fields, now its own (downtime_state.py)


def _flow(raw: dict[str, Any]) -> FlowState:
    raw = dict(raw)
    moved = {key: raw.pop(key) for key in _MOVED_TO_DATA if key in raw}   # schema 2 held them here
    raw["data"] = {**{k: v for k, v in moved.items() if v}, **raw.get("data", {})}
    raw["assumed"] = tuple(raw.get("assumed", ()))
    raw["asked"] = tuple(raw.get("asked", ()))
    return FlowState(**raw)
