"""Mentions, thread follow-ups and direct messages, answered where they were asked,
each thread and each user's DMs a conversation of its own; bots are never answered."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Serve
from .fake_slack import BOT_ID, BOT_USER, FakeSlack
from .support import SlackSide, buttons, mention, message, new_id, texts, wait_for_log

QUESTION = "What's the main IT problem you want solved?"
NEXT_ANSWER = "The odd breakdown"   # one of its options


def in_thread(channel: str, ts: str):  # type: ignore[no-untyped-def]
    return lambda c: c.args.get("channel") == channel and c.args.get("thread_ts") == ts


def test_a_mention_is_answered_in_a_thread_under_it(fake: FakeSlack, slack: SlackSide):
    event = mention("what is an MSP?", channel="C100")
    slack.event(event)
    [post] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C100")
    assert post.args["thread_ts"] == event["ts"]
    assert "managed service provider" in texts(post).lower()
    assert "<@" not in texts(post)
    assert fake.recorded("auth.test"), "bolt learns the bot's ids from auth.test at the configured URL"


def test_a_bare_mention_gets_the_greeting_and_its_buttons(fake: FakeSlack, slack: SlackSide):
    event = mention("", channel="C101")
    slack.event(event)
    [post] = fake.wait_for("chat.postMessage", in_thread("C101", event["ts"]))
    assert "Which model fits us?" in [b["text"]["text"] for b in buttons(post)]


def test_follow_ups_in_the_thread_need_no_mention_and_threads_are_separate_conversations(
        fake: FakeSlack, slack: SlackSide):
    advising, asking = mention("which model fits us?", channel="C102"), mention("what is an MSP?", channel="C102")
    in_a, in_b = in_thread("C102", advising["ts"]), in_thread("C102", asking["ts"])
    slack.event(advising)
    fake.wait_for("chat.postMessage", in_a)
    slack.event(message("just fix things", channel="C102", thread_ts=advising["ts"]))
    answers = fake.wait_for("chat.postMessage", in_a, count=2)
    assert QUESTION in texts(answers[-1]), "the follow-up continued the guided advisor of that thread"
    assert NEXT_ANSWER in [b["text"]["text"] for b in buttons(answers[-1])]

    slack.event(asking)
    [explained] = fake.wait_for("chat.postMessage", in_b)
    assert "managed service provider" in texts(explained).lower()
    slack.event(message("just fix things", channel="C102", thread_ts=asking["ts"]))
    others = fake.wait_for("chat.postMessage", in_b, count=2)
    assert not [o for o in others if QUESTION in texts(o) or "Got it" in texts(o)], \
        "the other thread has no guided advisor running: it neither sees nor answers thread A's"

    slack.event(message(NEXT_ANSWER.lower(), channel="C102", thread_ts=advising["ts"]))
    answers = fake.wait_for("chat.postMessage", in_a, count=3)
    assert f"Got it: {NEXT_ANSWER}." in texts(answers[-1]), "thread A's interview went on where it was"


def test_chatter_the_bot_is_not_part_of_is_ignored(fake: FakeSlack, slack: SlackSide,
                                                    caplog: pytest.LogCaptureFixture):
    slack.event(message("lunch anyone?", channel="C103"))
    slack.event(message("what is an MSP?", channel="C103", thread_ts="1600000000.000001"))
    wait_for_log(caplog, "channel chatter outside a thread")
    wait_for_log(caplog, "a thread the bot is not part of")
    assert not fake.recorded("chat.postMessage")


def test_a_mention_inside_a_thread_is_answered_once_though_slack_sends_it_twice(
        fake: FakeSlack, slack: SlackSide, caplog: pytest.LogCaptureFixture):
    root = mention("hello", channel="C104")
    slack.event(root)
    fake.wait_for("chat.postMessage", in_thread("C104", root["ts"]))
    again = mention("what is an MSP?", channel="C104", thread_ts=root["ts"])
    twin = message(again["text"], channel="C104", thread_ts=root["ts"], ts=again["ts"])
    slack.event(twin)
    slack.event(again)
    wait_for_log(caplog, "app_mention answers it")
    answers = fake.wait_for("chat.postMessage", in_thread("C104", root["ts"]), count=2)
    assert "managed service provider" in texts(answers[-1]).lower()
    assert len(fake.recorded("chat.postMessage")) == 2


def test_direct_messages_are_one_ongoing_conversation_per_user(fake: FakeSlack, slack: SlackSide):
    dm = lambda text, user, channel: message(text, channel=channel, user=user, channel_type="im")  # noqa: E731
    to_d7, to_d8 = (lambda c: c.args["channel"] == "D7"), (lambda c: c.args["channel"] == "D8")
    slack.event(dm("which model fits us?", "U7", "D7"))
    [first] = fake.wait_for("chat.postMessage", to_d7)
    assert first.args.get("thread_ts") is None, "a DM is answered in the conversation, not a thread"
    slack.event(dm("just fix things", "U7", "D7"))
    answers = fake.wait_for("chat.postMessage", to_d7, count=2)
    assert QUESTION in texts(answers[-1])

    slack.event(dm("what is an MSP?", "U8", "D8"))
    [explained] = fake.wait_for("chat.postMessage", to_d8)
    assert "managed service provider" in texts(explained).lower()
    slack.event(dm("just fix things", "U8", "D8"))
    others = fake.wait_for("chat.postMessage", to_d8, count=2)
    assert not [o for o in others if QUESTION in texts(o) or "Got it" in texts(o)], \
        "another user's DMs are another conversation: U7's guided advisor is not theirs"

    slack.event(dm(NEXT_ANSWER.lower(), "U7", "D7"))
    answers = fake.wait_for("chat.postMessage", to_d7, count=3)
    assert f"Got it: {NEXT_ANSWER}." in texts(answers[-1]), "U7's guided advisor went on where it was"


def test_the_bots_own_messages_and_other_bots_are_never_answered(
        fake: FakeSlack, slack: SlackSide, caplog: pytest.LogCaptureFixture):
    root = mention("hello", channel="C105")
    slack.event(root)
    fake.wait_for("chat.postMessage", in_thread("C105", root["ts"]))

    slack.event(message("what is an MSP?", channel="C105", thread_ts=root["ts"], user="UOTHERBOT",
                        bot_id="BOTHER", subtype="bot_message"))
    slack.event(message("what is an MSP?", channel="D9", user="UOTHERBOT", bot_id="BOTHER",
                        channel_type="im"))
    wait_for_log(caplog, "sent by a bot", count=2)
    slack.event(message("what is an MSP?", channel="C105", thread_ts=root["ts"], user=BOT_USER, bot_id=BOT_ID))
    slack.event(message("how about break-fix?", channel="C105", thread_ts=root["ts"]))
    answers = fake.wait_for("chat.postMessage", in_thread("C105", root["ts"]), count=2)
    assert "break-fix" in texts(answers[-1]).lower()
    assert len(fake.recorded("chat.postMessage")) == 2, "only the greeting and the person's follow-up"


def test_a_retried_event_is_not_answered_twice(fake: FakeSlack, slack: SlackSide,
                                               caplog: pytest.LogCaptureFixture):
    event, event_id = mention("what is an MSP?", channel="C106"), new_id("Ev")
    slack.event(event, event_id=event_id)
    fake.wait_for("chat.postMessage", in_thread("C106", event["ts"]))
    slack.event(event, event_id=event_id, retry=1)
    slack.event(event, event_id=event_id, retry=2, reason="http_error")
    wait_for_log(caplog, "answered before", count=2)
    assert len(fake.recorded("chat.postMessage")) == 1


def test_a_retry_reaching_another_instance_on_the_same_store_is_not_answered_twice(
        fake: FakeSlack, serve: Serve, tmp_path: Path, caplog: pytest.LogCaptureFixture):
    store = f"sqlite:///{tmp_path / 'sessions.sqlite3'}"
    one, two = serve(ADVISOR_STORE=store), serve(ADVISOR_STORE=store)
    event, event_id = mention("what is an MSP?", channel="C107"), new_id("Ev")
    one.event(event, event_id=event_id)
    two.event(event, event_id=event_id, retry=1)
    fake.wait_for("chat.postMessage", in_thread("C107", event["ts"]))
    wait_for_log(caplog, "answered before")
    assert len(fake.recorded("chat.postMessage")) == 1
    assert (tmp_path / "sessions.sqlite3").stat().st_size > 0
