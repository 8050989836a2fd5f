"""The shell around the pure engine: sessions in a store, errors turned into replies.

Channels (terminal, web, Slack, Telegram) all call `Advisor.handle`; it is the
only place that does I/O for a turn. Whatever goes wrong here, the user gets one
well-formed turn and the log gets the cause (with secrets redacted).
"""
from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import TypeGuard

from .engine import Engine
from .errors import StoreError
from .sessions import run_turn
from .state import SessionState
from .stores import Store, redact
from .types import Reply, Turn, UserInput

log = logging.getLogger("advisor")
MAX_SESSION_ID = 128
RETRIES = 50   # compare-and-set re-runs before giving up: one user rarely races more than once


class Advisor:
    def __init__(self, engine: Engine, store: Store, *, store_url: str = "",
                 new_id: Callable[[], str] = lambda: "s-" + uuid.uuid4().hex[:16]):
        self.engine = engine
        self.store = store
        self._where = redact(store_url)
        self._new_id = new_id

    def handle(self, session: str | None, inp: UserInput) -> Turn:
        sid: str = session if _valid_id(session) else self._new_id()
        try:
            return run_turn(self.store, _key(sid), lambda data: self._step(sid, data, inp),
                            retries=RETRIES)
        except StoreError as exc:
            log.warning("session store %s failed: %s", self._where, exc)
            return self._apology(sid, "store_down")
        except Exception:
            log.exception("turn failed for session %s", sid)
            return self._apology(sid, "internal_error")

    def state(self, session: str) -> SessionState | None:
        record = self.store.get(_key(session))
        return self._load(session, record.data) if record else None

    def summary(self, session: str) -> str | None:
        """The guided advisor's result for a session, as Markdown (None before a result)."""
        state = self.state(session)
        return self.engine.summary(state) if state else None

    def sweep(self) -> None:
        """Forget idle sessions; a store that is down now is simply retried next time."""
        try:
            removed = self.store.expire()
        except StoreError as exc:
            log.warning("could not expire idle sessions in %s: %s", self._where, exc)
            return
        if removed:
            log.info("expired %d idle session(s)", removed)

    def _step(self, sid: str, data: str | None, inp: UserInput) -> tuple[str, Turn]:
        state = self._load(sid, data) if data else self.engine.new_state(sid)
        state, turn = self.engine.handle(state, inp)
        return state.to_json(), turn

    def _load(self, sid: str, data: str) -> SessionState:
        try:
            state = SessionState.from_json(data)
        except (ValueError, TypeError, KeyError, json.JSONDecodeError):
            log.warning("session %s held unreadable state; starting it afresh", sid)
            return self.engine.new_state(sid)
        return state if state.id == sid else state.evolve(id=sid)

    def _apology(self, sid: str, key: str) -> Turn:
        return Turn(sid, (Reply(self.engine.kb.messages[key]),), "meta.fallback", 0.0)


def _key(session: str) -> str:
    return "advisor:session:" + session


def _valid_id(session: object) -> TypeGuard[str]:
    return isinstance(session, str) and 0 < len(session) <= MAX_SESSION_ID and session.isprintable()
