"""The linear scorer over the content's own examples: deterministic, and it generalises."""
from __future__ import annotations

import numpy as np

from bot.linear import build


def _model(engine):
    texts, labels = engine.matcher.labelled_examples()
    return build(texts, labels, ridge=30.0), texts, labels


def test_building_twice_gives_the_same_weights(engine):
    (a, _, _), (b, _, _) = _model(engine), _model(engine)
    assert a.classes == b.classes and np.array_equal(a.weights, b.weights)


def test_an_example_scores_its_own_node_highest(engine):
    model, texts, labels = _model(engine)
    right = sum(model.classes[int(np.argmax(model.scores(t)))] == label
                for t, label in zip(texts, labels, strict=True))
    assert right / len(texts) > 0.9


def test_unknown_words_score_nothing(engine):
    model, _, _ = _model(engine)
    assert not model.scores("zzzz qqqq").any()
