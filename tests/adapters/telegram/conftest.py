"""Fixtures: a fake Bot API, and the real app (`create_app` and its lifespan) talking to it."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from adapters.serve import create_app
from bot import Settings

from .fake_api import FakeBotApi

WEBHOOK_URL = "https://advisor.example.com/telegram/webhook"


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    api = FakeBotApi().start()
    yield api
    api.stop()


def env_for(fake: FakeBotApi, **extra: str) -> dict[str, str]:
    return {"ADVISOR_STORE": "memory", "ADVISOR_RATE_LIMIT": "off", "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_URL": fake.url, **extra}


@contextlib.contextmanager
def running(env: dict[str, Any]) -> Iterator[TestClient]:
    """The whole server app with its lifespan: the Telegram mount starts and stops with it."""
    with TestClient(create_app(Settings.from_env(env))) as client:
        yield client


@pytest.fixture
def polling(fake: FakeBotApi) -> Iterator[FakeBotApi]:
    """The app polling the fake; tests push updates and read what the bot sent."""
    with running(env_for(fake, TELEGRAM_MODE="polling")):
        yield fake


@pytest.fixture
def webhook(fake: FakeBotApi) -> Iterator[TestClient]:
    with running(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL)) as client:
        yield client
