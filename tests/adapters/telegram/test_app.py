"""Building the bot: the Bot API URLs it is pointed at, and its wording file checked up front."""
from __future__ import annotations

import pytest

from adapters.telegram.app import file_url, wording
from bot import ConfigError, Settings, build_advisor


@pytest.mark.parametrize(("base", "files"), [
    ("https://api.telegram.org/bot", "https://api.telegram.org/file/bot"),
    ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
    ("https://proxy.example.com/telegram/", "https://proxy.example.com/telegram/file/bot"),
    ("https://bot.example.com/bot/", "https://bot.example.com/file/bot"),
])
def test_the_file_url_sits_beside_the_api_url(base, files):
    assert file_url(base) == files


def test_a_wording_file_missing_a_text_is_a_clear_error(content_copy):
    path = content_copy / "dialogs" / "channels" / "telegram.yaml"
    path.write_text("\n".join(line for line in path.read_text().splitlines()
                              if not line.strip().startswith("not_yours:")) + "\n")
    with pytest.raises(ConfigError, match="telegram.yaml lacks texts: not_yours"):
        wording(build_advisor(Settings(store="memory", content=content_copy)))


def test_the_shipped_wording_is_complete():
    texts = wording(build_advisor(Settings(store="memory")))
    assert "{label}" in texts["chosen"] and "{mention}" in texts["group_hint"]
