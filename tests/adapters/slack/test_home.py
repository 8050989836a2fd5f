"""The App Home tab: what the advisor does, buttons that start it in a DM, the last result."""
from __future__ import annotations

from typing import Any

from .fake_slack import FakeSlack
from .support import SlackSide, blocks_text, new_id, new_ts, run_guided_advisor, texts


def home_opened(user: str, tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": tab,
            "event_ts": new_ts()}


def home_click(user: str, action_id: str, value: str) -> dict[str, Any]:
    return {"type": "block_actions", "user": {"id": user, "username": user.lower(), "team_id": "T0FAKE"},
            "api_app_id": "A0FAKE", "token": "legacy", "trigger_id": new_id("trigger"),
            "container": {"type": "view", "view_id": "V1"}, "team": {"id": "T0FAKE", "domain": "fake"},
            "view": {"id": "V1", "type": "home"},
            "actions": [{"type": "button", "action_id": action_id, "block_id": "home", "value": value,
                         "text": {"type": "plain_text", "text": "x"}, "action_ts": new_ts()}]}


def published_text(view: dict[str, Any]) -> str:
    return blocks_text(view["blocks"])


def test_opening_the_home_tab_publishes_what_the_advisor_does(fake: FakeSlack, slack: SlackSide):
    slack.event(home_opened("U50"))
    [publish] = fake.wait_for("views.publish")
    view = publish.args["view"]
    assert publish.args["user_id"] == "U50" and view["type"] == "home"
    labels = [e["text"]["text"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Find the model that fits", "Estimate downtime cost"]
    assert "`/advisor your question`" in published_text(view)
    assert "No recommendation yet" in published_text(view)


def test_the_home_tab_shows_the_users_last_recommendation(fake: FakeSlack, slack: SlackSide):
    run_guided_advisor(fake, slack, user="U51", channel="DU51")
    slack.event(home_opened("U51"))
    [publish] = fake.wait_for("views.publish")
    shown = published_text(publish.args["view"])
    assert "Recommended model: *" in shown and "No recommendation yet" not in shown
    assert "**" not in shown and "|---" not in shown


def test_the_home_buttons_start_the_advisor_or_the_calculator_in_a_dm(fake: FakeSlack, slack: SlackSide):
    slack.interact(home_click("U52", "home.advisor", "flow.advisor"))
    [opened] = fake.wait_for("conversations.open")
    assert opened.args["users"] == "U52"
    [post] = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "DU52")
    assert "plan ahead" in texts(post)

    slack.interact(home_click("U52", "home.downtime", "flow.downtime_calculator"))
    posts = fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "DU52", count=2)
    assert "downtime" in texts(posts[-1]).lower() and "How many people" in texts(posts[-1])
