"""The App Home tab: what the advisor does, two ways to start in a DM, the last result.

The tab is rebuilt whenever the user opens it, so the recommendation shown is the
one their direct-message conversation holds at that moment. Its buttons open (or
find) the DM and start the flow there, where the conversation continues.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from bot import UserInput

from .blocks import Block, button, header, section, sections
from .conversation import Conversations, Place, dm_session

log = logging.getLogger("advisor.slack")
MAX_HOME_BLOCKS = 100
START = {"home.advisor": "flow.advisor", "home.downtime": "flow.downtime_calculator"}
Payload = dict[str, Any]


def home_view(wording: Mapping[str, str], command: str, summary: str | None) -> dict[str, Any]:
    blocks: list[Block] = [
        header(wording["home_title"]),
        section(wording["home_intro"].format(command=command)),
        {"type": "actions", "block_id": "home", "elements": [
            button(wording["home_advisor_button"], "home.advisor", START["home.advisor"], primary=True),
            button(wording["home_downtime_button"], "home.downtime", START["home.downtime"]),
        ]},
        {"type": "divider"},
        header(wording["home_last_title"]),
    ]
    if summary:
        blocks.extend(sections(summary)[:MAX_HOME_BLOCKS - len(blocks)])
    else:
        blocks.append(section(wording["home_no_recommendation"]))
    return {"type": "home", "blocks": blocks}


def register(app: AsyncApp, talk: Conversations) -> None:
    async def on_home_opened(event: Payload, context: AsyncBoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        user = event["user"]
        summary = (await talk.advisor.aresult(dm_session(str(context.team_id), user))).markdown
        if await talk.api.publish_home(user, home_view(talk.wording, talk.settings.command, summary)):
            log.debug("slack published the home tab for %s", user)

    async def on_start(ack: AsyncAck, body: Payload, action: Payload, context: AsyncBoltContext) -> None:
        await ack()
        user = body["user"]["id"]
        channel = await talk.api.open_dm(user)
        if channel is None:
            return
        flow = START[action["action_id"]]
        key = f"home:{action.get('action_ts') or body.get('trigger_id')}"
        await talk.answer(dm_session(str(context.team_id), user), UserInput(option=flow, id=key),
                          Place("im", channel), user=user)

    app.event("app_home_opened")(on_home_opened)
    for action_id in START:
        app.action(action_id)(on_start)
