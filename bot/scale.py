"""`advisor bench --scale`: matching with a synthetic knowledge base of 1k, 10k and 100k
example questions: time per match (p50, p99), memory and build time at each size.

The synthetic nodes are topics with ten examples each, made of words the shipped content
uses (so typo correction and concepts behave as usual), from a fixed seed.
"""
from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from dataclasses import replace

from .knowledge import Knowledge, Node
from .matcher import Matcher

PER_NODE = 10
QUERIES = 400


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


def measure(kb: Knowledge, examples: int) -> str:
    synth = synthetic(kb, examples)
    tracemalloc.start()
    began = time.perf_counter()
    matcher = Matcher(synth)
    build = time.perf_counter() - began
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    rng = random.Random(11)
    texts = [e for n in synth.nodes.values() for e in n.examples]
    queries = [_typo(rng, rng.choice(texts)) for _ in range(QUERIES)]
    for q in queries[:20]:
        matcher.match(q)
    samples = []
    for q in queries:
        began = time.perf_counter()
        matcher.match(q)
        samples.append(time.perf_counter() - began)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return (f"scale {matcher.example_count():>7,} examples: match median {statistics.median(samples) * 1000:.2f} ms, "
            f"p99 {p99 * 1000:.2f} ms; build {build:.1f} s; matcher memory {memory:.0f} MiB")


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
