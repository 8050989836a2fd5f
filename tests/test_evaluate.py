"""Accuracy floors on our development sets (tests/eval/dev-*.yaml), through `bot.evaluate`.

These are development sets: the matcher and the reader were tuned while looking at them,
so they guard against regressions and are never quoted as held-out figures. The held-out
set (tests/eval/heldout-situations.yaml) is measured, never given a floor here. And no
evaluation message may appear among the knowledge examples.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.evaluate import evaluate_personas, evaluate_queries, messages, shared_phrases
from bot.normalize import fold

EVAL = Path(__file__).parent / "eval"
# 24/24 before the weights were tied to the sources (issue 13); 20/24 since: the four
# misses are ties or near-ties the articles support either way (see the README's figures).
PERSONA_FLOOR = 0.80


def _ratio(report: str, label: str) -> float:
    m = re.search(rf"{label}: (\d+)/(\d+)", report)
    assert m, report
    return int(m.group(1)) / int(m.group(2))


@pytest.mark.parametrize("name, in_scope, refused", [("dev-queries.yaml", 0.90, 0.90),
                                                     ("dev-situations.yaml", 0.80, 0.88)])
def test_development_question_sets(engine, name, in_scope, refused):
    report = evaluate_queries(engine, EVAL / name, verbose=False)
    assert _ratio(report, "in-scope top-1") >= in_scope, report
    assert _ratio(report, "out-of-scope refused") >= refused, report


def test_development_personas(engine):
    report = evaluate_personas(engine, EVAL / "dev-personas.yaml", verbose=False)
    mean = float(re.search(r"mean questions: ([\d.]+)", report).group(1))
    assert _ratio(report, "personas recommended as labelled") >= PERSONA_FLOOR, report
    assert mean <= 6.5, report


def test_shared_phrases_are_measured_in_evaluation_files(kb, tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('queries:\n'
                    '  - {text: "we just fix it when it breaks, a bit of both really", accept: [model.break_fix]}\n'
                    'out_of_scope: ["nothing shared here at all"]\n', encoding="utf-8")
    shared = shared_phrases(kb, [path])
    assert shared and all(count == 1 and len(phrase.split()) >= 3 for phrase, _, count in shared)
    assert any(where.startswith(("synonyms.yaml", "factors.yaml")) for _, where, _ in shared)


def test_no_evaluation_message_is_a_knowledge_example(kb):
    evaluation = {fold(t) for p in EVAL.glob("*.yaml") for t in messages(p)}
    copied = sorted({e for n in kb.nodes.values() for e in n.examples if fold(e) in evaluation})
    assert not copied, f"evaluation messages found among the examples: {copied}"
