"""The contract's input object, read in one place for every channel that speaks JSON.

The JSON-lines terminal and `POST /api/chat` both hand their raw text here and get
back either an `Inbound` or an `InputError` whose key names the message to answer
with. Nothing in here raises anything else, whatever the bytes: a number of 5,000
digits, nesting 100,000 deep or invalid UTF-8 are all just bad JSON.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import session_ids
from .errors import InputError
from .types import UserInput

MAX_INPUT_ID = 128


@dataclass(frozen=True)
class Inbound:
    input: UserInput
    session: str | None = None


def parse_json(raw: str | bytes) -> Any:
    """The decoded JSON value, or InputError('bad_json') saying why not."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("bad_json", "the bytes are not UTF-8") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError("bad_json", exc.msg) from None
    except (ValueError, RecursionError) as exc:
        # ValueError: integers beyond Python's digit limit; RecursionError: absurd nesting.
        raise InputError("bad_json", _first_clause(exc)) from None


def parse_input(obj: Any, *, channel: str | None = None, max_text: int | None = None) -> Inbound:
    """An input object -> Inbound; InputError names what is wrong.

    `channel` refuses session ids derived for another channel (a web client cannot
    name a Slack thread's conversation); `max_text` refuses longer text outright
    instead of the engine's polite truncation.
    """
    if not isinstance(obj, dict):
        raise InputError("bad_input", "send a JSON object")
    session = _session(obj.get("session"), channel)
    text, option = obj.get("text"), obj.get("option")
    if (text is None) == (option is None):
        raise InputError("bad_input", "send exactly one of \"text\" or \"option\"", session=session)
    if not isinstance(text if option is None else option, str):
        raise InputError("bad_input", "\"text\" and \"option\" must be strings", session=session)
    if max_text is not None and text is not None and len(text) > max_text:
        raise InputError("too_long_input", str(max_text), session=session)
    return Inbound(UserInput(text=text, option=option, id=_input_id(obj.get("id"), session)), session)


def parse_line(line: str) -> Inbound:
    """One JSON-lines input: an object as above, or a bare line of text."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return Inbound(UserInput(text=line.rstrip("\r\n")))
    return parse_input(parse_json(stripped))


def _session(value: Any, channel: str | None) -> str | None:
    if value is None:
        return None
    if not session_ids.is_valid(value):
        raise InputError("bad_session", "it is not a session id this advisor gave out")
    owner = session_ids.namespace(value)
    if channel is not None and owner is not None and owner != channel:
        raise InputError("bad_session", "it belongs to another channel")
    return str(value)


def _input_id(value: Any, session: str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError("bad_input", "\"id\" must be a string or a number", session=session)
    key = str(value)
    if not key or len(key) > MAX_INPUT_ID or not key.isprintable():
        raise InputError("bad_input", f"\"id\" must be 1-{MAX_INPUT_ID} printable characters",
                         session=session)
    return key


def _first_clause(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.split(";")[0].split(":")[0][:80]
