from __future__ import annotations

import json

from bot.state import FlowState, SessionState


def test_state_round_trips_with_any_flow_name():
    state = SessionState("s", "v1").with_flow("survey", FlowState("survey", pending="q1", data={"k": [1]}),
                                              active=True)
    again = SessionState.from_json(state.to_json())
    assert again == state and again.flow("survey").data == {"k": [1]} and again.active == "survey"


def test_a_schema_1_record_still_loads():
    old = {"id": "s", "knowledge_version": "v0", "turns": 3, "last_node": "flow.advisor", "options": [],
           "active": "advisor", "advisor": {"name": "advisor", "pending": "budget", "answers": {"size": "small"}},
           "downtime": None, "schema": 1}
    state = SessionState.from_json(json.dumps(old))
    assert state.flow("advisor").answers == {"size": "small"} and state.flow("downtime") is None
    assert state.schema == 2 and state.active == "advisor"
