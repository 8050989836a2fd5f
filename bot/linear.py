"""A linear scorer over word and character n-grams of the content's own examples.

Fuzzy string similarity compares a message with one example at a time, which suits
short questions and typos but not a six-sentence Slack post whose question is its
last clause. A linear model weighs every n-gram the examples share with the message
at once. It is ridge regression, one target per node (+1 for the node's own examples,
-1 for the others), solved in its primal over a sparse example x n-gram matrix X by
conjugate gradients: building it is deterministic, takes no training loop and needs
memory in proportion to the examples' n-grams, never an examples x examples matrix.

While the weights (n-grams x nodes) are small they are computed once, for all nodes
together; for a very large edition (tens of thousands of nodes) they would not fit, so
each scored message solves its own system instead: for a message x the nodes' scores
are  x' (X'X + ridge I)^-1 X' Y, the same figures, computed as one solve for x.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:     # imported where a system is built: scipy costs ~100 ms of every start
    from scipy import sparse  # type: ignore[import-untyped]

WEIGHTS_BUDGET = 8_000_000  # n-grams x nodes above this (32 MB): no weight table, a solve per message
BUILD_TOLERANCE = 1e-9      # relative residual of the solve for the weight table
QUERY_TOLERANCE = 1e-5      # ... and of a per-message solve (scores within ~1e-5)
MAX_ITERATIONS = 1000


def features(concept_text: str, concept_weight: int) -> list[str]:
    """Word 1-2 grams of the concept-level text (typos already re-spelt, synonyms already
    concepts), with the concepts repeated `concept_weight` times (reading.yaml
    `routing.linear`): they say more than any single word. Character
    n-grams were measured too and lost (leave-one-out on the content's examples)."""
    words = concept_text.split()
    out = [f"w:{w}" for w in words]
    out += [f"w:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    out += [f"k:{w}" for w in words if "." in w] * concept_weight
    return out


@dataclass(frozen=True)
class _System:
    """The ridge system's parts: X (examples x n-grams, rows of unit length), its transpose,
    each example's node, and the Jacobi preconditioner (the inverse diagonal of X'X + ridge I)."""
    x: sparse.csr_matrix
    xt: sparse.csr_matrix
    label: np.ndarray
    ridge: float
    inverse_diagonal: np.ndarray

    def matvec(self, block: np.ndarray) -> np.ndarray:
        product: np.ndarray = self.xt @ (self.x @ block) + self.ridge * block
        return product

    def solve(self, rhs: np.ndarray, tolerance: float) -> np.ndarray:
        return _conjugate_gradients(self.matvec, rhs, self.inverse_diagonal, tolerance)

    def node_scores(self, solution: np.ndarray, classes: int) -> np.ndarray:
        """Y' X u for an n-gram vector u: +1 for a node's own examples, -1 for the rest."""
        z = self.x @ solution
        scores: np.ndarray = 2.0 * np.bincount(self.label, weights=z, minlength=classes) - z.sum()
        return scores


@dataclass(frozen=True)
class LinearModel:
    vocabulary: dict[str, int]
    idf: np.ndarray                     # per feature
    weights: np.ndarray | None          # features x classes; None when too big to keep
    classes: tuple[str, ...]
    concept_weight: int                 # what a concept counts, in words (see `features`)
    system: _System | None = None       # kept when there is no weight table

    def scores(self, concept_text: str) -> np.ndarray:
        """One score per class (about 1 for an example's own node, about -1 for others)."""
        vector = _vector(features(concept_text, self.concept_weight), self.vocabulary, self.idf)
        if vector is None:
            return np.zeros(len(self.classes))
        index, values = vector
        if self.weights is not None:
            scores: np.ndarray = values @ self.weights[index]
            return scores
        assert self.system is not None
        query = np.zeros(len(self.idf))
        query[index] = values
        solution = self.system.solve(query[:, None], QUERY_TOLERANCE)[:, 0]
        return self.system.node_scores(solution, len(self.classes))


def build(texts: Sequence[str], labels: Sequence[str], *, ridge: float, concept_weight: int,
          max_df: float = 0.5, weights_budget: int = WEIGHTS_BUDGET) -> LinearModel:
    """Fit on concept-level example texts; `ridge` is the regularisation (bigger = smoother).
    N-grams in more than `max_df` of the examples say nothing about which node and are dropped."""
    feats = [features(t, concept_weight) for t in texts]
    vocabulary, idf = _vocabulary(feats, max_df)
    classes = tuple(sorted(set(labels)))
    position = {c: i for i, c in enumerate(classes)}
    label = np.fromiter((position[x] for x in labels), dtype=np.int64, count=len(labels))
    x = _matrix([_vector(f, vocabulary, idf) for f in feats], len(vocabulary))
    xt = x.T.tocsr()
    squares = np.asarray(x.multiply(x).sum(axis=0)).ravel()
    system = _System(x, xt, label, float(ridge), 1.0 / (squares + ridge))
    if len(vocabulary) * len(classes) > weights_budget:
        return LinearModel(vocabulary, idf, None, classes, concept_weight, system)
    y = -np.ones((len(labels), len(classes)))
    y[np.arange(len(labels)), label] = 1.0
    weights = system.solve(np.asarray(xt @ y), BUILD_TOLERANCE).astype(np.float32)
    return LinearModel(vocabulary, idf, weights, classes, concept_weight)


def _conjugate_gradients(matvec: Callable[[np.ndarray], np.ndarray], rhs: np.ndarray,
                         inverse_diagonal: np.ndarray, tolerance: float) -> np.ndarray:
    """Jacobi-preconditioned conjugate gradients for a symmetric positive definite system,
    every column of `rhs` its own right-hand side (each with its own step sizes), until each
    column's residual is below `tolerance` times its right-hand side. Deterministic."""
    solution = np.zeros_like(rhs)
    residual = rhs.copy()
    preconditioned = residual * inverse_diagonal[:, None]
    direction = preconditioned.copy()
    rz = np.einsum("ij,ij->j", residual, preconditioned)
    target = tolerance * np.linalg.norm(rhs, axis=0)
    for _ in range(MAX_ITERATIONS):
        if (np.linalg.norm(residual, axis=0) <= target).all():
            break
        image = matvec(direction)
        curvature = np.einsum("ij,ij->j", direction, image)
        step = np.divide(rz, curvature, out=np.zeros_like(rz), where=curvature > 0)
        solution += step * direction
        residual -= step * image
        preconditioned = residual * inverse_diagonal[:, None]
        rz_next = np.einsum("ij,ij->j", residual, preconditioned)
        ratio = np.divide(rz_next, rz, out=np.zeros_like(rz), where=rz > 0)
        direction = preconditioned + ratio * direction
        rz = rz_next
    return solution


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


def _matrix(rows: list[tuple[np.ndarray, np.ndarray] | None], size: int) -> sparse.csr_matrix:
    """The examples' vectors as a sparse matrix (an example with no kept n-gram is a zero row)."""
    from scipy import sparse
    kept = [r if r is not None else (np.zeros(0, dtype=np.int64), np.zeros(0)) for r in rows]
    indptr = np.zeros(len(kept) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(index) for index, _ in kept])
    indices = np.concatenate([index for index, _ in kept]) if kept else np.zeros(0, dtype=np.int64)
    data = np.concatenate([values for _, values in kept]) if kept else np.zeros(0)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(kept), size))
