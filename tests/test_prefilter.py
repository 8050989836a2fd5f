"""The token-index prefilter for very large content gives the answers the full scan gives."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from bot.matcher import Matcher
from bot.prefilter import TokenIndex
from bot.scale import measure, synthetic

EVAL = Path(__file__).parent / "eval" / "dev-queries.yaml"


def test_the_index_keeps_the_examples_sharing_the_rarest_words():
    index = TokenIndex(["managed it cost", "break fix cost", "cloud backup plan", "the the the"])
    kept = index.candidates("cost of cloud backup", keep=2).tolist()
    assert len(kept) == 2 and 2 in kept and 3 not in kept
    assert index.candidates("nothing in common", keep=5).size == 0


def test_prefiltered_matching_agrees_with_the_full_scan(kb):
    limits = kb.matching.prefilter.model_copy(update={"above": 100, "keep": 400, "adjust": 60})
    narrow = Matcher(replace(kb, matching=kb.matching.model_copy(update={"prefilter": limits})))
    full = Matcher(kb)
    texts = [q["text"] for q in yaml.safe_load(EVAL.read_text())["queries"]]
    same = sum(narrow.match(t).best == full.match(t).best for t in texts)
    assert narrow._index is not None and same / len(texts) >= 0.95


def test_the_scale_bench_builds_and_measures_a_synthetic_edition(kb):
    assert len(synthetic(kb, 500).nodes) == len(kb.nodes) + 50
    line = measure(kb, 500)
    assert "examples: match median" in line and "p99" in line
    # The whole engine is measured (the linear scorer included), and loading it as `serve` does.
    assert "engine build" in line and "load from cache" in line and "engine memory" in line
    assert "linear guess" in line
