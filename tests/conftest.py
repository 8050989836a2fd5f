"""Shared fixtures: the real shipped content and a real engine, built once per run."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from hypothesis import HealthCheck, settings

from bot.engine import Engine
from bot.knowledge import Knowledge
from bot.paths import content_root
from bot.state import SessionState
from bot.types import Turn, UserInput
from bot.wiring import load_content
from tests.stores.support import RedisLauncher, free_port, need_redis, ping

ROOT = Path(__file__).resolve().parent.parent

# Property tests check behaviour, not speed: a loaded CI machine must not fail them on time
# (speed is measured by `advisor bench`).
settings.register_profile("advisor", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("advisor")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands the tests start keep their compiled-content cache in a temporary folder."""
    old = os.environ.get("ADVISOR_CACHE_DIR")
    os.environ["ADVISOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("advisor-cache"))
    yield
    if old is None:
        os.environ.pop("ADVISOR_CACHE_DIR", None)
    else:
        os.environ["ADVISOR_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_content()


@pytest.fixture(scope="session")
def engine(kb: Knowledge) -> Engine:
    return Engine(kb, human_contact="call Dana on 555-0100")


class Chat:
    """A conversation driven through the real engine, keeping state between turns."""

    def __init__(self, engine: Engine, sid: str = "test"):
        self.engine = engine
        self.state: SessionState = engine.new_state(sid)
        self.turns: list[Turn] = []

    def say(self, text: str) -> Turn:
        return self._send(UserInput(text=text))

    def click(self, option: str) -> Turn:
        return self._send(UserInput(option=option))

    def _send(self, inp: UserInput) -> Turn:
        self.state, turn = self.engine.handle(self.state, inp)
        self.turns.append(turn)
        return turn


@pytest.fixture
def chat(engine: Engine) -> Chat:
    return Chat(engine)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped content that a test may break."""
    root = tmp_path / "content"
    for part in ("knowledge", "dialogs"):
        shutil.copytree(content_root() / part, root / part)
    return root


def option_ids(turn: Turn) -> list[str]:
    return [o.id for r in turn.replies for o in r.options]


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def to_result(chat: Chat, opening: str = "help me choose") -> Turn:
    """Run the guided advisor to its recommendation, clicking each question's first button."""
    turn = chat.say(opening)
    while turn.expects:
        turn = chat.click(option_ids(turn)[0])
    assert turn.recommendation is not None
    return turn


# Redis: REDIS_URL when that answers, else a redis-server this suite starts on a free
# port. With neither, Redis tests skip locally and fail under CI=true.

@pytest.fixture
def redis_launcher() -> Iterator[RedisLauncher]:
    binary = shutil.which("redis-server")
    if binary is None:
        need_redis("redis-server is not on PATH")
    launcher = RedisLauncher(binary)
    yield launcher
    launcher.stop_all()


@dataclass
class RedisDbs:
    """A reachable server and the db numbers the tests may flush."""

    url: str
    dbs: list[int]
    used: int = 0

    def next_url(self) -> str:
        db = self.dbs[self.used % len(self.dbs)]
        self.used += 1
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


@pytest.fixture(scope="session")
def redis_dbs() -> Iterator[RedisDbs]:
    """REDIS_URL's own db only (never flush other dbs of a lent server), else a private server."""
    given = os.environ.get("REDIS_URL")
    if given and ping(given):
        yield RedisDbs(given, [int(urlsplit(given).path.strip("/") or 0)])
        return
    binary = shutil.which("redis-server")
    if binary is None:
        need_redis("REDIS_URL is unset or unreachable and redis-server is not on PATH")
    launcher = RedisLauncher(binary)
    port = free_port()
    try:
        launcher.start(port)
    except (RuntimeError, OSError) as exc:
        need_redis(str(exc))
    yield RedisDbs(f"redis://127.0.0.1:{port}/0", list(range(1, 16)))
    launcher.stop_all()


def _flush(url: str) -> None:
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


@pytest.fixture
def redis_url(redis_dbs: RedisDbs) -> Iterator[str]:
    """A URL to an empty db, a different one per test where the server allows."""
    url = redis_dbs.next_url()
    _flush(url)
    yield url
    _flush(url)


