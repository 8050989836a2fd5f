"""The compiled decision model: lookup tables built once from knowledge/factors.yaml.

Weights are stored as whole hundredths of a point, so sums, gaps and bounds are exact
integers and a tie is a tie on every platform. The meaning checks run first
(`checks.py`) and raise one ContentError listing every problem found.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import ContentError
from ..schema import Citation
from .checks import SCALE, check_factors
from .schema import Confidence, Evidence, FactorsFile, FactorSpec, OptionSpec, ReasonLimits
from .text import words


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    cues: tuple[tuple[str, ...], ...]      # each cue as words(), the label included
    range: tuple[float, float] | None
    weights: Mapping[str, int]             # model id -> hundredths of a point
    reasons: Mapping[str, str]             # model id -> its reason; every model the option lifts
    support: Mapping[str, tuple[Citation, ...]]   # model id -> what its weight rests on
    vocab: frozenset[str]                  # the cues' telling words, for loose matching
    combines: tuple[str, ...]              # cues of all of these together mean this option

    def reason_text(self, model: str) -> str:
        """The reason written for `model`; only models this option lifts have one."""
        return self.reasons[model]


@dataclass(frozen=True)
class Factor:
    id: str
    options: tuple[Option, ...]
    units: tuple[str, ...]
    bare_numbers: bool
    yes: str | None
    no: str | None
    escalates: bool = False                # the highest option mentioned sets the level

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"factor {self.id!r} has no option {option_id!r}")

    @property
    def numeric(self) -> bool:
        return any(o.range is not None for o in self.options)


@dataclass(frozen=True)
class Reading:
    unsure: tuple[tuple[str, ...], ...]
    hedges: tuple[tuple[str, ...], ...]
    negators: frozenset[str]
    plain: frozenset[str]                  # filler and negators: never loose evidence
    evidence: Evidence                     # how much each kind of evidence counts
    confidence: Confidence                 # how sure a reading is, from that evidence


@dataclass(frozen=True)
class DecisionModel:
    models: tuple[str, ...]                # fixed order: breaks every tie
    names: Mapping[str, str]               # display names for prose
    labels: Mapping[str, str]              # short names for buttons
    priors: Mapping[str, int]
    pro_tips: Mapping[str, str]
    why_not: Mapping[str, str]
    factors: Mapping[str, Factor]          # in question-priority order
    reading: Reading
    reasons: ReasonLimits                  # how many reasons a result gives, how long its quotes
    prior_sources: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)
    tip_sources: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)
    why_not_sources: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(self.factors)

    def factor(self, factor_id: str) -> Factor:
        return self.factors[factor_id]

    def weight(self, factor_id: str, option_id: str | None, model: str) -> int:
        """Points an answer gives a model; a factor left out (None) gives nothing."""
        if option_id is None:
            return 0
        return self.factors[factor_id].option(option_id).weights[model]


def compile_model(spec: FactorsFile, *, names: Mapping[str, str],
                  labels: Mapping[str, str] | None = None,
                  order: Sequence[str] | None = None) -> DecisionModel:
    """Check the meaning of factors.yaml and build the lookup tables.

    `names` and `labels` map model id to display name and short button name (the
    knowledge models' `name` and `label`; labels default to names); `order` is the
    dialog's question priority and defaults to the file's factor order.
    """
    problems = check_factors(spec, names, order)
    if problems:
        raise ContentError(problems)
    by_id = {f.id: f for f in spec.factors}
    reading = spec.reading
    negators = frozenset(w for p in reading.negators for w in words(p)[-1:])   # "don't": "not"
    plain = negators | {w for p in reading.filler for w in words(p)}
    ids = list(order) if order is not None else list(by_id)
    return DecisionModel(
        models=tuple(m.id for m in spec.models),
        names={m.id: names[m.id] for m in spec.models},
        labels={m.id: (labels or names).get(m.id, names[m.id]) for m in spec.models},
        priors={m.id: _points(m.prior) for m in spec.models},
        pro_tips={m.id: m.pro_tip.strip() for m in spec.models},
        why_not={m.id: m.why_not.strip() for m in spec.models},
        factors={i: _factor(by_id[i], plain, negators) for i in ids},
        reading=Reading(tuple(words(p) for p in reading.unsure),
                        tuple(words(p) for p in reading.hedges),
                        negators, plain, reading.evidence, reading.confidence),
        reasons=spec.reasons,
        prior_sources={m.id: tuple(m.prior_sources) for m in spec.models},
        tip_sources={m.id: tuple(m.pro_tip_sources) for m in spec.models},
        why_not_sources={m.id: tuple(m.why_not_sources) for m in spec.models},
    )


def _points(value: float) -> int:
    return round(value * SCALE)


def _factor(spec: FactorSpec, plain: frozenset[str], negators: frozenset[str]) -> Factor:
    return Factor(spec.id, tuple(_option(o, plain, negators) for o in spec.options),
                  tuple(words(" ".join(spec.units))), spec.bare_numbers, spec.if_yes, spec.if_no,
                  spec.escalates)


def _option(spec: OptionSpec, plain: frozenset[str], negators: frozenset[str]) -> Option:
    """Cues as words; the vocabulary for loose reading skips filler and negated cues."""
    phrases = dict.fromkeys([*spec.cues, spec.label])
    cues = tuple(w for w in (words(p) for p in phrases) if w)
    vocab = frozenset(w for cue in cues if negators.isdisjoint(cue)
                      for w in cue if w not in plain and not w.isdigit())
    reasons = {m: s.reason.strip() for s in spec.support if s.reason for m in s.models
               if spec.weights[m] > 0}
    support: dict[str, tuple[Citation, ...]] = {}
    for entry in spec.support:
        for m in entry.models:
            support[m] = (*support.get(m, ()), entry)
    return Option(spec.id, spec.label, cues, spec.range,
                  {m: _points(w) for m, w in spec.weights.items()},
                  reasons, support, vocab, tuple(spec.combines))
