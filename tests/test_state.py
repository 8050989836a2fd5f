from __future__ import annotations

import json

from bot.flows.downtime_state import currency_of, figures
from bot.state import SCHEMA, FlowState, SessionState


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
    assert state.schema == SCHEMA and state.active == "advisor"


def test_a_schema_2_record_moves_the_calculators_figures_into_its_own_data():
    old = {"id": "s", "knowledge_version": "v0", "turns": 5, "last_node": "flow.downtime_calculator",
           "options": [], "active": "downtime", "schema": 2, "flows": {
               "downtime": {"name": "downtime", "pending": "hourly_cost", "answers": {}, "texts": {"staff": "12"},
                            "values": {"staff": 12.0}, "assumed": ["incidents"], "asked": ["staff", "hourly_cost"],
                            "retries": 0, "currency": "EUR", "done": False, "data": {"last": ["staff"]}},
               "advisor": {"name": "advisor", "pending": None, "answers": {"size": "small"}, "texts": {},
                           "values": {}, "assumed": [], "asked": ["size"], "retries": 0, "currency": None,
                           "done": True, "data": {}}}}
    state = SessionState.from_json(json.dumps(old))
    calc, advisor = state.flow("downtime"), state.flow("advisor")
    assert figures(calc) == {"staff": 12.0} and currency_of(calc) == "EUR" and calc.assumed == ("incidents",)
    assert calc.data["last"] == ["staff"] and calc.pending == "hourly_cost"
    assert advisor.data == {} and advisor.answers == {"size": "small"} and advisor.done
    again = SessionState.from_json(state.to_json())
    assert again == state and "values" not in json.loads(state.to_json())["flows"]["downtime"]
