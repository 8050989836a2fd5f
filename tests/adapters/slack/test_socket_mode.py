"""Socket Mode: with SLACK_APP_TOKEN the app dials out to Slack's websocket at startup,
acknowledges each envelope and answers as over HTTP; no /slack/events route is needed."""
from __future__ import annotations

import json
import time
from typing import Any

import pytest

from .conftest import Serve
from .fake_slack import APP_TOKEN, BOT_USER, TEAM, FakeSlack
from .support import mention, new_id, texts


def envelope(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"envelope_id": new_id("env-"), "type": kind, "payload": payload,
            "accepts_response_payload": kind != "events_api", "retry_attempt": 0, "retry_reason": ""}


def test_socket_mode_connects_at_startup_acks_and_answers(fake: FakeSlack, serve: Serve):
    slack = serve(SLACK_APP_TOKEN=APP_TOKEN, SLACK_SIGNING_SECRET="")
    assert fake.socket_connected.wait(15)
    [opened] = fake.recorded("apps.connections.open")
    assert opened.token == APP_TOKEN

    event = mention("what is an MSP?", channel="C800")
    sent = envelope("events_api", {"token": "legacy", "team_id": TEAM, "api_app_id": "A0FAKE",
                                   "type": "event_callback", "event": event, "event_id": new_id("Ev"),
                                   "event_time": int(time.time()),
                                   "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}]})
    fake.send_envelope(sent)
    fake.wait_socket_message(lambda m: m.get("envelope_id") == sent["envelope_id"])
    [answer] = fake.wait_for("chat.postMessage")
    assert answer.args["thread_ts"] == event["ts"] and "managed service provider" in texts(answer).lower()

    command = envelope("slash_commands", {
        "token": "legacy", "team_id": TEAM, "channel_id": "C801", "user_id": "U80", "command": "/advisor",
        "text": "", "api_app_id": "A0FAKE", "response_url": fake.response_url("socket"),
        "trigger_id": new_id("trigger")})
    fake.send_envelope(command)
    fake.wait_socket_message(lambda m: m.get("envelope_id") == command["envelope_id"])
    [private] = fake.wait_for("response_url", lambda c: c.args["name"] == "socket")
    assert private.args["response_type"] == "ephemeral" and "Which model fits us?" in json.dumps(private.args)

    assert slack.http.post("/slack/events", content=b"{}").status_code != 200, "no HTTP route in Socket Mode"
    assert slack.server is not None
    slack.server.stop()
    assert fake.socket_closed.wait(15), "shutdown closes the connection"


def test_a_refused_app_token_is_logged_and_the_server_still_starts(fake: FakeSlack, serve: Serve,
                                                                  caplog: pytest.LogCaptureFixture):
    slack = serve(SLACK_APP_TOKEN="xapp-not-the-right-one", SLACK_SIGNING_SECRET="")
    assert fake.recorded("apps.connections.open", lambda c: c.error == "invalid_auth")
    assert [r for r in caplog.records if "Socket Mode is not connected yet" in r.getMessage()]
    assert slack.http.get("/healthz").status_code == 200
    assert not [r for r in caplog.records if "xapp-not-the-right-one" in r.getMessage()]
