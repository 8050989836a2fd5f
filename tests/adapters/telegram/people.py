"""Users, chats, reading what the bot sent, and waiting for it: shared by the Telegram tests."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .fake_api import BOT, Call, FakeBotApi, parse_html

HANDLE = "@" + BOT["username"]


def user(uid: int, name: str = "Ann") -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": name}


def private(person: dict[str, Any]) -> dict[str, Any]:
    return {"id": person["id"], "type": "private", "first_name": person["first_name"]}


def group(chat_id: int = -1001234567890) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": "Office"}


def mentioning(fake: FakeBotApi, chat: dict[str, Any], sender: dict[str, Any], text: str) -> dict[str, Any]:
    """A message that @mentions the bot wherever HANDLE appears in `text`."""
    at = text.index(HANDLE)
    entity = {"type": "mention", "offset": len(text[:at].encode("utf-16-le")) // 2, "length": len(HANDLE)}
    return fake.message(chat, sender, text, entities=[entity])


def shown(call: Call) -> str:
    """What the user reads: the message's HTML as Telegram renders it."""
    return parse_html(call.params["text"])


def buttons(call: Call) -> list[tuple[str, str]]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


def sent_to(chat: dict[str, Any]):  # type: ignore[no-untyped-def]
    return lambda call: call.params.get("chat_id") == chat["id"]


def replying_to(message: dict[str, Any]):  # type: ignore[no-untyped-def]
    return lambda call: (call.params.get("reply_parameters") or {}).get("message_id") == message["message_id"]


def message_of(call: Call) -> dict[str, Any]:
    """The bot's message as Telegram returned it (what a later button press carries)."""
    assert isinstance(call.result, dict)
    return call.result


def eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait until `check()` holds (something another thread does, such as logging), with a deadline."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s")
        time.sleep(0.02)
