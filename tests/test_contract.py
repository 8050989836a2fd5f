"""The one input parser shared by the JSON-lines terminal and the HTTP API."""
from __future__ import annotations

import pytest

from bot.contract import parse_input, parse_json, parse_line
from bot.errors import InputError
from bot.types import UserInput


@pytest.mark.parametrize("raw, why", [
    ("{broken", "Expecting"),
    ("1" * 5000, "digit"),                  # beyond Python's int digit limit: ValueError inside json
    ("[" * 100_000 + "]" * 100_000, ""),    # absurd nesting: RecursionError inside json
    (b"\xff\xfe{}", "UTF-8"),
])
def test_unreadable_json_is_bad_json(raw, why):
    with pytest.raises(InputError) as err:
        parse_json(raw)
    assert err.value.key == "bad_json" and why in err.value.detail


@pytest.mark.parametrize("obj", [[1], "text", {"text": 42}, {"option": None}, {},
                                 {"text": "a", "option": "b"}, {"text": "a", "id": True},
                                 {"text": "a", "id": ""}, {"text": "a", "id": "x" * 200}])
def test_wrong_shapes_are_bad_input(obj):
    with pytest.raises(InputError) as err:
        parse_input(obj)
    assert err.value.key == "bad_input"


def test_a_good_input_keeps_session_and_id():
    inbound = parse_input({"text": "hi", "session": "s-1", "id": 7})
    assert inbound.input == UserInput(text="hi", id="7") and inbound.session == "s-1"


@pytest.mark.parametrize("session", ["has space", "", "x" * 129, 12, "-lead"])
def test_invalid_sessions_are_refused(session):
    with pytest.raises(InputError) as err:
        parse_input({"text": "hi", "session": session})
    assert err.value.key == "bad_session"


def test_a_channel_cannot_name_another_channels_session():
    with pytest.raises(InputError, match="another channel"):
        parse_input({"text": "hi", "session": "slack:T1:C1:1.2"}, channel="web")
    assert parse_input({"text": "hi", "session": "web:abc"}, channel="web").session == "web:abc"


def test_text_over_the_limit_is_refused_with_the_limit():
    with pytest.raises(InputError) as err:
        parse_input({"text": "x" * 11, "session": "s-1"}, max_text=10)
    assert (err.value.key, err.value.detail, err.value.session) == ("too_long_input", "10", "s-1")


def test_lines_are_objects_or_plain_text():
    assert parse_line("what is an msp\n").input == UserInput(text="what is an msp")
    assert parse_line('  {"option": "topic.sla"}').input == UserInput(option="topic.sla")
