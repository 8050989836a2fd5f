"""The terminal's machine channel: one JSON input per line in, one turn per line out.

Follows the contract: a line is a JSON object ({"text": ...} or {"option": ...},
optionally with "session" and "id") or a bare line of text. Whatever a line holds,
invalid UTF-8 included, exactly one well-formed output object comes back for it.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from bot import Advisor, InputError, Reply, Turn, parse_line

MAX_LINE = 1_000_000
CHANNEL = "jsonl"


def serve_lines(advisor: Advisor, source: Iterable[bytes | str], sink: IO[str], session: str) -> None:
    """Answer every line of `source` (bytes are decoded leniently) on `sink`, flushing each."""
    for raw in source:
        line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        sink.write(json.dumps(answer_line(advisor, line[:MAX_LINE], session).to_json(),
                              ensure_ascii=False) + "\n")
        sink.flush()


def answer_line(advisor: Advisor, line: str, session: str) -> Turn:
    try:
        inbound = parse_line(line)
    except InputError as exc:
        text = advisor.message(exc.key, detail=exc.detail)
        return Turn(exc.session or session, (Reply(text),), "meta.fallback", 0.0)
    return advisor.handle(inbound.session or session, inbound.input, channel=CHANNEL)
