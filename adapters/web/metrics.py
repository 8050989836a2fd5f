"""Prometheus metrics for every channel's turns, served at GET /metrics.

The core tells a `TurnObserver` about each turn; this one counts them. With several
worker processes, prometheus-client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR,
set by `advisor serve --workers N`) sums what every worker saw.
"""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response

from bot import Turn

_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


def node_kind(node: str) -> str:
    """model | compare | topic | meta | flow: the id's first part, bounded for label cardinality."""
    kind = node.partition(".")[0]
    return kind if kind in ("model", "compare", "topic", "meta", "flow") else "other"


class Metrics:
    """A TurnObserver; `registry=None` uses a private registry (one per app, so tests stay apart)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        reg = self.registry
        self.turns = Counter("advisor_turns", "Turns answered", ["channel", "kind"], registry=reg)
        self.fallbacks = Counter("advisor_fallbacks", "Turns nothing matched", ["channel"], registry=reg)
        self.did_you_mean = Counter("advisor_did_you_mean", "Turns answered with suggestions",
                                    ["channel"], registry=reg)
        self.recommendations = Counter("advisor_recommendations", "Guided advisor results",
                                       ["channel", "model"], registry=reg)
        self.errors = Counter("advisor_errors", "Turns that ended in an apology", ["channel", "cause"],
                              registry=reg)
        self.replays = Counter("advisor_replays", "Resent inputs answered from the record", ["channel"],
                               registry=reg)
        self.latency = Histogram("advisor_turn_seconds", "Time to answer a turn", ["channel"],
                                 buckets=_BUCKETS, registry=reg)

    def turn(self, channel: str, turn: Turn, seconds: float, fault: str | None) -> None:
        self.latency.labels(channel).observe(seconds)
        if fault is not None:
            self.errors.labels(channel, fault).inc()
            return
        if turn.replayed:
            self.replays.labels(channel).inc()
            return
        self.turns.labels(channel, node_kind(turn.node)).inc()
        if turn.suggestions:
            self.did_you_mean.labels(channel).inc()
        elif turn.node == "meta.fallback":
            self.fallbacks.labels(channel).inc()
        if turn.recommendation:
            self.recommendations.labels(channel, turn.recommendation["ranking"][0]["model"]).inc()

    def endpoint(self, request: Request) -> Response:
        registry = self.registry
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
