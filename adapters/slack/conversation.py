"""One turn through the seam and its answer back into Slack, wherever it belongs.

Sessions are keyed by where a conversation lives: a channel thread, a user's direct
messages, a user's private slash-command exchange in one channel. Every input carries
an idempotency key, so a retried event or a second click gets the recorded turn back
(`turn.replayed`) and is not posted again, on any server instance.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from slack_bolt.context.respond.async_respond import AsyncRespond

from bot import Advisor, AdvisorError, ConfigError, Turn, UserInput, session_id
from bot.config import SlackSettings

from .api import SlackApi
from .blocks import Block, pack, section, sections, turn_blocks

log = logging.getLogger("advisor.slack")
HUMAN = "meta.human"
GREETING = "meta.greeting"
CHANNEL = "slack"
WORDING = frozenset({
    "fallback", "chosen", "card_title", "card_score", "card_runner_up", "summary_button", "summary_title",
    "summary_filename", "summary_comment", "home_title", "home_intro", "home_advisor_button",
    "home_downtime_button", "home_last_title", "home_no_recommendation", "handoff_note",
    "handoff_where_channel", "handoff_where_dm", "handoff_where_command", "handoff_summary", "handoff_ack",
})


def thread_session(team: str, channel: str, thread_ts: str) -> str:
    return session_id(CHANNEL, team, channel, thread_ts)


def dm_session(team: str, user: str) -> str:
    return session_id(CHANNEL, team, "im", user)


def command_session(team: str, channel: str, user: str) -> str:
    return session_id(CHANNEL, team, channel, "cmd", user)


@dataclass(frozen=True)
class Place:
    """Where answers go: a channel (a thread of it), or a private response_url."""

    kind: str                              # "thread", "im" or "command"
    channel: str
    thread_ts: str | None = None
    respond: AsyncRespond | None = None    # set: ephemeral answers through response_url
    replace: bool = False                  # the first answer replaces the clicked ephemeral message


class Conversations:
    def __init__(self, advisor: Advisor, api: SlackApi, settings: SlackSettings) -> None:
        self.advisor = advisor
        self.api = api
        self.settings = settings
        self.wording: Mapping[str, str] = advisor.wording(CHANNEL)
        missing = sorted(WORDING - set(self.wording))
        if missing:   # at startup, not as a KeyError in the middle of a conversation
            raise ConfigError(f"dialogs/channels/slack.yaml lacks the texts {', '.join(missing)}")

    async def joined(self, session: str) -> bool:
        """Is the bot part of this conversation (has it a session)? A store that cannot say
        counts as no: answering every thread with an apology would be worse than silence."""
        try:
            return await asyncio.to_thread(self.advisor.exists, session)
        except AdvisorError as exc:
            log.warning("slack could not look up %s: %s", session, exc.__class__.__name__)
            return False

    async def take(self, session: str, inp: UserInput) -> Turn | None:
        """The turn for an input, or None when that input was answered before."""
        turn = await self.advisor.ahandle(session, inp, channel=CHANNEL)
        if turn.replayed:
            log.info("slack input %s was answered before (a retry or a second click); not posting again",
                     inp.id)
            return None
        return turn

    async def answer(self, session: str, inp: UserInput, place: Place, *, user: str,
                     before: Sequence[Block] = ()) -> None:
        turn = await self.take(session, inp)
        if turn is not None:
            await self.reply(turn, place, user=user, before=before)

    async def reply(self, turn: Turn, place: Place, *, user: str, before: Sequence[Block] = ()) -> None:
        blocks = list(before)
        if (turn.node == HUMAN and self.settings.handoff_channel
                and await self._hand_off(turn.session, place, user)):
            blocks.append(section(self.wording["handoff_ack"]))
            turn = self._handed_off(turn)
        blocks.extend(turn_blocks(turn, self.wording))
        if await self.deliver(place, blocks):
            log.debug("slack answered %s in %s", turn.session, place.channel)

    def _handed_off(self, turn: Turn) -> Turn:
        """Without ADVISOR_HUMAN_CONTACT the core says it cannot put the user through to a
        person; once the team has been told here that is no longer true, so the sentence
        gives way to the handoff note (its buttons stay)."""
        unavailable = self.advisor.message("human_unavailable")
        return replace(turn, replies=tuple(replace(r, text="") if r.text == unavailable else r
                                           for r in turn.replies))

    async def deliver(self, place: Place, blocks: Sequence[Block]) -> bool:
        delivered = True
        for i, message in enumerate(pack(blocks, self.wording["fallback"])):
            if place.respond is not None:
                ok = await self.api.respond(place.respond, message, replace=place.replace and i == 0)
            else:
                ok = await self.api.post(place.channel, message, place.thread_ts) is not None
            delivered = delivered and ok
        return delivered

    async def _hand_off(self, session: str, place: Place, user: str) -> bool:
        """A note for the team in the handoff channel: who, where (a link when there is one)
        and the conversation's recommendation; True when it was posted."""
        channel = str(self.settings.handoff_channel)
        where = await self._where(place)
        blocks: list[Block] = [section(self.wording["handoff_note"].format(user=f"<@{user}>", where=where))]
        summary = (await self.advisor.aresult(session)).markdown
        if summary:
            blocks.append(section(self.wording["handoff_summary"]))
            blocks.extend(sections(summary))
        delivered = await self.deliver(Place("thread", channel), blocks)
        if delivered:
            log.info("slack handoff for %s posted to %s", session, channel)
        return delivered

    async def _where(self, place: Place) -> str:
        if place.kind == "thread" and place.thread_ts:
            link = await self.api.permalink(place.channel, place.thread_ts)
            if link:
                return link
            return self.wording["handoff_where_channel"].format(channel=f"<#{place.channel}>")
        if place.kind == "im":
            return self.wording["handoff_where_dm"]
        return self.wording["handoff_where_command"].format(command=self.settings.command,
                                                            channel=f"<#{place.channel}>")
