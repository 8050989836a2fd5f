"""The linear scorer over the content's own examples: deterministic, and it generalises."""
from __future__ import annotations

import numpy as np

from bot.linear import build


def _model(engine):
    texts, labels = engine.matcher.labelled_examples()
    return build(texts, labels, ridge=30.0, concept_weight=3), texts, labels


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


def test_a_solve_per_message_gives_the_weight_tables_scores(engine):
    """Above the weight budget each message solves its own system: the same scores."""
    model, texts, labels = _model(engine)
    solved = build(texts, labels, ridge=30.0, concept_weight=3, weights_budget=0)
    assert model.weights is not None and solved.weights is None and solved.classes == model.classes
    for text in texts[::40] + ["our server keeps crashing and nobody answers the phone"]:
        assert np.allclose(model.scores(text), solved.scores(text), atol=1e-4)


def test_building_needs_no_examples_by_examples_matrix():
    """15,000 examples: a dense gram matrix alone would take 1.8 GB."""
    import random
    import tracemalloc

    rng = random.Random(3)
    words = [f"word{i}" for i in range(3000)]
    texts = [" ".join(rng.choices(words, k=rng.randint(4, 9))) for _ in range(15_000)]
    labels = [f"topic.t{i // 10}" for i in range(len(texts))]
    tracemalloc.start()
    try:
        model = build(texts, labels, ridge=30.0, concept_weight=3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 300 * 2**20
    assert model.classes[int(np.argmax(model.scores(texts[25])))] == "topic.t2"
