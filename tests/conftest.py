"""Shared fixtures: the real shipped content and a real engine, built once per run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge import Knowledge
from bot.paths import content_root
from bot.state import SessionState
from bot.types import Turn, UserInput
from bot.wiring import load_content

ROOT = Path(__file__).resolve().parent.parent


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
