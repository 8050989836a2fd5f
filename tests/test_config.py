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


@pytest.mark.parametrize("raw", ["forever", "0", "-5", "3w"])
def test_bad_ttl_says_what_to_use(raw):
    with pytest.raises(ConfigError, match="ADVISOR_SESSION_TTL"):
        Settings.from_env({"ADVISOR_SESSION_TTL": raw})


def test_other_settings():
    s = Settings.from_env({"ADVISOR_STORE": "memory", "ADVISOR_CONTENT": "/tmp/c",
                           "ADVISOR_HUMAN_CONTACT": "ring Sam", "ADVISOR_LOG_LEVEL": "info"})
    assert (s.store, s.content, s.human_contact, s.log_level) == ("memory", Path("/tmp/c"), "ring Sam", "INFO")
    with pytest.raises(ConfigError, match="ADVISOR_LOG_LEVEL"):
        Settings.from_env({"ADVISOR_LOG_LEVEL": "loud"})
