"""The slash command: acknowledged at once, answered privately through response_url."""
from __future__ import annotations

import pytest

from .conftest import Serve
from .fake_slack import FakeSlack
from .support import SlackSide, wait_for_log


def responses(fake: FakeSlack, name: str, count: int = 1):  # type: ignore[no-untyped-def]
    return fake.wait_for("response_url", lambda c: c.args["name"] == name, count=count)


def labels(call) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["text"]["text"] for b in call.args.get("blocks", []) if b["type"] == "actions"
            for e in b["elements"]]


def test_a_question_is_acknowledged_then_answered_privately(fake: FakeSlack, slack: SlackSide):
    ack = slack.command("what is an MSP?", user="U1", channel="C300", response_url=fake.response_url("q1"))
    assert ack.text == "", "the ack carries no answer: the answer follows through response_url"
    [answer] = responses(fake, "q1")
    assert answer.args["response_type"] == "ephemeral"
    assert "managed service provider" in answer.args["text"].lower()
    assert not fake.recorded("chat.postMessage"), "nothing is posted for the channel to see"


def test_the_command_alone_offers_the_guided_advisor(fake: FakeSlack, slack: SlackSide):
    slack.command("", user="U1", channel="C301", response_url=fake.response_url("empty"))
    [answer] = responses(fake, "empty")
    assert answer.args["response_type"] == "ephemeral"
    assert "Which model fits us?" in labels(answer)


def test_a_click_on_a_private_answer_replaces_it_once(fake: FakeSlack, slack: SlackSide,
                                                     caplog: pytest.LogCaptureFixture):
    from .support import click

    slack.command("", user="U1", channel="C302", response_url=fake.response_url("start"))
    [greeting] = responses(fake, "start")
    payload = click(greeting, "Which model fits us?", ephemeral=True, response_url=fake.response_url("click"))
    slack.interact(payload)
    [step] = responses(fake, "click")
    assert step.args["replace_original"] is True and step.args["response_type"] == "ephemeral"
    assert "✓ Which model fits us?" in str(step.args["blocks"])
    assert "plan ahead" in step.args["text"]

    slack.interact(payload)
    wait_for_log(caplog, "answered before")
    assert len(fake.recorded("response_url", lambda c: c.args["name"] == "click")) == 1


def test_the_command_name_is_configurable(fake: FakeSlack, serve: Serve):
    slack = serve(ADVISOR_SLACK_COMMAND="/itadvice")
    slack.command("what is an MSP?", user="U1", channel="C303", response_url=fake.response_url("named"),
                  command="/itadvice")
    [answer] = responses(fake, "named")
    assert "managed service provider" in answer.args["text"].lower()


def test_the_guided_advisor_runs_privately_to_a_card_and_its_summary(fake: FakeSlack, slack: SlackSide):
    from .support import CARD, click

    slack.command("which model fits us?", user="U31", channel="C304", response_url=fake.response_url("r0"))
    [step] = responses(fake, "r0")
    for n in range(1, 30):
        if CARD in str(step.args["blocks"]):
            break
        first = next(label for label in labels(step) if label != "Get summary")
        slack.interact(click(step, first, user="U31", ephemeral=True, response_url=fake.response_url(f"r{n}")))
        [step] = responses(fake, f"r{n}")
        assert step.args["replace_original"] is True
    assert CARD in str(step.args["blocks"]) and "Get summary" in labels(step)
    slack.interact(click(step, "Get summary", user="U31", ephemeral=True, response_url=fake.response_url("sum")))
    [summary] = responses(fake, "sum")
    assert summary.args["response_type"] == "ephemeral" and not summary.args.get("replace_original")
    assert summary.args["text"].startswith("*Your IT support recommendation*")
    assert not fake.recorded("chat.postMessage") and not fake.recorded("files.getUploadURLExternal"), \
        "a private conversation stays private: no file is shared in the channel"
