"""Telegram saying no (429, 403, 400) and a store that is down are survived and logged; the token
never reaches a log; an answer longer than a message arrives in several valid messages."""
from __future__ import annotations

import logging

import pytest
import yaml

from tests.stores.support import free_port

from .conftest import env_for, running
from .fake_api import utf16_len
from .people import buttons, eventually, private, sent_to, shown, user

ANN, BEN = user(401, "Ann"), user(402, "Ben")
DM_ANN, DM_BEN = private(ANN), private(BEN)


# python-telegram-bot's own RetryAfter reads its deprecated int attribute when it is built
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_a_429_is_waited_out_and_the_message_still_delivered(polling):
    polling.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    polling.push(polling.command(DM_ANN, ANN, "/start"))
    [greeting] = polling.wait_for("sendMessage", where=sent_to(DM_ANN))
    attempts = polling.calls_to("sendMessage", sent_to(DM_ANN))
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].params["text"] == greeting.params["text"]


def test_a_user_who_blocked_the_bot_is_logged_and_others_are_still_served(polling, caplog):
    caplog.set_level(logging.INFO, logger="advisor.telegram")
    polling.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=ANN["id"])
    polling.push(polling.command(DM_ANN, ANN, "/start"))
    polling.push(polling.command(DM_BEN, BEN, "/start"))
    polling.wait_for("sendMessage", where=sent_to(DM_BEN))
    refused = polling.calls_to("sendMessage", sent_to(DM_ANN))
    assert [c.status for c in refused] == [403]
    eventually(lambda: "bot was blocked by the user" in caplog.text.lower())
    polling.push(polling.message(DM_ANN, ANN, "what is break-fix?"))   # unblocked: served again
    polling.wait_for("sendMessage", where=sent_to(DM_ANN))


def test_chat_not_found_and_a_failed_edit_do_not_stop_the_bot(polling, caplog):
    caplog.set_level(logging.WARNING, logger="advisor.telegram")
    polling.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=ANN["id"])
    polling.push(polling.command(DM_ANN, ANN, "/start"))
    polling.push(polling.command(DM_BEN, BEN, "/start"))
    [greeting] = polling.wait_for("sendMessage", where=sent_to(DM_BEN))
    eventually(lambda: "chat not found" in caplog.text.lower())

    polling.fail("editMessageReplyMarkup", 400, "Bad Request: message to edit not found")
    polling.fail("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired")
    polling.push(polling.press(BEN, greeting.result, dict(buttons(greeting))["Which model fits us?"]))
    answers = polling.wait_for("sendMessage", where=sent_to(DM_BEN), count=3)
    assert "plan ahead" in shown(answers[-1])
    eventually(lambda: "message to edit not found" in caplog.text.lower())


def test_the_token_never_reaches_a_log(fake, caplog):
    caplog.set_level(logging.DEBUG)
    with running(env_for(fake, TELEGRAM_MODE="polling")):
        fake.push(fake.command(DM_ANN, ANN, "/start"))
        fake.wait_for("sendMessage", where=sent_to(DM_ANN))
    assert "HTTP Request: POST" in caplog.text and "<redacted>" in caplog.text
    assert fake.token not in caplog.text
    assert fake.token.split(":")[1] not in caplog.text


def test_an_answer_longer_than_a_message_arrives_in_valid_pieces(fake, content_copy):
    """Node answers are kept short by validation; the calculator's verdict is not, so a long
    verdict makes the last message of a real calculator run longer than Telegram allows."""
    downtime = content_copy / "dialogs" / "downtime.yaml"
    data = yaml.safe_load(downtime.read_text())
    paragraphs = [f"**Point {i}** <{i}> & " + " ".join(f"detail{i}.{j}" for j in range(70)) for i in range(12)]
    data["verdicts"] = {key: "\n\n".join(paragraphs) + "\n- a last bullet" for key in data["verdicts"]}
    downtime.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    with running(env_for(fake, TELEGRAM_MODE="polling", ADVISOR_CONTENT=str(content_copy))):
        fake.push(fake.command(DM_ANN, ANN, "/calculator"))
        for seen in range(1, 12):     # press "assume" under each new question until the result
            asking = fake.wait_for("sendMessage", where=lambda c: bool(buttons(c)), count=seen)[-1]
            if "a last bullet" in asking.params["text"]:
                break
            fake.push(fake.press(ANN, asking.result, dict(buttons(asking))["I don't know - assume"]))
    sent = fake.calls_to("sendMessage", sent_to(DM_ANN))
    pieces = sent[next(i for i, c in enumerate(sent) if "Your figures" in c.params["text"]):]
    assert len(pieces) >= 3 and all(c.status == 200 for c in pieces)
    read = [shown(c) for c in pieces]
    assert all(utf16_len(r) <= 4096 for r in read)
    assert all(r.startswith("Point ") for r in read[1:])              # cut between paragraphs
    assert "\n\n".join(read).endswith("\n\n".join(p.replace("**", "") for p in paragraphs) + "\n• a last bullet")
    assert [bool(buttons(c)) for c in pieces] == [False] * (len(pieces) - 1) + [True]


def test_a_store_that_is_down_gets_an_apology_not_silence(fake):
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    with running(env_for(fake, TELEGRAM_MODE="polling", ADVISOR_STORE=nowhere)):
        fake.push(fake.command(DM_ANN, ANN, "/summary"))
        fake.push(fake.message(DM_ANN, ANN, "what is an MSP?"))
        summary, answer = fake.wait_for("sendMessage", where=sent_to(DM_ANN), count=2)
    assert "can't reach my memory" in shown(summary)
    assert "can't reach my memory" in shown(answer)
    assert not fake.calls_to("sendDocument")
