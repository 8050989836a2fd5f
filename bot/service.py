"""The one entry point every channel uses: sessions in a store, errors turned into replies.

Terminal, JSON lines, web, Slack and Telegram all call `Advisor.handle` (or its
async twin); it is the only place that does I/O for a turn. Whatever goes wrong
here, the user gets one well-formed turn and the log gets the cause with secrets
redacted. The one thing that raises is a session id no channel should ever pass
(InvalidSession): that is an adapter's bug, not a user's mistake.
"""
from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from . import logs, session_ids, unanswered
from .engine import Engine
from .errors import StoreBroken, StoreBusy, StoreError
from .lexicon import warm as warm_lexicon
from .record import SessionRecord
from .sessions import run_turn
from .state import SessionState
from .stores import Store, redact
from .types import Reply, Turn, UserInput

log = logging.getLogger("advisor")
RETRIES = 50   # compare-and-set re-runs before giving up: one user rarely races more than once
GREETING = "meta.greeting"
FALLBACK = "meta.fallback"


class TurnObserver(Protocol):
    """Told about every turn (metrics); `fault` names the apology given, if any."""

    def turn(self, channel: str, turn: Turn, seconds: float, fault: str | None) -> None: ...


class Advisor:
    def __init__(self, engine: Engine, store: Store, *, store_url: str = "",
                 session_ttl: int | None = None, clock: Callable[[], float] = time.time,
                 new_id: Callable[[], str] = session_ids.new_session_id,
                 observer: TurnObserver | None = None, log_text: bool = False, retries: int = RETRIES):
        """`session_ttl` is the idle time after which a conversation has expired; the store
        keeps records longer than that (see `retention`), so an expired one can say so."""
        self.engine = engine
        self.store = store
        self.observer = observer
        self.session_ttl = session_ttl or store.ttl_seconds
        self.log_text = log_text
        self.retries = retries
        self._clock = clock
        self._where = redact(store_url)
        self._new_id = new_id

    @property
    def content_version(self) -> str:
        return self.engine.kb.version

    def message(self, key: str, **fmt: object) -> str:
        """System wording from dialogs/messages.yaml, for channels that must say something
        of their own (a malformed request, a rate limit)."""
        text = self.engine.kb.messages[key]
        return text.format(**fmt) if fmt else text

    def wording(self, channel: str) -> Mapping[str, str]:
        """A channel's own wording (dialogs/channels/<channel>.yaml): commands, buttons, home tab."""
        return self.engine.kb.channels.get(channel, {})

    def handle(self, session: str | None, inp: UserInput, *, channel: str = "terminal") -> Turn:
        """One turn; `None` starts a new conversation. Never raises for anything a user or a
        store does; InvalidSession for an id no adapter should pass."""
        sid = self._new_id() if session is None else session_ids.check(session)
        token = logs.request_id.set(inp.id or secrets.token_hex(6)) if logs.request_id.get() == "-" else None
        try:
            return self._turn(sid, inp, channel)
        finally:
            if token is not None:
                logs.request_id.reset(token)

    def _turn(self, sid: str, inp: UserInput, channel: str) -> Turn:
        began = time.perf_counter()
        fault: str | None = None
        try:
            turn = run_turn(self.store, _key(sid), lambda data: self._step(sid, data, inp),
                            retries=self.retries, own=_not_replayed)
        except StoreBusy as exc:
            log.warning("session %s stayed busy: %s", session_ids.session_hash(sid), exc)
            fault, turn = "busy", self._apology(sid, "store_busy")
        except StoreBroken as exc:
            log.error("session store %s is broken (needs fixing): %s", self._where, exc)
            fault, turn = "store_broken", self._apology(sid, "store_broken")
        except StoreError as exc:
            log.warning("session store %s failed: %s", self._where, exc)
            fault, turn = "store_down", self._apology(sid, "store_down")
        except Exception:
            log.exception("turn failed for session %s", session_ids.session_hash(sid))
            fault, turn = "internal_error", self._apology(sid, "internal_error")
        if fault is None and not turn.replayed:
            self._note_unanswered(sid, inp, turn)
        seconds = time.perf_counter() - began
        if self.observer is not None:
            self.observer.turn(channel, turn, seconds, fault)
        self._log_turn(sid, inp, turn, channel, seconds, fault)
        return turn

    def _log_turn(self, sid: str, inp: UserInput, turn: Turn, channel: str, seconds: float,
                  fault: str | None) -> None:
        """One INFO line per turn; what the user typed only when ADVISOR_LOG_TEXT=on."""
        if not log.isEnabledFor(logging.INFO):
            return
        said = f" text={inp.text!r}" if self.log_text and inp.text else ""
        fields = {"channel": channel, "session": session_ids.session_hash(sid), "node": turn.node,
                  "ms": round(seconds * 1000, 2), "fault": fault, "replayed": turn.replayed}
        log.info("turn channel=%s session=%s node=%s ms=%.2f fault=%s replayed=%s%s", channel, fields["session"],
                 turn.node, seconds * 1000, fault or "-", turn.replayed, said, extra={"turn": fields})

    def _note_unanswered(self, sid: str, inp: UserInput, turn: Turn) -> None:
        """Fallbacks and "did you mean"s go to the log `advisor report` reads; a store that
        cannot take the note costs the note, never the turn."""
        if not inp.text or not inp.text.strip() or not (turn.node == FALLBACK or turn.suggestions):
            return
        kind = "did_you_mean" if turn.suggestions else "fallback"
        try:
            self.store.note(unanswered.LOG, unanswered.entry(inp.text, sid, kind), unanswered.KEEP)
        except StoreError as exc:
            log.warning("could not note an unanswered question in %s: %s", self._where, exc)

    async def ahandle(self, session: str | None, inp: UserInput, *, channel: str = "terminal") -> Turn:
        """`handle` for asyncio frameworks: the store's blocking I/O runs in a worker thread."""
        import asyncio  # here, not at the top: the terminal never pays for asyncio's import

        return await asyncio.to_thread(self.handle, session, inp, channel=channel)

    def start(self, session: str | None, *, channel: str = "terminal", input_id: str | None = None) -> Turn:
        """The greeting (for /start, a widget opening, an App Home); a conversation in the
        middle of a flow gets its pending question back after it. `input_id` makes a
        redelivered /start answer once, like any other input."""
        return self.handle(session, UserInput(option=GREETING, id=input_id), channel=channel)

    async def astart(self, session: str | None, *, channel: str = "terminal", input_id: str | None = None) -> Turn:
        import asyncio

        return await asyncio.to_thread(self.start, session, channel=channel, input_id=input_id)

    def exists(self, session: str) -> bool:
        """Is there a live conversation under this id? (a Slack thread the advisor is part of)"""
        return self.state(session) is not None

    def summary(self, session: str) -> str | None:
        """The guided advisor's result for a session, as Markdown (None before a result)."""
        state = self.state(session)
        return self.engine.summary(state) if state else None

    async def asummary(self, session: str) -> str | None:
        import asyncio

        return await asyncio.to_thread(self.summary, session)

    def result(self, session: str) -> Summary:
        """What a channel sends for "get summary": the result, or what to say instead (no
        result yet, or the store's apology; unlike summary(), this never raises)."""
        try:
            markdown = self.summary(session)
        except StoreError as exc:
            log.warning("reading the result of session %s failed: %s", session_ids.session_hash(session), exc)
            return Summary(None, self.message("store_broken" if isinstance(exc, StoreBroken) else "store_down"))
        return Summary(markdown, "" if markdown else self.message("no_summary"))

    async def aresult(self, session: str) -> Summary:
        import asyncio

        return await asyncio.to_thread(self.result, session)

    def state(self, session: str) -> SessionState | None:
        sid = session_ids.check(session)
        record = self.store.get(_key(sid))
        return self._load(sid, record.data).state if record else None

    def warm(self) -> None:
        """Load what a first message could otherwise wait for (a long-running server's job)."""
        warm_lexicon()

    def healthy(self) -> bool:
        """Does the store answer? (a read of a key nobody writes)"""
        try:
            self.store.get("health:probe")
        except StoreError as exc:
            log.warning("health check: session store %s failed: %s", self._where, exc)
            return False
        return True

    def sweep(self) -> None:
        """Forget idle sessions; a store that is down now is simply retried next time."""
        try:
            removed = self.store.expire()
        except StoreError as exc:
            log.warning("could not expire idle sessions in %s: %s", self._where, exc)
            return
        if removed:
            log.info("expired %d idle session(s)", removed)

    async def sweep_forever(self, every: float) -> None:
        """A long-running process's sweep loop (web server, Telegram polling); cancel to stop."""
        import asyncio

        while True:
            await asyncio.sleep(every)
            await asyncio.to_thread(self.sweep)

    def close(self) -> None:
        try:
            self.store.close()
        except StoreError as exc:
            log.warning("closing session store %s: %s", self._where, exc)

    def _step(self, sid: str, data: str | None, inp: UserInput) -> tuple[str | None, Turn]:
        now = self._clock()
        record = self._load(sid, data) if data else SessionRecord(self.engine.new_state(sid))
        replay = record.recorded(inp.id)
        if replay is not None:
            return None, replay
        if record.applied_long_ago(inp.id):
            return None, replace(self._apology(sid, "already_applied"), replayed=True)
        if record.idle_for(now) >= self.session_ttl:
            state, turn = self.engine.expired(record.state, inp)
        else:
            state, turn = self.engine.handle(record.state, inp)
        return record.after(state, inp.id, turn, now).to_json(), turn

    def _load(self, sid: str, data: str) -> SessionRecord:
        try:
            record = SessionRecord.from_json(data)
        except (ValueError, TypeError, KeyError, AttributeError, json.JSONDecodeError):
            log.warning("session %s held unreadable state; starting it afresh", session_ids.session_hash(sid))
            return SessionRecord(self.engine.new_state(sid))
        if record.state.id != sid:
            return SessionRecord(record.state.evolve(id=sid), record.applied)
        return record

    def _apology(self, sid: str, key: str) -> Turn:
        return Turn(sid, (Reply(self.engine.kb.messages[key]),), "meta.fallback", 0.0)


@dataclass(frozen=True)
class Summary:
    markdown: str | None     # the guided advisor's result
    instead: str             # what to say when there is none


def sweep_interval(ttl: int) -> float:
    """Often enough that an idle session goes within about a quarter of the TTL; at most
    every 10 minutes, at least every 15 seconds."""
    return float(min(600, max(15, ttl // 4)))


def retention(session_ttl: int) -> int:
    """How long the store keeps an idle record: the TTL plus as long again (at most 30 days),
    so a user returning after expiry hears that the conversation timed out."""
    return session_ttl + min(session_ttl, 30 * 86400)


def _not_replayed(turn: Turn) -> Turn:
    """A turn found recorded only because this very call's write landed unseen is the
    answer to give, not a resend to stay quiet about."""
    return replace(turn, replayed=False)


def _key(session: str) -> str:
    return "session:" + session
