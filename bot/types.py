"""Plain data at the boundary: the contract's JSON shapes as frozen dataclasses.

Everything here holds ids and text, never live objects, so a turn can be
serialised, compared in golden tests and rendered by any channel.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

SHORT_ID_BYTES = 64


@dataclass(frozen=True)
class Option:
    id: str
    label: str


def short_option_id(option_id: str, limit: int = SHORT_ID_BYTES) -> str:
    """An option id that fits a platform's button payload (Telegram's callback_data: 64 bytes).

    Ids that fit are kept as they are; longer ones become '~' and a hash, which the
    engine resolves against the buttons it last showed, so a click works either way.
    """
    if len(option_id.encode("utf-8")) <= limit:
        return option_id
    return hashed_option_id(option_id)


def hashed_option_id(option_id: str) -> str:
    """The '~' form of any option id, whatever limit made a channel shorten it (28 bytes)."""
    digest = hashlib.sha256(option_id.encode("utf-8")).digest()
    return "~" + base64.urlsafe_b64encode(digest).decode("ascii")[:27]


@dataclass(frozen=True)
class Reply:
    text: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class UserInput:
    """One user input: free text or a clicked option id (exactly one is set).

    `id` is the client's idempotency key for this one input (a Slack event id, a
    Telegram update id, the widget's message id): an input whose id the session has
    already applied gets the recorded turn back instead of being applied twice.
    """

    text: str | None = None
    option: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Turn:
    session: str
    replies: tuple[Reply, ...]
    node: str
    confidence: float
    suggestions: tuple[str, ...] = ()
    expects: str | None = None
    recommendation: dict[str, Any] | None = None
    replayed: bool = False   # the recorded turn of an input id applied before; not in the JSON

    @property
    def summary(self) -> str | None:
        """The guided advisor's Markdown summary, carried inside the recommendation."""
        return (self.recommendation or {}).get("summary")

    def to_json(self) -> dict[str, Any]:
        """The contract's output object, exactly its seven keys."""
        out: dict[str, Any] = {
            "session": self.session,
            "replies": [
                {"text": r.text, "options": [asdict(o) for o in r.options]}
                for r in self.replies
            ],
            "node": self.node,
            "confidence": round(self.confidence, 3),
            "suggestions": list(self.suggestions),
            "expects": self.expects,
            "recommendation": self.recommendation,
        }
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any], *, replayed: bool = False) -> Turn:
        """The inverse of to_json, for turns recorded against an input id."""
        replies = tuple(
            Reply(r["text"], tuple(Option(o["id"], o["label"]) for o in r["options"]))
            for r in raw["replies"]
        )
        return cls(raw["session"], replies, raw["node"], float(raw["confidence"]),
                   tuple(raw["suggestions"]), raw["expects"], raw["recommendation"], replayed)
