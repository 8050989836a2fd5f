"""Webhook mode through the real app: registration with a secret, and only the secret gets in."""
from __future__ import annotations

import re

from adapters.telegram.app import webhook_secret
from bot import Settings

from .conftest import WEBHOOK_URL, env_for, running
from .fake_api import FakeBotApi
from .people import private, sent_to, shown, user

ANN = user(301, "Ann")
DM = private(ANN)
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def registered_secret(fake: FakeBotApi) -> str:
    return fake.wait_for("setWebhook")[-1].params["secret_token"]


def test_start_up_registers_the_webhook_with_a_secret_and_keeps_pending_updates(fake, webhook):
    [call] = fake.wait_for("setWebhook")
    assert call.params["url"] == WEBHOOK_URL
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", call.params["secret_token"])
    assert call.params.get("drop_pending_updates") in (None, "False", "false")
    assert set(call.params["allowed_updates"]) == {"message", "callback_query"}
    assert fake.calls_to("setMyCommands") and not fake.calls_to("deleteWebhook")
    assert fake.polls == 0


def test_the_derived_secret_is_shared_by_instances_and_follows_the_token(fake):
    with running(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL)):
        first = registered_secret(fake)
    with running(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL)):
        assert registered_secret(fake) == first
    other = Settings.from_env({"TELEGRAM_BOT_TOKEN": "999:another-token", "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL})
    assert webhook_secret(other) != first
    assert fake.token not in first


def test_a_configured_secret_is_used(fake):
    with running(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET="s3cret_from-env")):
        assert registered_secret(fake) == "s3cret_from-env"


def test_the_right_secret_is_answered(fake, webhook):
    update = fake.message(DM, ANN, "what is an MSP?")
    response = webhook.post("/telegram/webhook", json=update, headers={HEADER: registered_secret(fake)})
    assert response.status_code == 200
    [answer] = fake.wait_for("sendMessage", where=sent_to(DM))
    assert "managed service provider" in shown(answer).lower()


def test_a_missing_or_wrong_secret_is_refused(fake, webhook):
    secret = registered_secret(fake)
    for headers in ({}, {HEADER: "wrong"}, {HEADER: secret[:-1]}, {HEADER: secret + "x"}):
        update = fake.message(DM, ANN, "what is break-fix?")
        assert webhook.post("/telegram/webhook", json=update, headers=headers).status_code == 403
    marker = fake.message(DM, ANN, "what is co-managed IT?")
    assert webhook.post("/telegram/webhook", json=marker, headers={HEADER: secret}).status_code == 200
    [answer] = fake.wait_for("sendMessage", where=sent_to(DM))
    assert "co-managed" in shown(answer).lower()
    assert len(fake.calls_to("sendMessage")) == 1


def test_a_body_that_is_not_an_update_is_a_bad_request(fake, webhook):
    secret = registered_secret(fake)
    for body in (b"{not json", b"[1, 2]", b'{"no": "update id"}'):
        response = webhook.post("/telegram/webhook", content=body, headers={HEADER: secret})
        assert response.status_code == 400


def test_an_update_delivered_twice_is_answered_once(fake, webhook):
    headers = {HEADER: registered_secret(fake)}
    update = fake.message(DM, ANN, "what is break-fix?")
    assert webhook.post("/telegram/webhook", json=update, headers=headers).status_code == 200
    assert webhook.post("/telegram/webhook", json=update, headers=headers).status_code == 200
    marker = fake.message(DM, ANN, "what is co-managed IT?")
    assert webhook.post("/telegram/webhook", json=marker, headers=headers).status_code == 200
    fake.wait_for("sendMessage", where=lambda c: "co-managed" in c.params["text"].lower())
    texts = [c.params["text"] for c in fake.calls_to("sendMessage", sent_to(DM))]
    assert len(texts) == len(set(texts)) == 2
