"""Why the advisor recommends what it does, in terms of the user's own answers.

Everything here is derived from the weights: the reasons for the pick are the
answers that lifted it most above the runner-up; the runner-up's best hope is the
one answer that would close the gap most; the flip is found by trying every single
answer change. Nothing is written here; sentences come from factors.yaml (reasons)
and advisor.yaml (render.py).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import DecisionModel
from .scoring import Answers, order_by_points, points, rank


@dataclass(frozen=True)
class Ranked:
    model: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One answer set differently: what it would do to the result."""

    factor: str
    option: str
    label: str
    model: str          # the model this change favours (runner-up) or puts first (flip)
    wins: bool          # would this change alone put `model` first?


@dataclass(frozen=True)
class Recommendation:
    ranking: tuple[Ranked, ...]
    top: str
    reasons: tuple[str, ...]
    runner_up: str
    runner_up_change: Change | None
    flip: Change | None
    pro_tip: str
    answers: Mapping[str, str | None] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)

    def score_of(self, model: str) -> float:
        return next(r.score for r in self.ranking if r.model == model)

    def to_contract(self, names: Mapping[str, str]) -> dict[str, Any]:
        """The contract's `recommendation` object; `names` are the models' display names,
        so a channel can draw a card without knowing the content."""
        return {
            "ranking": [{"model": r.model, "name": names[r.model], "score": r.score,
                         "reasons": list(r.reasons)} for r in self.ranking],
            "top": self.top,
            "reasons": list(self.reasons),
            "runner_up": {"model": self.runner_up, "name": names[self.runner_up],
                          "score": self.score_of(self.runner_up), **_change_json(self.runner_up_change)},
            "flip": _change_json(self.flip) or None,
            "pro_tip": self.pro_tip,
        }


def _change_json(change: Change | None) -> dict[str, Any]:
    if change is None:
        return {}
    return {"factor": change.factor, "option": change.option, "label": change.label,
            "model": change.model, "wins": change.wins}


def recommend(model: DecisionModel, answers: Answers,
              texts: Mapping[str, str] | None = None) -> Recommendation:
    """The full recommendation for a set of answers; `texts` are the user's own words."""
    texts = dict(texts or {})
    ranked = rank(model, answers)
    top, runner_up = ranked[0][0], ranked[1][0]
    top_reasons = tuple(reasons_for(model, answers, texts, top, runner_up))
    ranking = tuple(
        Ranked(m, round(s, 3), top_reasons if m == top else
               tuple(reasons_for(model, answers, texts, m, None, model.reasons.per_model)))
        for m, s in ranked)
    return Recommendation(ranking, top, top_reasons, runner_up,
                          best_change_for(model, answers, runner_up, top),
                          flip(model, answers, prefer=runner_up),
                          model.pro_tips[top], dict(answers), texts)


def quote(text: str, limit: int) -> str:
    """The user's words, trimmed to `limit` characters and safe inside double quotes."""
    clean = " ".join(text.replace('"', "'").split())
    if len(clean) <= limit:
        return clean
    return clean[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def reason_text(model: DecisionModel, texts: Mapping[str, str], factor_id: str,
                option_id: str, for_model: str) -> str:
    option = model.factor(factor_id).option(option_id)
    said = texts.get(factor_id) or option.label
    return option.reason_text(for_model).format(answer=quote(said, model.reasons.quote_chars))


def reasons_for(model: DecisionModel, answers: Answers, texts: Mapping[str, str],
                target: str, versus: str | None, limit: int | None = None) -> list[str]:
    """Sentences quoting the answers that favour `target` (see `favouring`)."""
    return [reason_text(model, texts, f, o, target)
            for f, o in favouring(model, answers, target, versus, limit)]


def favouring(model: DecisionModel, answers: Answers, target: str, versus: str | None,
              limit: int | None = None) -> list[tuple[str, str]]:
    """(factor, option) answers that favour `target`, those that set it apart from `versus` first.

    At most `limit` (factors.yaml `reasons.max` by default), and at least `reasons.min` when
    that many answers favour it at all.
    """
    limit = model.reasons.max if limit is None else limit
    least = model.reasons.min
    lifts = []
    for i, factor_id in enumerate(model.order):
        option_id = answers.get(factor_id)
        if option_id is None:
            continue
        own = model.weight(factor_id, option_id, target)
        if own <= 0:
            continue
        edge = own - model.weight(factor_id, option_id, versus) if versus else own
        lifts.append((edge > 0, edge, own, -i, factor_id, option_id))
    lifts.sort(reverse=True)
    chosen = [lift for lift in lifts if lift[0]][:limit]
    if len(chosen) < least:
        chosen += [lift for lift in lifts if not lift[0]][:least - len(chosen)]
    return [(f, o) for *_, f, o in chosen]


def _changes(model: DecisionModel, answers: Answers) -> Iterator[tuple[str, str, dict[str, int]]]:
    """Every single-answer change: (factor, new option, each model's points after it).

    Points move by the new option's weight minus the old one's, so each change costs
    seven additions rather than a full re-score (this runs on every result turn)."""
    base = points(model, answers)
    for factor_id in model.order:
        old = answers.get(factor_id)
        for option in model.factor(factor_id).options:
            if old != option.id:
                yield factor_id, option.id, {
                    m: base[m] + model.weight(factor_id, option.id, m) - model.weight(factor_id, old, m)
                    for m in model.models}


def best_change_for(model: DecisionModel, answers: Answers, challenger: str,
                    leader: str) -> Change | None:
    """The one answer that would move `challenger` furthest towards `leader`."""
    best, best_gain = None, 0
    before = points(model, answers)
    for factor_id, option_id, after in _changes(model, answers):
        gain = (after[challenger] - after[leader]) - (before[challenger] - before[leader])
        if gain > best_gain:
            wins = order_by_points(model, after)[0] == challenger
            best, best_gain = (factor_id, option_id, wins), gain
    if best is None:
        return None
    factor_id, option_id, wins = best
    label = model.factor(factor_id).option(option_id).label
    return Change(factor_id, option_id, label, challenger, wins)


def flip(model: DecisionModel, answers: Answers, prefer: str | None = None) -> Change | None:
    """The single answer change that most clearly puts another model first, if any.

    Changes that make `prefer` (the runner-up) the winner come first, then the
    clearest lead; ties go to the question order and option order.
    """
    top = order_by_points(model, points(model, answers))[0]
    best, best_key = None, None
    for factor_id, option_id, pts in _changes(model, answers):
        first, second = order_by_points(model, pts)[:2]
        if first == top:
            continue
        key = (first == prefer, pts[first] - pts[second])
        if best_key is None or key > best_key:
            best, best_key = (factor_id, option_id, first), key
    if best is None:
        return None
    factor_id, option_id, winner = best
    return Change(factor_id, option_id, model.factor(factor_id).option(option_id).label,
                  winner, True)


def differences(model: DecisionModel, answers: Answers, a: str, b: str) -> list[tuple[str, str]]:
    """(factor, model it favours) for each answer that separates `a` and `b`, biggest first."""
    rows = []
    for i, factor_id in enumerate(model.order):
        option_id = answers.get(factor_id)
        gap = model.weight(factor_id, option_id, a) - model.weight(factor_id, option_id, b)
        if gap:
            rows.append((-abs(gap), i, factor_id, a if gap > 0 else b))
    return [(f, m) for *_, f, m in sorted(rows)]
