"""The real commands: `advisor serve` polling beside the web, and `advisor telegram` alone."""
from __future__ import annotations

import os
import signal
import subprocess

import httpx

from tests.adapters.support import ADVISOR, ServeProcess
from tests.stores.support import free_port

from .conftest import WEBHOOK_URL, env_for
from .fake_api import FakeBotApi
from .people import private, sent_to, shown, user

ANN = user(501, "Ann")
DM = private(ANN)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def test_advisor_serve_polls_beside_the_web_and_stops_cleanly(fake):
    server = ServeProcess(env_for(fake, TELEGRAM_MODE="polling"))
    try:
        fake.push(fake.command(DM, ANN, "/start"))
        [greeting] = fake.wait_for("sendMessage", where=sent_to(DM))
        assert "IT support models" in shown(greeting)
        assert httpx.get(server.url + "/healthz").status_code == 200
        assert httpx.post(server.url + "/telegram/webhook", json={}).status_code in (404, 405)
        methods = [c.method for c in fake.calls]
        assert methods.index("deleteWebhook") < methods.index("sendMessage")
        code, err = server.terminate()
    finally:
        server.stop()
    assert code == 0, err
    assert fake.token not in err


def test_advisor_serve_takes_webhook_updates_that_carry_its_secret(fake: FakeBotApi):
    server = ServeProcess(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL))
    try:
        [registered] = fake.wait_for("setWebhook")
        assert registered.params["url"] == WEBHOOK_URL
        secret = registered.params["secret_token"]
        webhook = server.url + "/telegram/webhook"
        for headers in ({}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: secret + "x"}):
            refused = fake.message(DM, ANN, "what is break-fix?")
            assert httpx.post(webhook, json=refused, headers=headers).status_code == 403
        update = fake.message(DM, ANN, "what is an MSP?")
        assert httpx.post(webhook, json=update, headers={SECRET_HEADER: secret}).status_code == 200
        [answer] = fake.wait_for("sendMessage", where=sent_to(DM))
        assert "managed service provider" in shown(answer).lower()
        assert len(fake.calls_to("sendMessage")) == 1, "no refused update was answered"
        assert fake.polls == 0 and not fake.calls_to("deleteWebhook")
        code, err = server.terminate()
    finally:
        server.stop()
    assert code == 0, err
    assert fake.token not in err and secret not in err


def test_advisor_serve_keeps_the_web_up_when_telegram_cannot_be_reached():
    nowhere = f"http://127.0.0.1:{free_port()}/bot"
    server = ServeProcess({"TELEGRAM_BOT_TOKEN": "1:unreachable", "TELEGRAM_API_URL": nowhere,
                           "TELEGRAM_MODE": "polling"})
    try:
        assert httpx.get(server.url + "/healthz").status_code == 200
        code, err = server.terminate()
    finally:
        server.stop()
    assert code == 0
    assert "Telegram channel is off" in err


def telegram(env: dict[str, str]) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ADVISOR_"))}
    return subprocess.Popen([ADVISOR, "telegram"], env={**clean, "ADVISOR_STORE": "memory", **env}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_advisor_telegram_polls_until_interrupted(fake: FakeBotApi):
    proc = telegram(env_for(fake))
    try:
        fake.push(fake.message(DM, ANN, "what is an MSP?"))
        try:
            [answer] = fake.wait_for("sendMessage", where=sent_to(DM))
        except AssertionError as exc:
            proc.kill()
            raise AssertionError(f"{exc}\nadvisor telegram said: {proc.communicate()[1][-2000:]}") from None
        assert "managed service provider" in shown(answer).lower()
        assert fake.calls_to("setMyCommands") and fake.calls_to("deleteWebhook")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "polling" in out
    assert fake.token not in out + err


def run_telegram(env: dict[str, str]) -> tuple[int, str]:
    proc = telegram(env)
    _, err = proc.communicate(timeout=30)
    return proc.returncode, err


def test_advisor_telegram_explains_what_is_missing_or_wrong(fake):
    code, err = run_telegram({"TELEGRAM_BOT_TOKEN": ""})
    assert code == 2 and "TELEGRAM_BOT_TOKEN" in err

    code, err = run_telegram(env_for(fake, TELEGRAM_WEBHOOK_URL=WEBHOOK_URL))
    assert code == 2 and "advisor serve" in err
    assert not fake.calls                       # a webhook deployment is left alone

    wrong = "987654:WrongTokenNobodyGave"
    code, err = run_telegram({**env_for(fake), "TELEGRAM_BOT_TOKEN": wrong})
    assert code == 2 and "refused TELEGRAM_BOT_TOKEN" in err
    assert wrong not in err
