from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.inputs import MAX_CHARS, clean, looks_like_question, option_number


def test_control_and_escape_sequences_are_removed():
    assert clean("\x1b[31mhello\x1b[0m\x00 there\x07").text == "hello there"


def test_spaces_collapse_but_line_breaks_stay():
    assert clean("  we are   30 people \r\n\n\tour IT guy quit  \n").text == "we are 30 people\nour IT guy quit"


def test_huge_input_is_cut_and_flagged():
    out = clean("x" * 100_000)
    assert out.truncated and len(out.text) == MAX_CHARS


def test_option_numbers():
    assert option_number("2") == 2 and option_number(" 3. ") == 3
    assert option_number("2 people") is None and option_number("123") is None
    assert option_number("²") is None and option_number("٣") is None


def test_question_shape():
    assert looks_like_question("what is an MSP")
    assert looks_like_question("break fix cost?")
    assert not looks_like_question("about 40 people")


@given(st.text(max_size=5000))
def test_clean_never_raises_and_is_bounded(text):
    out = clean(text)
    assert len(out.text) <= MAX_CHARS
    assert "\x1b" not in out.text and "\x00" not in out.text
