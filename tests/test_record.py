"""What a session record remembers of the inputs it applied."""
from __future__ import annotations

from bot.record import KEEP_APPLIED, SessionRecord
from bot.service import Advisor
from bot.stores import MemoryStore
from bot.types import UserInput


def test_an_input_applied_long_ago_is_not_applied_again(engine):
    advisor = Advisor(engine, MemoryStore(3600))
    first = advisor.handle("s1", UserInput(text="what is an MSP", id="evt-A"))
    for i in range(KEEP_APPLIED + 3):
        advisor.handle("s1", UserInput(text="what is break-fix?", id=f"evt-{i}"))
    turns = advisor.state("s1").turns
    late = advisor.handle("s1", UserInput(text="what is an MSP", id="evt-A"))
    assert first.node == "model.managed" and late.replayed
    assert "earlier" in late.replies[0].text and advisor.state("s1").turns == turns


def test_the_record_keeps_ids_it_let_go_of_through_json(engine):
    record = SessionRecord(engine.new_state("s2"))
    state, turn = engine.handle(record.state, UserInput(text="hi"))
    for i in range(KEEP_APPLIED + 2):
        record = record.after(state, f"id-{i}", turn, float(i))
    again = SessionRecord.from_json(record.to_json())
    assert again.applied_long_ago("id-0") and again.applied_long_ago("id-1")
    assert again.recorded("id-0") is None and again.recorded(f"id-{KEEP_APPLIED + 1}") is not None
    assert not again.applied_long_ago("id-never")
