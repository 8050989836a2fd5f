"""Answers typed to the guided advisor's questions: read like volunteered facts."""
from __future__ import annotations

import pytest

from tests.conftest import Chat, option_ids


def _asked(chat: Chat, factor: str):
    turn = chat.click("flow.advisor")
    while turn.expects and turn.expects != factor:
        turn = chat.click(option_ids(turn)[1])
    assert turn.expects == factor
    return turn


@pytest.mark.parametrize("factor, text, option", [
    ("business_size", "3 IT people and 40 staff", "midsize"),
    ("internal_it", "we're 40 staff and three of them do IT", "stretched"),
])
def test_a_count_of_the_other_side_is_not_the_answer(engine, factor, text, option):
    """The IT team's count is not the company's size, nor the company's the IT team's."""
    chat = Chat(engine)
    _asked(chat, factor)
    chat.say(text)
    assert chat.state.flow("advisor").answers[factor] == option
