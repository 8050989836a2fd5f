"""Human handoff: a note for the team with a link and the summary, and word to the user."""
from __future__ import annotations

import pytest

from adapters.slack.mrkdwn import to_mrkdwn
from bot import Settings, UserInput, build_advisor

from .conftest import Serve
from .fake_slack import FakeSlack
from .support import click, mention, run_guided_advisor, texts, wait_for_log

FOLLOW_UP = "someone will follow up"
TEAM_CHANNEL = "CSUPPORT"
CONTACT = "call Dana on 555-0100"


def core_answer(contact: str | None = None) -> str:
    """What the core itself says to "talk to a person", as it reads in Slack."""
    advisor = build_advisor(Settings(store="memory", human_contact=contact))
    try:
        return to_mrkdwn(advisor.handle(None, UserInput(text="talk to a person")).replies[0].text)
    finally:
        advisor.close()


def test_a_request_for_a_person_in_a_thread_notifies_the_team_with_a_link(fake: FakeSlack, serve: Serve):
    slack = serve(ADVISOR_SLACK_HANDOFF_CHANNEL=TEAM_CHANNEL, ADVISOR_HUMAN_CONTACT=CONTACT)
    event = mention("can I talk to a person?", channel="C600", user="U60")
    slack.event(event)
    [answer] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C600")
    [note] = fake.recorded("chat.postMessage", lambda c: c.args["channel"] == TEAM_CHANNEL)
    [link] = fake.recorded("chat.getPermalink")
    assert link.args == {"channel": "C600", "message_ts": event["ts"]}
    assert "<@U60>" in texts(note) and link.result["permalink"] in texts(note)
    assert note.args.get("thread_ts") is None
    assert FOLLOW_UP in texts(answer) and core_answer(CONTACT) in texts(answer)


def test_without_a_contact_the_cannot_put_you_through_answer_gives_way_to_the_handoff(
        fake: FakeSlack, serve: Serve):
    slack = serve(ADVISOR_SLACK_HANDOFF_CHANNEL=TEAM_CHANNEL)
    slack.event(mention("can I talk to a person?", channel="C601"))
    [answer] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C601")
    assert FOLLOW_UP in texts(answer) and core_answer() not in texts(answer)
    assert [b for b in answer.args["blocks"] if b["type"] == "actions"], "the core's buttons stay"


def test_the_note_carries_the_recommendation_when_there_is_one(fake: FakeSlack, serve: Serve):
    slack = serve(ADVISOR_SLACK_HANDOFF_CHANNEL=TEAM_CHANNEL)
    card = run_guided_advisor(fake, slack, user="U61", channel="D61")
    slack.interact(click(card, "Talk to a person", user="U61"))
    [note] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == TEAM_CHANNEL)
    assert "<@U61>" in texts(note) and "direct message" in texts(note)
    assert "Their recommendation so far" in texts(note) and "Recommended model: *" in texts(note)
    assert fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D61" and FOLLOW_UP in texts(c))


def test_without_a_handoff_channel_the_core_answer_stands_alone(fake: FakeSlack, serve: Serve):
    slack = serve()
    slack.event(mention("can I talk to a person?", channel="C602"))
    [answer] = fake.wait_for("chat.postMessage")
    assert core_answer() in texts(answer) and FOLLOW_UP not in texts(answer)
    assert answer.args["channel"] == "C602" and not fake.recorded("chat.getPermalink")


def test_a_handoff_channel_the_bot_is_not_in_is_logged_and_the_user_still_answered(
        fake: FakeSlack, serve: Serve, caplog: pytest.LogCaptureFixture):
    slack = serve(ADVISOR_SLACK_HANDOFF_CHANNEL=TEAM_CHANNEL)
    fake.fail("chat.postMessage", "not_in_channel")
    slack.event(mention("can I talk to a person?", channel="C603"))
    [answer] = fake.wait_for("chat.postMessage", lambda c: c.ok)
    assert answer.args["channel"] == "C603" and core_answer() in texts(answer)
    assert FOLLOW_UP not in texts(answer), "the user is not promised a follow-up nobody was told about"
    [failed] = fake.recorded("chat.postMessage", lambda c: not c.ok)
    assert failed.args["channel"] == TEAM_CHANNEL
    assert wait_for_log(caplog, "not_in_channel (the bot is not a member of the channel")


def test_a_request_through_the_slash_command_names_the_channel(fake: FakeSlack, serve: Serve):
    slack = serve(ADVISOR_SLACK_HANDOFF_CHANNEL=TEAM_CHANNEL)
    slack.command("talk to a person", user="U62", channel="C604", response_url=fake.response_url("h"))
    [note] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == TEAM_CHANNEL)
    assert "<@U62>" in texts(note) and "/advisor in <#C604>" in texts(note)
    [answer] = fake.wait_for("response_url", lambda c: c.args["name"] == "h")
    assert FOLLOW_UP in answer.args["text"]
