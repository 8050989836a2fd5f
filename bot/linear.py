"""A linear scorer over word and character n-grams of the content's own examples.

Fuzzy string similarity compares a message with one example at a time, which suits
short questions and typos but not a six-sentence Slack post whose question is its
last clause. A linear model weighs every n-gram the examples share with the message
at once. It is ridge regression, one target per node, solved in closed form in its
dual (an n x n system over the n examples), so building it is deterministic, takes
no training loop and happens once when the content loads.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CONCEPT_WEIGHT = 3   # a concept (model.managed, aspect.cost) counts as this many words


def features(concept_text: str) -> list[str]:
    """Word 1-2 grams of the concept-level text (typos already re-spelt, synonyms already
    concepts), with the concepts repeated: they say more than any single word. Character
    n-grams were measured too and lost (leave-one-out on the content's examples)."""
    words = concept_text.split()
    out = [f"w:{w}" for w in words]
    out += [f"w:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    out += [f"k:{w}" for w in words if "." in w] * CONCEPT_WEIGHT
    return out


@dataclass(frozen=True)
class LinearModel:
    vocabulary: dict[str, int]
    idf: np.ndarray             # per feature
    weights: np.ndarray         # features x classes
    classes: tuple[str, ...]

    def scores(self, concept_text: str) -> np.ndarray:
        """One score per class (about 1 for an example's own node, about -1 for others)."""
        vector = _vector(features(concept_text), self.vocabulary, self.idf)
        if vector is None:
            return np.zeros(len(self.classes))
        index, values = vector
        scores: np.ndarray = values @ self.weights[index]
        return scores


def build(texts: Sequence[str], labels: Sequence[str], *, ridge: float,
          max_df: float = 0.5) -> LinearModel:
    """Fit on concept-level example texts; `ridge` is the regularisation (bigger = smoother).
    N-grams in more than `max_df` of the examples say nothing about which node and are dropped."""
    feats = [features(t) for t in texts]
    vocabulary, idf = _vocabulary(feats, max_df)
    rows = [_vector(f, vocabulary, idf) for f in feats]
    classes = tuple(sorted(set(labels)))
    position = {c: i for i, c in enumerate(classes)}
    y = -np.ones((len(labels), len(classes)))
    y[np.arange(len(labels)), [position[label] for label in labels]] = 1.0
    postings = _postings(rows, len(vocabulary))
    gram = np.zeros((len(rows), len(rows)))
    for members, values in postings:
        gram[np.ix_(members, members)] += np.outer(values, values)
    alpha = np.linalg.solve(gram + ridge * np.eye(len(rows)), y)
    weights = np.zeros((len(vocabulary), len(classes)), dtype=np.float32)
    for feature, (members, values) in enumerate(postings):
        weights[feature] = values @ alpha[members]
    return LinearModel(vocabulary, idf, weights, classes)


def _vocabulary(feats: list[list[str]], max_df: float) -> tuple[dict[str, int], np.ndarray]:
    df: dict[str, int] = {}
    for f in feats:
        for g in set(f):
            df[g] = df.get(g, 0) + 1
    limit = max_df * len(feats)
    kept = sorted(g for g, n in df.items() if n <= limit)
    vocabulary = {g: i for i, g in enumerate(kept)}
    counts = np.array([df[g] for g in kept], dtype=np.float64)
    return vocabulary, np.log((1 + len(feats)) / (1 + counts)) + 1.0


def _vector(grams: list[str], vocabulary: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    counts: dict[int, int] = {}
    for g in grams:
        i = vocabulary.get(g)
        if i is not None:
            counts[i] = counts.get(i, 0) + 1
    if not counts:
        return None
    index = np.fromiter(counts, dtype=np.int64, count=len(counts))
    values = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
    values *= idf[index]
    return index, values / np.linalg.norm(values)


def _postings(rows: list[tuple[np.ndarray, np.ndarray] | None], size: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per feature: the examples that have it and its value in each (the sparse columns)."""
    members: list[list[int]] = [[] for _ in range(size)]
    values: list[list[float]] = [[] for _ in range(size)]
    for r, row in enumerate(rows):
        if row is None:
            continue
        for i, v in zip(row[0].tolist(), row[1].tolist(), strict=False):
            members[i].append(r)
            values[i].append(v)
    return [(np.asarray(m, dtype=np.int64), np.asarray(v)) for m, v in zip(members, values, strict=False)]
