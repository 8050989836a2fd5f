"""`advisor bench --scale`: the whole engine on a synthetic knowledge base of 1k, 10k and
100k example questions: what loading it costs (building the matcher, the message reader
and the linear scorer, and reading the compiled engine back from the cache as `serve`
does), the memory it holds, and the time per match (p50, p99) and per linear-scorer
guess (the last resort, when no example is close).

The synthetic nodes are topics with ten examples each, made of words the shipped content
uses (so typo correction and concepts behave as usual), from a fixed seed.
"""
from __future__ import annotations

import gc
import pickle
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

from .engine import Engine
from .knowledge import Knowledge, Node

PER_NODE = 10
QUERIES = 400
GUESSES = 40


def synthetic(kb: Knowledge, examples: int, seed: int = 7) -> Knowledge:
    rng = random.Random(seed)
    words = sorted({w for n in kb.nodes.values() for e in n.examples for w in e.lower().split() if w.isalpha()})
    nodes: dict[str, Node] = {}   # added to the shipped nodes, which routing relies on
    for i in range(max(1, examples // PER_NODE)):
        phrases = tuple(" ".join(rng.choices(words, k=rng.randint(4, 9))) for _ in range(PER_NODE))
        node_id = f"topic.synthetic_{i:06d}"
        nodes[node_id] = Node(node_id, f"Synthetic {i}", phrases[0], "An answer.", phrases[1:], (),
                              "topic", "synthetic.yaml")
    return replace(kb, nodes={**kb.nodes, **nodes})


def _engine(kb: Knowledge) -> Engine:
    engine = Engine(kb)
    engine.warm()          # the linear scorer, as the compiled-engine cache holds it
    return engine


def _held(fn: Callable[[], object]) -> tuple[object, float, float]:
    """What `fn` returns, the memory it still holds and its peak (MiB, Python and numpy
    allocations as tracemalloc sees them)."""
    gc.collect()
    tracemalloc.start()
    try:
        value = fn()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return value, held / 2**20, peak / 2**20


def measure(kb: Knowledge, examples: int) -> str:
    synth = synthetic(kb, examples)
    began = time.perf_counter()
    engine = _engine(synth)
    build = time.perf_counter() - began
    blob = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
    del engine
    gc.collect()
    began = time.perf_counter()
    engine = pickle.loads(blob)
    cached = time.perf_counter() - began
    del engine
    loaded, held, peak = _held(lambda: pickle.loads(blob))
    engine = loaded if isinstance(loaded, Engine) else _engine(synth)
    rng = random.Random(11)
    texts = [e for n in synth.nodes.values() for e in n.examples]
    queries = [_typo(rng, rng.choice(texts)) for _ in range(QUERIES)]
    for q in queries[:20]:
        engine.matcher.match(q)
    samples = _samples(engine.matcher.match, queries)
    linear = engine.router._linear          # the last resort: one guess per message
    guesses = _samples(lambda q: linear.scores(engine.matcher.normalise(q).text), queries[:GUESSES])
    mode = "weight table" if linear.weights is not None else "a solve per message"
    return (f"scale {engine.matcher.example_count():>7,} examples: match median {_ms(statistics.median(samples))}, "
            f"p99 {_ms(_p99(samples))}; linear guess ({mode}) median {_ms(statistics.median(guesses))}, "
            f"p99 {_ms(_p99(guesses))}; engine build {build:.1f} s, load from cache {cached:.2f} s "
            f"({len(blob) / 2**20:.0f} MiB file); engine memory {held:.0f} MiB (peak while loading {peak:.0f} MiB)")


def _samples(fn: Callable[[str], object], queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        began = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - began)
    return sorted(out)


def _p99(samples: list[float]) -> float:
    return samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _typo(rng: random.Random, text: str) -> str:
    """Most queries as written, some with two letters swapped, some cut short."""
    roll = rng.random()
    if roll < 0.3 and len(text) > 6:
        i = rng.randrange(1, len(text) - 2)
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if roll < 0.5:
        return " ".join(text.split()[: max(2, len(text.split()) - 2)])
    return text


def run_scale(kb: Knowledge, sizes: tuple[int, ...] = (1_000, 10_000, 100_000)) -> list[str]:
    return [measure(kb, n) for n in sizes]
