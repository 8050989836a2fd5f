"""The HTTP endpoint Slack posts to: signatures checked, URL verification answered."""
from __future__ import annotations

import json
import time

from .fake_slack import FakeSlack
from .support import SlackSide, mention


def event_body() -> str:
    return json.dumps({"type": "event_callback", "team_id": "T0FAKE", "event_id": "EvBAD",
                       "event": mention("what is an MSP?", channel="C200")})


def test_a_request_with_a_bad_signature_is_refused(fake: FakeSlack, slack: SlackSide):
    response = slack.send(event_body(), "application/json", signature="v0=" + "0" * 64)
    assert response.status_code == 401


def test_a_correctly_signed_but_old_request_is_refused(fake: FakeSlack, slack: SlackSide):
    response = slack.send(event_body(), "application/json", timestamp=int(time.time()) - 3600)
    assert response.status_code == 401


def test_a_request_signed_with_another_secret_is_refused(fake: FakeSlack, slack: SlackSide):
    stranger = SlackSide(str(slack.http.base_url), secret="not-our-secret")
    try:
        assert stranger.send(event_body(), "application/json").status_code == 401
    finally:
        stranger.close()
    assert not fake.recorded("chat.postMessage")


def test_url_verification_echoes_the_challenge(slack: SlackSide):
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    response = slack.send(body, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}

