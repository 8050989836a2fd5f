"""What the store keeps per session: the engine's state plus the inputs already applied.

The applied inputs belong to the shell, not the engine: they are how a resent
input (a Slack retry, a Telegram redelivery, a widget resend after a timeout) gets
its recorded turn back instead of being applied twice. Keeping them beside the
state, in the same compare-and-set write, makes "applied" and "recorded" one fact.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .state import SessionState, state_from_dict
from .types import Turn

KEEP_APPLIED = 6    # the last few inputs keep their whole turn: a resend gets it back
KEEP_SEEN = 200     # ids only, for much later retries (Slack retries for up to ~5 minutes)


@dataclass(frozen=True)
class SessionRecord:
    state: SessionState
    applied: tuple[tuple[str, dict[str, Any]], ...] = ()   # (input id, turn JSON), oldest first
    touched: float | None = None                           # when the last turn was taken (epoch s)
    seen: tuple[str, ...] = ()                             # older applied ids, their turns let go

    def idle_for(self, now: float) -> float:
        return 0.0 if self.touched is None else max(0.0, now - self.touched)

    def recorded(self, input_id: str | None) -> Turn | None:
        """The turn recorded for this input id, marked as a replay; None if there is none."""
        if input_id is None:
            return None
        for key, turn in self.applied:
            if key == input_id:
                return Turn.from_json(turn, replayed=True)
        return None

    def applied_long_ago(self, input_id: str | None) -> bool:
        """Applied so long ago that only its id is kept: not to be applied again either."""
        return input_id is not None and input_id in self.seen

    def after(self, state: SessionState, input_id: str | None, turn: Turn, now: float) -> SessionRecord:
        applied, seen = self.applied, self.seen
        if input_id is not None:
            applied = applied + ((input_id, turn.to_json()),)
            seen = (seen + tuple(key for key, _ in applied[:-KEEP_APPLIED]))[-KEEP_SEEN:]
            applied = applied[-KEEP_APPLIED:]
        return SessionRecord(state, applied, now, seen)

    def to_json(self) -> str:
        body = {"state": self.state.to_dict(), "applied": [list(a) for a in self.applied],
                "touched": self.touched, "seen": list(self.seen)}
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SessionRecord:
        raw: dict[str, Any] = json.loads(text)
        if "state" not in raw:            # a record written before inputs carried ids
            return cls(state_from_dict(raw))
        applied = tuple((str(k), dict(t)) for k, t in raw.get("applied", ()))
        touched = raw.get("touched")
        seen = tuple(str(k) for k in raw.get("seen", ()))
        return cls(state_from_dict(raw["state"]), applied, float(touched) if touched is not None else None, seen)
