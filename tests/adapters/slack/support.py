"""The real `advisor serve` app on a free port, and Slack's side of the conversation:
correctly signed event, command and interaction requests, as Slack sends them."""
from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from slack_sdk.signature import SignatureVerifier

from adapters.serve import create_app
from bot import Settings
from tests.stores.support import free_port

from .fake_slack import BOT_USER, TEAM, Call, FakeSlack

SECRET = "fake-signing-secret"
_ids = itertools.count(1)


class AdvisorServer:
    """`adapters.serve.create_app(settings)` under uvicorn in a thread: lifespan included."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_config=None,
                                access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"advisor-{self.port}", daemon=True)

    def start(self) -> AdvisorServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the advisor app did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(20)


class SlackSide:
    """What Slack posts to /slack/events, signed with the app's signing secret."""

    def __init__(self, url: str, secret: str = SECRET, server: AdvisorServer | None = None) -> None:
        self.http = httpx.Client(base_url=url, timeout=10)
        self.verifier = SignatureVerifier(secret)
        self.server = server

    def close(self) -> None:
        self.http.close()

    def send(self, body: str, content_type: str, *, headers: dict[str, str] | None = None,
             timestamp: int | None = None, signature: str | None = None) -> httpx.Response:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        sig = signature or self.verifier.generate_signature(timestamp=ts, body=body)
        return self.http.post("/slack/events", content=body.encode("utf-8"), headers={
            "content-type": content_type, "x-slack-request-timestamp": ts, "x-slack-signature": sig,
            **(headers or {})})

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None,
              reason: str = "http_timeout") -> httpx.Response:
        return self._ok(self.send_event_raw(event, event_id=event_id, retry=retry, reason=reason))

    def send_event_raw(self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None,
                       reason: str = "http_timeout") -> httpx.Response:
        body = {"token": "legacy", "team_id": TEAM, "api_app_id": "A0FAKE", "type": "event_callback",
                "event": event, "event_id": event_id or new_id("Ev"), "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}]}
        headers = {"x-slack-retry-num": str(retry), "x-slack-retry-reason": reason} if retry else None
        return self.send(json.dumps(body), "application/json", headers=headers)

    def command(self, text: str, *, user: str, channel: str, response_url: str,
                command: str = "/advisor") -> httpx.Response:
        form = {"token": "legacy", "team_id": TEAM, "team_domain": "fake", "channel_id": channel,
                "channel_name": "general", "user_id": user, "user_name": user.lower(), "command": command,
                "text": text, "api_app_id": "A0FAKE", "response_url": response_url,
                "trigger_id": new_id("trigger")}
        return self._ok(self.send(urlencode(form), "application/x-www-form-urlencoded"))

    def interact(self, payload: dict[str, Any]) -> httpx.Response:
        return self._ok(self.send(urlencode({"payload": json.dumps(payload)}),
                                  "application/x-www-form-urlencoded"))

    @staticmethod
    def _ok(response: httpx.Response) -> httpx.Response:
        assert response.status_code == 200, (response.status_code, response.text)
        return response


def new_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


def new_ts() -> str:
    return f"1700000000.{next(_ids):06d}"


def mention(text: str, *, channel: str, user: str = "U1", thread_ts: str | None = None,
            ts: str | None = None) -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts or new_ts(),
             "channel": channel, "team": TEAM, "event_ts": new_ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message(text: str, *, channel: str, user: str = "U1", thread_ts: str | None = None,
            channel_type: str = "channel", **extra: Any) -> dict[str, Any]:
    ts = new_ts()
    event = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel, "team": TEAM,
             "event_ts": ts, "channel_type": channel_type, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def buttons(call: Call) -> list[dict[str, Any]]:
    """The advisor's option buttons of a posted message, in order."""
    return [e for b in call.args.get("blocks", []) if b["type"] == "actions" and b["block_id"].startswith("ask|")
            for e in b["elements"]]


def texts(call: Call) -> str:
    """Everything a message says, sections and context lines."""
    return blocks_text(call.args.get("blocks", []))


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    out = []
    for block in blocks:
        if block["type"] in ("section", "header"):
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out.extend(e["text"] for e in block["elements"])
    return "\n".join(out)


def click(call: Call, label: str, *, user: str = "U1", response_url: str = "",
          ephemeral: bool = False) -> dict[str, Any]:
    """The block_actions payload Slack sends when `label` is clicked on a posted message."""
    blocks = call.args.get("blocks", [])
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["text"]["text"] == label:
                return _payload(call, block, element, blocks, user, response_url, ephemeral)
    raise AssertionError(f"no button {label!r} in {[e['text']['text'] for e in buttons(call)]}")


def _payload(call: Call, block: dict[str, Any], element: dict[str, Any], blocks: list[dict[str, Any]],
             user: str, response_url: str, ephemeral: bool) -> dict[str, Any]:
    channel = call.args.get("channel", "")
    ts = call.result.get("ts") or call.args.get("message_ts") or new_ts()
    thread = call.args.get("thread_ts")
    container = {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral}
    payload: dict[str, Any] = {
        "type": "block_actions", "user": {"id": user, "username": user.lower(), "team_id": TEAM},
        "api_app_id": "A0FAKE", "token": "legacy", "container": container, "trigger_id": new_id("trigger"),
        "team": {"id": TEAM, "domain": "fake"}, "channel": {"id": channel, "name": "general"},
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": element["action_id"], "block_id": block["block_id"],
                     "text": element["text"], "value": element.get("value"), "action_ts": new_ts()}]}
    if thread:
        container["thread_ts"] = thread
    if not ephemeral:
        payload["message"] = {"type": "message", "user": BOT_USER, "bot_id": "BBOT", "ts": ts,
                              "text": call.args.get("text"), "blocks": blocks,
                              **({"thread_ts": thread} if thread else {})}
    return payload


def wait_for_log(caplog: pytest.LogCaptureFixture, words: str, *, count: int = 1,
                 timeout: float = 15) -> list[logging.LogRecord]:
    """Records containing `words` once there are `count`: how a test knows that a listener,
    running after the ack, decided to stay silent."""
    deadline = time.monotonic() + timeout
    while True:
        found = [r for r in list(caplog.records) if words in r.getMessage()]
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"no log saying {words!r}; got {[r.getMessage() for r in caplog.records][-15:]}")
        time.sleep(0.02)


def eventually(check: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        time.sleep(0.02)


CARD = "Your IT support recommendation"


def run_guided_advisor(fake: FakeSlack, slack: SlackSide, *, user: str, channel: str,
                       pick: Callable[[int], int] = lambda step: 0) -> Call:
    """Through the guided advisor in a DM by buttons; the recommendation card's post.
    `pick(step)` chooses which button to press at each step."""
    def in_dm(c: Call) -> bool:
        return c.args.get("channel") == channel

    start = len(fake.recorded("chat.postMessage", in_dm))
    slack.event(message("which model fits us?", channel=channel, user=user, channel_type="im"))
    post = fake.wait_for("chat.postMessage", in_dm, count=start + 1)[-1]
    for step in range(start + 2, start + 30):
        if CARD in texts(post):
            return post
        slack.interact(click(post, buttons(post)[pick(step - start)]["text"]["text"], user=user))
        post = fake.wait_for("chat.postMessage", in_dm, count=step)[-1]
    raise AssertionError("the guided advisor did not reach a recommendation")
