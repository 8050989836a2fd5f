"""Golden conversations (tests/transcripts/*.yaml) replayed through the real engine.

Each step says or clicks something and states what the turn must show. Keys:
node, node_in, expects (null allowed), options_include, options_exclude,
text_includes, text_excludes, suggestions (true = non-empty), recommendation_top,
recommendation (true/false = present or not), summary_includes.

`answer_all: {factor: option-or-text, default: ...}` answers whatever the guided
advisor asks until it stops asking: an option id suffix is clicked, other text typed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Chat, option_ids, text_of

HERE = Path(__file__).parent / "transcripts"
FILES = sorted(HERE.glob("*.yaml"))
_MISSING = object()


def _cases():
    for path in FILES:
        doc = yaml.safe_load(path.read_text())
        for convo in doc["conversations"]:
            yield pytest.param(convo, id=f"{path.stem}:{convo['name']}")


@pytest.mark.parametrize("convo", list(_cases()))
def test_transcript(engine, convo):
    chat = Chat(engine, sid="golden")
    for i, step in enumerate(convo["turns"]):
        if "answer_all" in step:
            turn = _answer_all(chat, step["answer_all"])
        else:
            turn = chat.click(step["click"]) if "click" in step else chat.say(step["say"])
        where = f"turn {i + 1} ({step.get('say') or step.get('click') or 'answer_all'!r})"
        _check(step, turn, where)


def _answer_all(chat: Chat, answers: dict[str, str]):
    turn = chat.turns[-1]
    for _ in range(30):
        if not turn.expects:
            return turn
        answer = answers.get(turn.expects, answers.get("default", "not sure"))
        option = f"advisor.{turn.expects}.{answer}"
        ids = option_ids(turn)
        turn = chat.click(option) if option in ids else chat.say(answer)
    raise AssertionError("the advisor kept asking after 20 answers")


def _check(step: dict[str, Any], turn, where: str) -> None:
    text, ids = text_of(turn), option_ids(turn)
    if "node" in step:
        assert turn.node == step["node"], f"{where}: node {turn.node}"
    if "node_in" in step:
        assert turn.node in step["node_in"], f"{where}: node {turn.node}"
    if step.get("expects", _MISSING) is not _MISSING:
        assert turn.expects == step["expects"], f"{where}: expects {turn.expects}"
    for oid in step.get("options_include", []):
        assert oid in ids, f"{where}: option {oid} missing from {ids}"
    for oid in step.get("options_exclude", []):
        assert oid not in ids, f"{where}: option {oid} present"
    for part in step.get("text_includes", []):
        assert part.lower() in text.lower(), f"{where}: {part!r} not in {text!r}"
    for part in step.get("text_excludes", []):
        assert part.lower() not in text.lower(), f"{where}: {part!r} in {text!r}"
    if "suggestions" in step:
        assert bool(turn.suggestions) == step["suggestions"], f"{where}: {turn.suggestions}"
    if "recommendation" in step:
        assert (turn.recommendation is not None) == step["recommendation"], where
    if "recommendation_top" in step:
        assert turn.recommendation, f"{where}: no recommendation"
        assert turn.recommendation["ranking"][0]["model"] == step["recommendation_top"], where
    for part in step.get("summary_includes", []):
        assert turn.summary and part in turn.summary, f"{where}: summary lacks {part!r}"
