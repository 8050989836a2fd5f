"""`advisor bench --http` drives a real `advisor serve`: every request it counts was answered."""
from __future__ import annotations

import re

from adapters.web.bench import http_bench


def test_the_http_bench_measures_answered_turns_only():
    line = http_bench(["what is an MSP", "help me choose", "not sure"], store="memory", workers=1,
                      turns=40, connections=2)
    found = re.search(r"memory, 1 worker\(s\), 2 connections: (\d+) turns/s, p50 [\d.]+ ms, "
                      r"p99 [\d.]+ ms \((\d+) non-200\)", line)
    assert found, line
    assert int(found.group(1)) > 0 and found.group(2) == "0"
