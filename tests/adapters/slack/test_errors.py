"""Slack API errors: logged with their cause, retried when rate-limited, never fatal,
and the conversation survives an answer that could not be delivered."""
from __future__ import annotations

import pytest

from bot import session_id
from tests.stores.support import free_port

from .conftest import Serve
from .fake_slack import Call, FakeSlack
from .support import SlackSide, click, mention, message, texts, wait_for_log


def test_a_rate_limited_answer_is_retried_after_retry_after(fake: FakeSlack, slack: SlackSide):
    fake.fail("chat.postMessage", "ratelimited", status=429, retry_after=1)
    event = mention("what is an MSP?", channel="C700")
    slack.event(event)
    limited, delivered = fake.wait_for("chat.postMessage", count=2)
    assert limited.error == "ratelimited" and delivered.ok
    assert delivered.args == limited.args and delivered.args["thread_ts"] == event["ts"]


def test_a_rate_limit_that_outlasts_the_retries_is_logged_and_the_server_carries_on(
        fake: FakeSlack, slack: SlackSide, caplog: pytest.LogCaptureFixture):
    fake.fail("chat.postMessage", "ratelimited", status=429, retry_after=0, times=4)
    slack.event(mention("what is an MSP?", channel="C701"))
    wait_for_log(caplog, "chat.postMessage to C701 failed: ratelimited")
    assert len(fake.recorded("chat.postMessage")) == 4, "the first try and three retries"
    slack.event(mention("what is break-fix?", channel="C702"))
    assert fake.wait_for("chat.postMessage", lambda c: c.ok and c.args["channel"] == "C702")


def test_an_undeliverable_answer_loses_nothing_of_the_conversation(
        fake: FakeSlack, slack: SlackSide, caplog: pytest.LogCaptureFixture):
    fake.fail("chat.postMessage", "channel_not_found")
    root = mention("which model fits us?", channel="C703")
    slack.event(root)
    wait_for_log(caplog, "failed: channel_not_found (the channel does not exist")
    slack.event(message("just fix things", channel="C703", thread_ts=root["ts"]))
    [answer] = fake.wait_for("chat.postMessage", lambda c: c.ok)
    assert "What's the main IT problem you want solved?" in texts(answer)


def test_a_revoked_token_is_logged_with_its_cause(fake: FakeSlack, slack: SlackSide,
                                                  caplog: pytest.LogCaptureFixture):
    fake.fail("chat.postMessage", "token_revoked")
    slack.event(mention("what is an MSP?", channel="C704"))
    wait_for_log(caplog, "token_revoked (SLACK_BOT_TOKEN was revoked")
    slack.event(mention("what is an MSP?", channel="C705"))
    assert fake.wait_for("chat.postMessage", lambda c: c.ok and c.args["channel"] == "C705")


def test_a_refused_token_at_the_first_request_is_survived(fake: FakeSlack, slack: SlackSide,
                                                          caplog: pytest.LogCaptureFixture):
    fake.fail("auth.test", "invalid_auth")
    first = slack.send_event_raw(mention("what is an MSP?", channel="C706"))
    assert first.status_code < 500
    slack.event(mention("what is an MSP?", channel="C707"))
    assert fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C707")
    assert not fake.recorded("chat.postMessage", lambda c: c.args["channel"] == "C706")
    assert not [r for r in caplog.records if "xoxb-" in r.getMessage()], "no token in the log"


def test_an_unreachable_slack_is_logged_and_survived(fake: FakeSlack, serve: Serve,
                                                     caplog: pytest.LogCaptureFixture):
    slack = serve(SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/")
    response = slack.send_event_raw(mention("what is an MSP?", channel="C708"))
    assert response.status_code == 500, "bolt could not check the token: Slack will send the event again"
    assert wait_for_log(caplog, "Cannot connect to host")
    assert slack.http.get("/healthz").status_code == 200


def test_a_summary_the_store_cannot_give_gets_an_apology(fake: FakeSlack, serve: Serve,
                                                         caplog: pytest.LogCaptureFixture):
    """A "Get summary" click while the session store is down says so; it is not "no result yet"."""
    slack = serve(ADVISOR_STORE=f"redis://127.0.0.1:{free_port()}/0")
    card = Call("chat.postMessage", {"channel": "D720", "text": "card", "blocks": [{
        "type": "actions", "block_id": f"sum|{session_id('slack', 'T0', 'D720', 'x')}",
        "elements": [{"type": "button", "action_id": "advisor.summary",
                      "text": {"type": "plain_text", "text": "Get summary"}}]}]})
    slack.interact(click(card, "Get summary", user="U72"))
    [apology] = fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D720")
    assert "can't reach my memory" in texts(apology)
    assert wait_for_log(caplog, "reading the result of session")
