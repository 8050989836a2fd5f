from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import InvalidSession
from bot.session_ids import check, is_valid, namespace, new_session_id, session_id


def test_new_ids_are_valid_and_unguessable():
    ids = {new_session_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(is_valid(i) and len(i) == 34 for i in ids)


def test_plain_keys_stay_readable():
    assert session_id("slack", "T1", "C2", "1700000000.000100") == "slack:T1:C2:1700000000.000100"
    assert session_id("telegram", -100123, 42) == "telegram:-100123:42"
    assert namespace("slack:T1:C2:1") == "slack" and namespace("s-abc") is None


def test_long_or_odd_keys_are_hashed_stably():
    long = session_id("web", "x" * 300)
    odd = session_id("web", "a b/c")
    assert long == session_id("web", "x" * 300) and len(long) <= 128 and long.startswith("web:h-")
    assert odd != session_id("web", "a b/d") and is_valid(odd)


def test_keys_do_not_collide_by_joining():
    assert session_id("web", "a:b", "c") != session_id("web", "a", "b:c")


@given(st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=5))
def test_any_keys_give_a_valid_id(keys):
    assert is_valid(session_id("telegram", *keys))


@pytest.mark.parametrize("bad", [None, "", "a b", "x" * 129, 5, "\x00"])
def test_check_refuses_what_no_adapter_should_pass(bad):
    with pytest.raises(InvalidSession):
        check(bad)


def test_bad_channel_names_are_refused():
    with pytest.raises(InvalidSession):
        session_id("Slack!", "x")
    with pytest.raises(InvalidSession):
        session_id("slack")
