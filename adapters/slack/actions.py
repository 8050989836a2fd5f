"""Button clicks: an option continues its conversation, "Get summary" sends the result.

A click's idempotency key is the message and the nonce of the buttons it came from:
a double click, or clicks on two instances, apply once. The clicked message is then
updated so its buttons become "✓ <label>" and cannot be pressed into a stale state;
an ephemeral message (the slash command's) is replaced by the answer instead, since
Slack gives no way to edit it in place.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot import UserInput

from .blocks import OPTION_ACTION, SUMMARY_ACTION, buttons_of, chosen, chosen_line, section, sections, summary_session
from .conversation import Conversations, Place
from .mrkdwn import escape

log = logging.getLogger("advisor.slack")
Payload = dict[str, Any]


def register(app: AsyncApp, talk: Conversations) -> None:
    async def on_option(ack: AsyncAck, body: Payload, action: Payload, respond: AsyncRespond) -> None:
        await ack()
        found = buttons_of(str(action.get("block_id", "")))
        if found is None:
            log.debug("slack ignored a click on buttons that are not the advisor's")
            return
        where = _origin(body)
        user, clicked = body["user"]["id"], str((action.get("text") or {}).get("text", ""))
        inp = UserInput(option=str(action.get("value", "")), id=f"{where.message_ts}:{found.nonce}")
        if where.ephemeral:
            place = Place("command", where.channel, respond=respond, replace=True)
            await talk.answer(found.session, inp, place, user=user,
                              before=[chosen_line(clicked, talk.wording)])
            return
        turn = await talk.take(found.session, inp)
        if turn is None:
            return
        message = body.get("message") or {}
        if message.get("blocks") and where.message_ts:
            await talk.api.update(where.channel, where.message_ts,
                                  chosen(message["blocks"], clicked, talk.wording),
                                  str(message.get("text") or talk.wording["fallback"]))
        await talk.reply(turn, where.place(), user=user)

    async def on_summary(ack: AsyncAck, body: Payload, action: Payload, respond: AsyncRespond) -> None:
        await ack()
        session = summary_session(str(action.get("block_id", "")))
        if session is None:
            return
        where = _origin(body)
        place = Place("command", where.channel, respond=respond) if where.ephemeral else where.place()
        result = await talk.advisor.aresult(session)
        summary = result.markdown
        if summary is None:
            await talk.deliver(place, [section(escape(result.instead))])
            return
        w = talk.wording
        if not where.ephemeral and await talk.api.upload(
                where.channel, where.thread_ts, content=summary, filename=w["summary_filename"],
                title=w["summary_title"], comment=w["summary_comment"]):
            return
        await talk.deliver(place, sections(summary))

    app.action(re.compile(rf"^{re.escape(OPTION_ACTION)}\.\d+$"))(on_option)
    app.action(SUMMARY_ACTION)(on_summary)


@dataclass(frozen=True)
class _Origin:
    """Where a clicked message sits: its channel, thread and ts, and whether it is ephemeral."""

    channel: str
    message_ts: str | None
    thread_ts: str | None
    ephemeral: bool

    def place(self) -> Place:
        """The bot answers in threads in channels and at the top level only in direct messages."""
        return Place("thread" if self.thread_ts else "im", self.channel, self.thread_ts)


def _origin(body: Payload) -> _Origin:
    container = body.get("container") or {}
    message = body.get("message") or {}
    return _Origin(str(container.get("channel_id") or (body.get("channel") or {}).get("id") or ""),
                   container.get("message_ts"), container.get("thread_ts") or message.get("thread_ts"),
                   bool(container.get("is_ephemeral")))
