"""A fake Slack and the real app pointed at it, started per test and stopped after."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest

from bot import Settings

from .fake_slack import BOT_TOKEN, FakeSlack
from .support import SECRET, AdvisorServer, SlackSide

Serve = Callable[..., SlackSide]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def env(fake: FakeSlack) -> dict[str, str]:
    """The environment `advisor serve` would read, pointed at the fake Slack."""
    return {"ADVISOR_STORE": "memory", "ADVISOR_RATE_LIMIT": "off", "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url}


@pytest.fixture
def serve(env: dict[str, str], caplog: pytest.LogCaptureFixture) -> Iterator[Serve]:
    """Start an app instance (more than one may share a store); all are stopped after the test."""
    caplog.set_level(logging.DEBUG, logger="advisor.slack")
    running: list[tuple[AdvisorServer, SlackSide]] = []

    def start(**overrides: str) -> SlackSide:
        server = AdvisorServer(Settings.from_env({**env, **overrides})).start()
        side = SlackSide(server.url, server=server)
        running.append((server, side))
        return side

    yield start
    for server, side in running:
        side.close()
        server.stop()


@pytest.fixture
def slack(serve: Serve) -> SlackSide:
    return serve()
