"""Read one free-text answer as one of a factor's options.

Evidence is added up per option: phrases from the option's cues (longer phrases are
more specific and count more, and claim their words from shorter cues of other
options), a number that falls in the option's range ("about 45 staff"; a number
beside its unit outweighs vague words like "a handful"), and a plain yes or no where
the question is yes/no-ish (only a tie-breaker once the answer says more). "Not sure" and
"skip" leave the factor out unless the rest of the answer clearly says something.
A typed option id or button label is read exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz, process

from ..normalize import fold
from ..numbers import parse_yes_no
from .cues import EXTRA_CUE, Hit, claim, cue_hits, emphasise, found, loose, total
from .model import DecisionModel, Factor
from .quantity import factor_quantity
from .text import CLAUSES, words

Status = Literal["answered", "unsure", "unreadable"]

NUMBER_HIT = 1.5          # a number inside the option's range: outweighs vague words
NUMBER_UNIT = 2.0         # ... standing right before its unit ("150 staff")
NUMBER_NEAR = 0.8         # the nearest range when the number falls between ranges
YES_NO = 1.0              # a plain yes/no where the factor maps one
YES_NO_AND_MORE = 0.5     # a yes/no followed by words that say more: they decide
STRONG = 1.25             # evidence that outweighs a "not sure" in the same answer
COMBINED_PART = 0.5       # what a part still counts once the option combining it is read
ESCALATION = 0.5          # the highest level mentioned, on a factor whose options escalate
OPENING_WORDS = 8         # a yes/no is read from an opening clause this short


@dataclass(frozen=True)
class Interpretation:
    option: str | None
    status: Status
    confidence: float
    # Read from nothing but a yes or no opening the answer ("we do have an IT person" is
    # a "yes" to any question): too thin to hold against a clear reading of another factor.
    only_yes_no: bool = False


def interpret(model: DecisionModel, factor_id: str, text: str, *, loose: bool = True) -> Interpretation:
    """The option `text` means for `factor_id`, or why there is none. `loose=False` skips the
    last resort of single shared words (used for facts nobody asked for)."""
    factor = model.factor(factor_id)
    exact = _exact(factor, text)
    if exact is not None:
        return Interpretation(exact, "answered", 1.0)
    toks = words(text)
    if not toks:
        return Interpretation(None, "unreadable", 0.0)
    unsure = any(found(p, toks, frozenset()) for p in model.reading.unsure)
    evidence = _evidence(model, factor, text, toks)
    if parse_yes_no(_opening(text)) == "unsure" and not evidence:
        unsure = True
    reading = _decide(model, factor, toks, evidence, unsure, loose)
    yes_no = _yes_no_option(factor, text)
    if reading.status == "answered" and yes_no is not None and evidence == {yes_no: YES_NO}:
        return replace(reading, only_yes_no=True)
    return reading


def exact_option(model: DecisionModel, factor_id: str, text: str) -> str | None:
    """The option whose id or button label `text` is (a close variant allowed)."""
    return _exact(model.factor(factor_id), text)


def _decide(model: DecisionModel, factor: Factor, toks: tuple[str, ...],
            evidence: dict[str, float], unsure: bool, loose: bool) -> Interpretation:
    ranked = _ranked(factor, evidence)
    if unsure and (not ranked or ranked[0][1] < STRONG):
        return Interpretation(None, "unsure", 1.0)
    if not ranked:
        return _loosely(factor, toks, model.reading.plain) if loose else Interpretation(None, "unreadable", 0.0)
    best, top = ranked[0]
    confidence = min(1.0, 0.55 + 0.3 * top) * _margin(ranked)
    if unsure:
        confidence *= 0.6
    if any(found(h, toks, frozenset()) for h in model.reading.hedges):
        confidence *= 0.85
    return Interpretation(best, "answered", round(confidence, 3))


def _loosely(factor: Factor, toks: tuple[str, ...], plain: frozenset[str]) -> Interpretation:
    ranked = _ranked(factor, loose(factor, toks, plain))
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return Interpretation(None, "unreadable", 0.0)
    best, top = ranked[0]
    return Interpretation(best, "answered", round(min(0.5, 0.2 + top / 2) * _margin(ranked), 3))


def _ranked(factor: Factor, scores: dict[str, float]) -> list[tuple[str, float]]:
    """Best first; a tie goes to the option listed first."""
    position = {o.id: i for i, o in enumerate(factor.options)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], position[kv[0]]))


def _margin(ranked: list[tuple[str, float]]) -> float:
    """1 when nothing else scored, down to 0.5 when the runner-up scored as much."""
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return 1 - 0.5 * second / ranked[0][1]


def _exact(factor: Factor, text: str) -> str | None:
    """An option typed exactly: its id, or its label (allowing a close variant)."""
    folded = fold(text)
    if not folded:
        return None
    for option in factor.options:
        if folded == fold(option.id):        # fold reads "_" as a space
            return option.id
    labels = [fold(o.label) for o in factor.options]
    hit = process.extractOne(folded, labels, scorer=fuzz.ratio, score_cutoff=90)
    return factor.options[hit[2]].id if hit else None


def _evidence(model: DecisionModel, factor: Factor, text: str,
              toks: tuple[str, ...]) -> dict[str, float]:
    order = {o.id: i for i, o in enumerate(factor.options)}
    found_all = emphasise([h for o in factor.options
                           for h in cue_hits(o, toks, model.reading.negators)]
                          + _denials(factor, toks, model.reading.negators), toks)
    hits = claim(found_all, order)
    scores: dict[str, float] = {}
    for option in factor.options:
        score = total([h for h in hits if h.option == option.id])
        if score:
            scores[option.id] = score
    _combine(factor, scores, {o.id: total([h for h in found_all if h.option == o.id])
                              for o in factor.options})
    _escalate(factor, scores)
    said_more = bool(scores)
    for option_id, points in _number_evidence(factor, text, toks).items():
        # "one office" is one piece of evidence, whether read as words or as a number
        cue = scores.get(option_id, 0.0)
        scores[option_id] = max(cue, points) + (EXTRA_CUE if cue else 0.0)
    yn = _yes_no_option(factor, text)
    if yn is not None:
        scores[yn] = scores.get(yn, 0.0) + (YES_NO_AND_MORE if said_more else YES_NO)
    return scores


def _escalate(factor: Factor, scores: dict[str, float]) -> None:
    """ "a server, email and a few laptops": on a scale of levels, the highest mentioned
    is the level (the laptops are there too, but the server is what needs looking after)."""
    if factor.escalates and len(scores) > 1:
        top = max(scores, key=lambda o: [x.id for x in factor.options].index(o))
        scores[top] = max(scores.values()) + ESCALATION


def _denials(factor: Factor, toks: tuple[str, ...], negators: frozenset[str]) -> list[Hit]:
    """Where a question is yes/no-ish, denying one side's cue says the other side
    ("no need for anyone on site" is "not in control"; "not expanding" is "stable")."""
    sides = {factor.yes: factor.no, factor.no: factor.yes}
    out = []
    for option in factor.options:
        other = sides.get(option.id)
        if other is not None:
            out += [Hit(other, h.score, h.at)
                    for h in cue_hits(option, toks, negators, denied=True)]
    return out


def _combine(factor: Factor, scores: dict[str, float], unclaimed: dict[str, float]) -> None:
    """An option meaning "both" (a mix) wins when the cues of each part are all found
    (even inside the mix's own cues: "part local, part cloud"); the parts it explains
    then count only half against it."""
    for option in factor.options:
        parts = [unclaimed.get(p, 0.0) for p in option.combines]
        if parts and all(parts):
            scores[option.id] = max(scores.get(option.id, 0.0), sum(parts))
            for p in option.combines:
                if p in scores:
                    scores[p] *= COMBINED_PART


def _number_evidence(factor: Factor, text: str, toks: tuple[str, ...]) -> dict[str, float]:
    if not factor.numeric:
        return {}
    found_ = factor_quantity(factor, text, toks)
    if found_ is None:
        return {}
    value, beside_unit = found_
    ranges = {o.id: o.range for o in factor.options if o.range is not None}
    inside = [o for o, (low, high) in ranges.items() if low <= value <= high]
    if inside:
        return {o: NUMBER_UNIT if beside_unit else NUMBER_HIT for o in inside}
    nearest = min(ranges, key=lambda o: min(abs(value - ranges[o][0]), abs(value - ranges[o][1])))
    return {nearest: NUMBER_NEAR}


def _yes_no_option(factor: Factor, text: str) -> str | None:
    """A yes or no counts only as the opening of the answer ("No, we're happy as we are")."""
    if factor.yes is None and factor.no is None:
        return None
    answer = parse_yes_no(_opening(text))
    return {"yes": factor.yes, "no": factor.no}.get(answer or "")


def _opening(text: str) -> str:
    first = CLAUSES.split(text.strip(), maxsplit=1)[0]
    return first if len(first.split()) <= OPENING_WORDS else ""
