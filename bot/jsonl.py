"""The terminal's machine interface: one JSON input per line in, one turn per line out.

Follows the contract: a line is a JSON object ({"text": ...} or {"option": ...},
optionally with "session") or a bare line of text. Whatever a line holds, exactly
one well-formed output object comes back for it.
"""
from __future__ import annotations

import json
from typing import IO, Any

from .service import Advisor
from .types import Reply, Turn, UserInput

MAX_LINE = 1_000_000


def parse_line(line: str) -> tuple[UserInput | None, str | None, str | None]:
    """(input, session, problem): problem names a message key when the line is unusable."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return UserInput(text=line.rstrip("\r\n")), None, None
    try:
        obj: Any = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError) as exc:
        return None, None, f"bad_json:{getattr(exc, 'msg', 'unreadable')}"
    if not isinstance(obj, dict):
        return None, None, "bad_input"
    session = obj.get("session") if isinstance(obj.get("session"), str) else None
    if isinstance(obj.get("option"), str):
        return UserInput(option=obj["option"]), session, None
    if isinstance(obj.get("text"), str):
        return UserInput(text=obj["text"]), session, None
    return None, session, "bad_input"


def serve_lines(advisor: Advisor, source: IO[str], sink: IO[str], session: str) -> None:
    for line in source:
        inp, sid, problem = parse_line(line[:MAX_LINE])
        sid = sid or session
        turn = advisor.handle(sid, inp) if inp is not None else _problem(advisor, sid, problem or "")
        sink.write(json.dumps(turn.to_json(), ensure_ascii=False) + "\n")
        sink.flush()


def _problem(advisor: Advisor, session: str, problem: str) -> Turn:
    key, _, detail = problem.partition(":")
    text = advisor.engine.kb.messages[key].format(detail=detail)
    return Turn(session, (Reply(text),), "meta.fallback", 0.0)
