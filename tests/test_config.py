from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_TTL, Settings
from bot.errors import ConfigError


def test_defaults_need_no_environment():
    s = Settings.from_env({})
    assert s.store == "sqlite://" and s.session_ttl == DEFAULT_TTL and s.content is None


@pytest.mark.parametrize("raw, seconds", [("600", 600), ("30m", 1800), ("12h", 43200), ("7d", 604800)])
def test_ttl_units(raw, seconds):
    assert Settings.from_env({"ADVISOR_SESSION_TTL": raw}).session_ttl == seconds


@pytest.mark.parametrize("raw", ["forever", "0", "-5", "3w", "59", "59s", "366d", "9" * 40, "1e309", "nan"])
def test_ttl_outside_a_minute_to_a_year_says_what_to_use(raw):
    with pytest.raises(ConfigError, match="ADVISOR_SESSION_TTL .*between a minute and a year"):
        Settings.from_env({"ADVISOR_SESSION_TTL": raw})


@pytest.mark.parametrize("raw, seconds", [("60", 60), ("1m", 60), ("365d", 365 * 86400)])
def test_ttl_bounds_are_inclusive(raw, seconds):
    assert Settings.from_env({"ADVISOR_SESSION_TTL": raw}).session_ttl == seconds


def test_the_store_refuses_an_absurd_ttl_too():
    from bot.stores import open_store

    for ttl in (0, -1, 10**30, 3 * 365 * 86400):
        with pytest.raises(ConfigError, match="TTL"):
            open_store("memory", ttl)


def test_channel_settings_and_secrets_stay_out_of_repr():
    s = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-secret", "SLACK_SIGNING_SECRET": "sig-secret",
                           "TELEGRAM_BOT_TOKEN": "123:tg-secret", "ADVISOR_ALLOWED_ORIGINS": "https://a.example, https://b.example/",
                           "ADVISOR_RATE_LIMIT": "off"})
    assert s.slack.enabled and not s.slack.socket_mode and s.telegram.polling
    assert s.web.allowed_origins == ("https://a.example", "https://b.example") and s.web.rate_limit is None
    assert "secret" not in repr(s)


@pytest.mark.parametrize("env, name", [
    ({"ADVISOR_ALLOWED_ORIGINS": "*"}, "ADVISOR_ALLOWED_ORIGINS"),
    ({"ADVISOR_RATE_LIMIT": "lots"}, "ADVISOR_RATE_LIMIT"),
    ({"ADVISOR_MAX_TEXT": "0"}, "ADVISOR_MAX_TEXT"),
    ({"TELEGRAM_MODE": "webhook"}, "TELEGRAM_WEBHOOK_URL"),
    ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
    ({"ADVISOR_SLACK_COMMAND": "advisor"}, "ADVISOR_SLACK_COMMAND"),
])
def test_bad_channel_settings_name_the_variable(env, name):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env(env)


def test_other_settings():
    s = Settings.from_env({"ADVISOR_STORE": "memory", "ADVISOR_CONTENT": "/tmp/c",
                           "ADVISOR_HUMAN_CONTACT": "ring Sam", "ADVISOR_LOG_LEVEL": "info"})
    assert (s.store, s.content, s.human_contact, s.log_level) == ("memory", Path("/tmp/c"), "ring Sam", "INFO")
    with pytest.raises(ConfigError, match="ADVISOR_LOG_LEVEL"):
        Settings.from_env({"ADVISOR_LOG_LEVEL": "loud"})
