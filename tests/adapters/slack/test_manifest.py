"""The shipped app manifest asks for what the adapter uses, and nothing it subscribes
to goes unhandled."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.config import SlackSettings

from .fake_slack import FakeSlack
from .support import SlackSide, mention, message, new_ts

MANIFEST = Path(__file__).resolve().parents[3] / "adapters" / "slack" / "manifest.yaml"


def manifest() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_the_manifest_has_the_scopes_events_command_and_features_the_adapter_needs():
    app = manifest()
    scopes = set(app["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write",
            "channels:history", "groups:history", "files:write"} <= scopes
    events = app["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == ["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"]
    [command] = app["features"]["slash_commands"]
    assert command["command"] == SlackSettings().command
    assert app["settings"]["interactivity"]["is_enabled"] is True
    home = app["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"] and not home["messages_tab_read_only_enabled"]
    urls = {command["url"], app["settings"]["event_subscriptions"]["request_url"],
            app["settings"]["interactivity"]["request_url"]}
    assert len(urls) == 1 and urls.pop().endswith("/slack/events"), "one endpoint for all three"
    assert "socket_mode_enabled" in app["settings"]


def test_every_subscribed_event_has_a_listener(fake: FakeSlack, slack: SlackSide):
    samples = {
        "app_home_opened": {"type": "app_home_opened", "user": "U90", "tab": "messages", "event_ts": new_ts()},
        "app_mention": mention("hi", channel="C900"),
        "message.channels": message("chatter", channel="C901"),
        "message.groups": message("chatter", channel="G902", channel_type="group"),
        "message.im": message("hi", channel="D903", channel_type="im"),
    }
    assert set(samples) == set(manifest()["settings"]["event_subscriptions"]["bot_events"])
    for name, event in samples.items():
        assert slack.send_event_raw(event).status_code == 200, f"{name} is not handled"


def test_the_channel_wording_has_exactly_the_texts_the_adapter_says(kb):  # type: ignore[no-untyped-def]
    from adapters.slack.conversation import WORDING

    assert set(kb.channels["slack"]) == WORDING


def test_content_without_the_slack_wording_fails_at_startup_with_the_reason(content_copy: Path):
    import pytest

    from adapters.serve import create_app
    from bot import ConfigError, Settings

    (content_copy / "dialogs" / "channels" / "slack.yaml").unlink()
    settings = Settings.from_env({"ADVISOR_STORE": "memory", "ADVISOR_CONTENT": str(content_copy),
                                  "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"})
    with pytest.raises(ConfigError, match="slack.yaml lacks the texts"):
        create_app(settings)
