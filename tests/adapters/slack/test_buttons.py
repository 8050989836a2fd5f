"""Options as buttons: a click continues the conversation and marks the choice; the
guided advisor runs to a recommendation card whose summary comes as a file."""
from __future__ import annotations

import pytest

from .fake_slack import Call, FakeSlack
from .support import CARD, SlackSide, click, mention, run_guided_advisor, texts, wait_for_log


def thread_posts(fake: FakeSlack, channel: str, thread: str, count: int = 1) -> list[Call]:
    return fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel
                         and c.args.get("thread_ts") == thread, count=count)


def test_a_click_continues_the_thread_and_marks_the_choice(fake: FakeSlack, slack: SlackSide):
    root = mention("hello", channel="C400")
    slack.event(root)
    [greeting] = thread_posts(fake, "C400", root["ts"])
    slack.interact(click(greeting, "Which model fits us?"))
    [update] = fake.wait_for("chat.update")
    assert update.args["ts"] == greeting.result["ts"] and update.args["channel"] == "C400"
    assert not [b for b in update.args["blocks"] if b["type"] == "actions"], "no button is left to click"
    assert "✓ Which model fits us?" in texts(update)
    assert texts(greeting).split("\n")[0] in texts(update), "the question itself stays"
    answers = thread_posts(fake, "C400", root["ts"], count=2)
    assert "plan ahead" in texts(answers[-1])


def test_a_second_click_on_the_same_message_does_not_fork_the_conversation(
        fake: FakeSlack, slack: SlackSide, caplog: pytest.LogCaptureFixture):
    root = mention("hello", channel="C401")
    slack.event(root)
    [greeting] = thread_posts(fake, "C401", root["ts"])
    slack.interact(click(greeting, "Which model fits us?"))
    thread_posts(fake, "C401", root["ts"], count=2)
    slack.interact(click(greeting, "Which model fits us?"))
    slack.interact(click(greeting, "Estimate downtime cost"))
    wait_for_log(caplog, "answered before", count=2)
    assert len(fake.recorded("chat.postMessage")) == 2
    assert len(fake.recorded("chat.update")) == 1


def test_the_guided_advisor_runs_on_buttons_to_a_card_and_a_summary_file(fake: FakeSlack, slack: SlackSide):
    card = run_guided_advisor(fake, slack, user="U41", channel="D410")
    kinds = [b["type"] for b in card.args["blocks"]]
    head = kinds.index("header")
    assert card.args["blocks"][head] == {"type": "header", "text": {"type": "plain_text", "text": CARD}}
    assert kinds[head:head + 4] == ["header", "context", "section", "actions"]
    assert card.args["blocks"][head + 3]["elements"][0]["text"]["text"] == "Get summary"
    assert "Top pick *" in texts(card) and ", fit 0." in texts(card) and "runner-up " in texts(card)
    assert "I'd recommend *" in texts(card) and "Runner-up:" in texts(card) and "• You said" in texts(card)
    assert "**" not in texts(card)
    posts = fake.recorded("chat.postMessage")
    assert len(fake.recorded("chat.update")) == len(posts) - 1, "every clicked question was marked"

    slack.interact(click(card, "Get summary", user="U41"))
    [done] = fake.wait_for("files.completeUploadExternal")
    [asked] = fake.recorded("files.getUploadURLExternal")
    assert done.args["channel_id"] == "D410" and done.args["files"][0]["title"] == "IT support recommendation"
    content = fake.uploads[done.args["files"][0]["id"]].decode()
    assert content.startswith("# Your IT support recommendation") and "| Topic |" in content
    assert asked.args["filename"] == "it-support-recommendation.md"


def test_the_summary_comes_as_a_message_when_the_file_cannot_be_uploaded(fake: FakeSlack, slack: SlackSide,
                                                                         caplog: pytest.LogCaptureFixture):
    fake.fail("files.getUploadURLExternal", "missing_scope")
    card = run_guided_advisor(fake, slack, user="U42", channel="D411", pick=lambda step: 0 if step < 3 else -2)
    count = len(fake.recorded("chat.postMessage")) + 1
    slack.interact(click(card, "Get summary", user="U42"))
    summary = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D411", count=count)[-1]
    assert texts(summary).startswith("*Your IT support recommendation*")
    assert "• " in texts(summary) and "|---" not in texts(summary)
    assert wait_for_log(caplog, "missing_scope")
