"""The Slack Web API calls this channel makes, each one failing softly.

A Slack error (rate limit after the SDK's retries, a channel the bot is not in, a
revoked token) or an unreachable Slack is logged with its cause and reported as a
None/False result: the turn is already in the session store, so nothing of the
conversation is lost and the server carries on. Rate limits are retried by
slack_sdk's own handler, honouring Retry-After; tokens never reach the log.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import Any, TypeVar

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import SlackSettings

from .blocks import Block, Message

log = logging.getLogger("advisor.slack")
T = TypeVar("T")
RATE_LIMIT_RETRIES = 3
_HINTS = {
    "ratelimited": "Slack rate-limited the app and it stayed limited through the retries",
    "channel_not_found": "the channel does not exist or the bot cannot see it",
    "not_in_channel": "the bot is not a member of the channel: invite it there",
    "is_archived": "the channel is archived",
    "invalid_auth": "SLACK_BOT_TOKEN was refused: check it",
    "token_revoked": "SLACK_BOT_TOKEN was revoked: reinstall the app and paste the new token",
    "account_inactive": "the bot's token belongs to a deactivated app or user",
    "missing_scope": "the app lacks a scope for this call: update it from the manifest and reinstall",
}


def web_client(settings: SlackSettings) -> AsyncWebClient:
    """The Web API client: SLACK_API_URL when set (tests, GovSlack), Slack's own otherwise."""
    kwargs: dict[str, Any] = {}
    if settings.api_url:
        kwargs["base_url"] = settings.api_url.rstrip("/") + "/"
    return AsyncWebClient(token=settings.bot_token, retry_handlers=[
        AsyncConnectionErrorRetryHandler(),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
    ], **kwargs)


class SlackApi:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, channel: str, message: Message, thread_ts: str | None = None) -> str | None:
        """The new message's ts, or None when it could not be delivered."""
        response = await _soft(f"chat.postMessage to {channel}", self.client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=message.text, blocks=message.blocks,
            unfurl_links=False, unfurl_media=False))
        return None if response is None else str(response.get("ts"))

    async def update(self, channel: str, ts: str, blocks: Sequence[Block], text: str) -> bool:
        response = await _soft(f"chat.update in {channel}", self.client.chat_update(
            channel=channel, ts=ts, blocks=list(blocks), text=text))
        return response is not None

    async def respond(self, respond: AsyncRespond, message: Message, *, replace: bool = False) -> bool:
        """An ephemeral answer through the interaction's response_url."""
        try:
            sent = await respond(text=message.text, blocks=message.blocks, response_type="ephemeral",
                                 replace_original=replace)
        except (TimeoutError, aiohttp.ClientError, SlackClientError, ValueError) as exc:
            log.warning("slack response_url post failed: %s", exc.__class__.__name__)
            return False
        if sent.status_code != 200:
            log.warning("slack response_url post failed: HTTP %s %s", sent.status_code, str(sent.body)[:200])
            return False
        return True

    async def permalink(self, channel: str, ts: str) -> str | None:
        response = await _soft(f"chat.getPermalink in {channel}",
                               self.client.chat_getPermalink(channel=channel, message_ts=ts))
        return None if response is None else response.get("permalink")

    async def open_dm(self, user: str) -> str | None:
        response = await _soft(f"conversations.open with {user}", self.client.conversations_open(users=user))
        return None if response is None else (response.get("channel") or {}).get("id")

    async def publish_home(self, user: str, view: dict[str, Any]) -> bool:
        return await _soft(f"views.publish for {user}",
                           self.client.views_publish(user_id=user, view=view)) is not None

    async def upload(self, channel: str, thread_ts: str | None, *, content: str, filename: str,
                     title: str, comment: str) -> bool:
        """A text file in a channel or thread (files.getUploadURLExternal + completeUploadExternal)."""
        response = await _soft(f"files_upload_v2 to {channel}", self.client.files_upload_v2(
            channel=channel, thread_ts=thread_ts, content=content, filename=filename, title=title,
            initial_comment=comment))
        return response is not None


async def _soft(what: str, call: Awaitable[T]) -> T | None:
    try:
        return await call
    except SlackApiError as exc:
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        error = str(data.get("error") or f"HTTP {exc.response.status_code}")
        log.warning("slack %s failed: %s (%s)", what, error, _HINTS.get(error, "see Slack's API docs"))
    except (TimeoutError, aiohttp.ClientError, SlackClientError) as exc:
        log.warning("slack %s failed: could not reach Slack (%s: %s)", what, exc.__class__.__name__, exc)
    return None
