"""Accuracy regressions on our own held-out sets (tests/eval/), through `bot.evaluate`.

These sets were written independently of the knowledge examples; the floors sit a
little under today's figures so a real regression fails CI, not noise.
"""
from __future__ import annotations

import re
from pathlib import Path

from bot.evaluate import evaluate_personas, evaluate_queries

EVAL = Path(__file__).parent / "eval"


def _ratio(report: str, label: str) -> float:
    m = re.search(rf"{label}: (\d+)/(\d+)", report)
    assert m, report
    return int(m.group(1)) / int(m.group(2))


def test_held_out_questions(engine):
    report = evaluate_queries(engine, EVAL / "queries.yaml", verbose=False)
    assert _ratio(report, "in-scope top-1") >= 0.90, report
    assert _ratio(report, "out-of-scope refused") >= 0.90, report


def test_held_out_personas(engine):
    report = evaluate_personas(engine, EVAL / "personas.yaml", verbose=False)
    mean = float(re.search(r"mean questions: ([\d.]+)", report).group(1))
    assert _ratio(report, "personas recommended as labelled") >= PERSONA_FLOOR, report
    assert mean <= 6.5, report


# 24/24 before the weights were tied to the sources (issue 13); 20/24 since: the four
# misses are ties or near-ties the articles support either way (see the README's figures).
PERSONA_FLOOR = 0.80
