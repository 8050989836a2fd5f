"""Messages in: a mention starts (or continues) a thread's conversation, a reply in a
thread the bot is part of continues it, a direct message continues the user's one
conversation, and the slash command answers privately.

Bots (this one included) are never answered: a bot answering bots can loop forever.
A mention inside a thread arrives twice (app_mention and message); only the
app_mention is answered. Each decision is logged at DEBUG, so an operator can see
why a message went unanswered.
"""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot import UserInput

from .conversation import GREETING, Conversations, Place, command_session, dm_session, thread_session
from .mrkdwn import from_slack

log = logging.getLogger("advisor.slack")
Event = dict[str, Any]


def register(app: AsyncApp, talk: Conversations, command: str) -> None:
    async def on_mention(event: Event, body: Event, context: AsyncBoltContext) -> None:
        if _from_a_bot(event, context):
            log.debug("slack ignored a mention by a bot (event %s)", body.get("event_id"))
            return
        team, channel = str(context.team_id), event["channel"]
        thread = event.get("thread_ts") or event["ts"]
        await talk.answer(thread_session(team, channel, thread),
                          _input(event, body, context), Place("thread", channel, thread), user=event["user"])

    async def on_message(event: Event, body: Event, context: AsyncBoltContext) -> None:
        why = _unanswered(event, context)
        if why:
            log.debug("slack ignored message event %s: %s", body.get("event_id"), why)
            return
        team, channel, user = str(context.team_id), event["channel"], event["user"]
        if event.get("channel_type") == "im":
            place = Place("im", channel, event.get("thread_ts"))
            await talk.answer(dm_session(team, user), _input(event, body, context), place, user=user)
            return
        session = thread_session(team, channel, event["thread_ts"])
        if not await talk.joined(session):
            log.debug("slack ignored message event %s: a thread the bot is not part of", body.get("event_id"))
            return
        await talk.answer(session, _input(event, body, context), Place("thread", channel, event["thread_ts"]),
                          user=user)

    async def on_command(ack: AsyncAck, command: Event, respond: AsyncRespond,
                         context: AsyncBoltContext) -> None:
        await ack()
        team, channel, user = str(context.team_id), command["channel_id"], command["user_id"]
        text = from_slack(command.get("text") or "", context.bot_user_id)
        key = f"cmd:{command.get('trigger_id')}"
        inp = UserInput(text=text, id=key) if text else UserInput(option=GREETING, id=key)
        await talk.answer(command_session(team, channel, user), inp,
                          Place("command", channel, respond=respond), user=user)

    app.event("app_mention")(on_mention)
    app.event("message")(on_message)
    app.command(command)(on_command)


def _input(event: Event, body: Event, context: AsyncBoltContext) -> UserInput:
    """The message as an input keyed by its event id; a bare mention asks for the greeting."""
    text = from_slack(event.get("text") or "", context.bot_user_id)
    key = str(body.get("event_id") or f"msg:{event.get('ts')}")
    return UserInput(text=text, id=key) if text else UserInput(option=GREETING, id=key)


def _from_a_bot(event: Event, context: AsyncBoltContext) -> bool:
    return bool(event.get("bot_id") or event.get("subtype") == "bot_message"
                or not event.get("user") or event.get("user") == context.bot_user_id)


def _unanswered(event: Event, context: AsyncBoltContext) -> str | None:
    """Why a message event gets no answer, or None when it does."""
    if _from_a_bot(event, context):
        return "sent by a bot"
    if event.get("subtype"):
        return f"a {event['subtype']} event, not a new message"
    if event.get("channel_type") == "im":
        return None
    thread = event.get("thread_ts")
    if not thread or thread == event.get("ts"):
        return "channel chatter outside a thread"
    if context.bot_user_id and f"<@{context.bot_user_id}" in (event.get("text") or ""):
        return "it mentions the bot, so app_mention answers it"
    return None
