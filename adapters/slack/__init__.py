"""The Slack channel: mentions, threads, DMs, a slash command, buttons and an App Home.

`mount(advisor, settings)` hands `advisor serve` either the HTTP route Slack posts
events, commands and interactivity to (`POST /slack/events`, signatures checked by
slack-bolt) or, with SLACK_APP_TOKEN, a Socket Mode connection opened at startup.
Everything the channel says itself is in dialogs/channels/slack.yaml.
"""
from __future__ import annotations

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from starlette.routing import Route

from bot import Advisor, Settings

from ..channels import ChannelMount
from . import actions, events, home
from .api import SlackApi, web_client
from .conversation import Conversations
from .socket_mode import SocketMode

__all__ = ["mount", "build_app"]


def build_app(advisor: Advisor, settings: Settings) -> AsyncApp:
    """The bolt app with every listener. bolt checks the token with auth.test on the first
    request, against SLACK_API_URL when set, and learns the bot's own ids from it."""
    slack = settings.slack
    client = web_client(slack)
    app = AsyncApp(client=client, signing_secret=slack.signing_secret or "", name="advisor")
    talk = Conversations(advisor, SlackApi(client), slack)
    events.register(app, talk, slack.command)
    actions.register(app, talk)
    home.register(app, talk)
    return app


def mount(advisor: Advisor, settings: Settings) -> ChannelMount:
    app = build_app(advisor, settings)
    if settings.slack.socket_mode:
        socket = SocketMode(app, str(settings.slack.app_token))
        return ChannelMount("slack", startup=socket.startup, shutdown=socket.shutdown)
    handler = AsyncSlackRequestHandler(app)
    return ChannelMount("slack", routes=[Route("/slack/events", handler.handle, methods=["POST"])])
