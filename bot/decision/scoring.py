"""Rank the seven models, and know when asking more cannot change the pick.

A model's points are its prior plus the weight each answer gives it. Factors are
independent, so the most another model can still gain on the leader is the sum,
over the unanswered factors, of the best option for it relative to the leader (or
nothing, if the factor ends up skipped). When that cannot close the gap the pick is
settled and the advisor stops asking: the bound is exact, not a guess.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping

from .checks import SCALE
from .model import DecisionModel

Answers = Mapping[str, str | None]      # factor id -> option id, None for "not sure"


def points(model: DecisionModel, answers: Answers) -> dict[str, int]:
    """Each model's points in hundredths (exact), prior included."""
    out = dict(model.priors)
    for factor_id, option_id in answers.items():
        for m in model.models:
            out[m] += model.weight(factor_id, option_id, m)
    return out


def order_by_points(model: DecisionModel, pts: Mapping[str, int]) -> list[str]:
    """Best first; a tie goes to the model listed first in factors.yaml."""
    rank_of = {m: i for i, m in enumerate(model.models)}
    return sorted(model.models, key=lambda m: (-pts[m], rank_of[m]))


def rank(model: DecisionModel, answers: Answers) -> list[tuple[str, float]]:
    """All models best first, each with a score in 0..1."""
    pts = points(model, answers)
    low, high = _span(model, answers)
    return [(m, min(1.0, max(0.0, (pts[m] - low) / (high - low))))
            for m in order_by_points(model, pts)]


def _span(model: DecisionModel, answers: Answers) -> tuple[float, float]:
    """The lowest and highest points possible for the answered factors, padded.

    The padding (half an average factor's spread each side) keeps early scores near
    the middle: with few answers nothing deserves 0 or 1.
    """
    spreads = {f: _extremes(model, f) for f in model.factors}
    low = min(model.priors.values()) + sum(spreads[f][0] for f, o in answers.items() if o)
    high = max(model.priors.values()) + sum(spreads[f][1] for f, o in answers.items() if o)
    pad = sum(hi - lo for lo, hi in spreads.values()) / len(spreads) / 2 or SCALE
    return low - pad, high + pad


def _extremes(model: DecisionModel, factor_id: str) -> tuple[int, int]:
    ws = [w for o in model.factor(factor_id).options for w in o.weights.values()]
    return min(ws), max(ws)


def best_gain(model: DecisionModel, factor_id: str, challenger: str, leader: str) -> int:
    """The most one factor's answer can move `challenger` towards `leader` (never negative)."""
    opts = model.factor(factor_id).options
    return max([0, *(o.weights[challenger] - o.weights[leader] for o in opts)])


def _overtakes(model: DecisionModel, pts: Mapping[str, int], challenger: str,
               leader: str, gain: int) -> bool:
    rank_of = {m: i for i, m in enumerate(model.models)}
    ahead = pts[challenger] + gain - pts[leader]
    return ahead > 0 or (ahead == 0 and rank_of[challenger] < rank_of[leader])


def contenders(model: DecisionModel, answers: Answers,
               remaining: Collection[str]) -> list[str]:
    """Models that some answers to `remaining` would put first (remaining must be unanswered)."""
    fixed = {f: o for f, o in answers.items() if f not in remaining}
    pts = points(model, fixed)
    leader = order_by_points(model, pts)[0]
    return [m for m in model.models if m != leader and _overtakes(
        model, pts, m, leader, sum(best_gain(model, f, m, leader) for f in remaining))]


def can_change(model: DecisionModel, answers: Answers, remaining: Collection[str]) -> bool:
    """Could some answers to the `remaining` factors change the top pick?"""
    return bool(contenders(model, answers, remaining))


def remaining_factors(model: DecisionModel, answers: Answers,
                      asked: Collection[str]) -> list[str]:
    return [f for f in model.order if f not in asked and f not in answers]


def swing(model: DecisionModel, factor_id: str, challenger: str, leader: str) -> int:
    """How far one factor's answer can move `challenger` against `leader`, either way."""
    diffs = [o.weights[challenger] - o.weights[leader] for o in model.factor(factor_id).options]
    return max(diffs) - min(diffs)


def next_factor(model: DecisionModel, answers: Answers, asked: Collection[str]) -> str | None:
    """The question most able to change the pick; None once nothing left could.

    A factor's potential is how far its answer could swing each model that can still
    overtake the leader, in either direction, summed: a telling answer either closes
    the gap or settles it. Ties go to the dialog's question order.
    """
    remaining = remaining_factors(model, answers, asked)
    rivals = contenders(model, answers, remaining)
    if not rivals:
        return None
    leader = order_by_points(model, points(model, answers))[0]
    return max(remaining, key=lambda f: (sum(swing(model, f, m, leader) for m in rivals),
                                         -remaining.index(f)))
