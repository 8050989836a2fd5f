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
from .cues import Hit, claim, cue_hits, emphasise, found, loose, total
from .model import DecisionModel, Factor
from .quantity import factor_quantity
from .schema import Confidence, Evidence
from .text import CLAUSES, words

Status = Literal["answered", "unsure", "unreadable"]

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
    exact = _exact(factor, text, model.reading.evidence)
    if exact is not None:
        return Interpretation(exact, "answered", 1.0)
    toks = words(text)
    if not toks:
        return Interpretation(None, "unreadable", 0.0)
    ev = model.reading.evidence
    unsure = any(found(p, toks, frozenset(), ev) for p in model.reading.unsure)
    evidence = _evidence(model, factor, text, toks)
    if parse_yes_no(_opening(text, ev)) == "unsure" and not evidence:
        unsure = True
    reading = _decide(model, factor, toks, evidence, unsure, loose)
    yes_no = _yes_no_option(factor, text, ev)
    if reading.status == "answered" and yes_no is not None and evidence == {yes_no: ev.yes_no}:
        return replace(reading, only_yes_no=True)
    return reading


def exact_option(model: DecisionModel, factor_id: str, text: str) -> str | None:
    """The option whose id or button label `text` is (a close variant allowed)."""
    return _exact(model.factor(factor_id), text, model.reading.evidence)


def _decide(model: DecisionModel, factor: Factor, toks: tuple[str, ...],
            evidence: dict[str, float], unsure: bool, loose: bool) -> Interpretation:
    ev = model.reading.evidence
    ranked = _ranked(factor, evidence)
    if unsure and (not ranked or ranked[0][1] < ev.strong):
        return Interpretation(None, "unsure", 1.0)
    if not ranked:
        return _loosely(factor, toks, model) if loose else Interpretation(None, "unreadable", 0.0)
    best, top = ranked[0]
    sure = model.reading.confidence
    confidence = min(1.0, sure.base + sure.per_point * top) * _margin(ranked, sure)
    if unsure:
        confidence *= sure.unsure
    if any(found(h, toks, frozenset(), ev) for h in model.reading.hedges):
        confidence *= sure.hedged
    return Interpretation(best, "answered", round(confidence, 3))


def _loosely(factor: Factor, toks: tuple[str, ...], model: DecisionModel) -> Interpretation:
    sure = model.reading.confidence
    ranked = _ranked(factor, loose(factor, toks, model.reading.plain, model.reading.evidence))
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return Interpretation(None, "unreadable", 0.0)
    best, top = ranked[0]
    confidence = min(sure.loose_cap, sure.loose_base + sure.loose_per_point * top) * _margin(ranked, sure)
    return Interpretation(best, "answered", round(confidence, 3))


def _ranked(factor: Factor, scores: dict[str, float]) -> list[tuple[str, float]]:
    """Best first; a tie goes to the option listed first."""
    position = {o.id: i for i, o in enumerate(factor.options)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], position[kv[0]]))


def _margin(ranked: list[tuple[str, float]], sure: Confidence) -> float:
    """1 when nothing else scored, down to 1 - runner_up_cost when the runner-up scored as much."""
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return 1 - sure.runner_up_cost * second / ranked[0][1]


def _exact(factor: Factor, text: str, ev: Evidence) -> str | None:
    """An option typed exactly: its id, or its label (allowing a close variant)."""
    folded = fold(text)
    if not folded:
        return None
    for option in factor.options:
        if folded == fold(option.id):        # fold reads "_" as a space
            return option.id
    labels = [fold(o.label) for o in factor.options]
    hit = process.extractOne(folded, labels, scorer=fuzz.ratio, score_cutoff=ev.label_match)
    return factor.options[hit[2]].id if hit else None


def _evidence(model: DecisionModel, factor: Factor, text: str,
              toks: tuple[str, ...]) -> dict[str, float]:
    ev = model.reading.evidence
    order = {o.id: i for i, o in enumerate(factor.options)}
    found_all = emphasise([h for o in factor.options
                           for h in cue_hits(o, toks, model.reading.negators, ev)]
                          + _denials(factor, toks, model.reading.negators, ev), toks, ev)
    hits = claim(found_all, order)
    scores: dict[str, float] = {}
    for option in factor.options:
        score = total([h for h in hits if h.option == option.id], ev)
        if score:
            scores[option.id] = score
    _combine(factor, scores, {o.id: total([h for h in found_all if h.option == o.id], ev)
                              for o in factor.options}, ev)
    _escalate(factor, scores, ev)
    said_more = bool(scores)
    for option_id, points in _number_evidence(factor, text, toks, ev).items():
        # "one office" is one piece of evidence, whether read as words or as a number
        cue = scores.get(option_id, 0.0)
        scores[option_id] = max(cue, points) + (ev.extra_cue if cue else 0.0)
    yn = _yes_no_option(factor, text, ev)
    if yn is not None:
        scores[yn] = scores.get(yn, 0.0) + (ev.yes_no_and_more if said_more else ev.yes_no)
    return scores


def _escalate(factor: Factor, scores: dict[str, float], ev: Evidence) -> None:
    """ "a server, email and a few laptops": on a scale of levels, the highest mentioned
    is the level (the laptops are there too, but the server is what needs looking after)."""
    if factor.escalates and len(scores) > 1:
        top = max(scores, key=lambda o: [x.id for x in factor.options].index(o))
        scores[top] = max(scores.values()) + ev.escalation


def _denials(factor: Factor, toks: tuple[str, ...], negators: frozenset[str],
             ev: Evidence) -> list[Hit]:
    """Where a question is yes/no-ish, denying one side's cue says the other side
    ("no need for anyone on site" is "not in control"; "not expanding" is "stable")."""
    sides = {factor.yes: factor.no, factor.no: factor.yes}
    out = []
    for option in factor.options:
        other = sides.get(option.id)
        if other is not None:
            out += [Hit(other, h.score, h.at)
                    for h in cue_hits(option, toks, negators, ev, denied=True)]
    return out


def _combine(factor: Factor, scores: dict[str, float], unclaimed: dict[str, float],
             ev: Evidence) -> None:
    """An option meaning "both" (a mix) wins when the cues of each part are all found
    (even inside the mix's own cues: "part local, part cloud"); the parts it explains
    then count only half against it."""
    for option in factor.options:
        parts = [unclaimed.get(p, 0.0) for p in option.combines]
        if parts and all(parts):
            scores[option.id] = max(scores.get(option.id, 0.0), sum(parts))
            for p in option.combines:
                if p in scores:
                    scores[p] *= ev.combined_part


def _number_evidence(factor: Factor, text: str, toks: tuple[str, ...],
                     ev: Evidence) -> dict[str, float]:
    if not factor.numeric:
        return {}
    found_ = factor_quantity(factor, text, toks, ev)
    if found_ is None:
        return {}
    value, beside_unit = found_
    ranges = {o.id: o.range for o in factor.options if o.range is not None}
    inside = [o for o, (low, high) in ranges.items() if low <= value <= high]
    if inside:
        return {o: ev.number_unit if beside_unit else ev.number_hit for o in inside}
    nearest = min(ranges, key=lambda o: min(abs(value - ranges[o][0]), abs(value - ranges[o][1])))
    return {nearest: ev.number_near}


def _yes_no_option(factor: Factor, text: str, ev: Evidence) -> str | None:
    """A yes or no counts only as the opening of the answer ("No, we're happy as we are")."""
    if factor.yes is None and factor.no is None:
        return None
    answer = parse_yes_no(_opening(text, ev))
    return {"yes": factor.yes, "no": factor.no}.get(answer or "")


def _opening(text: str, ev: Evidence) -> str:
    first = CLAUSES.split(text.strip(), maxsplit=1)[0]
    return first if len(first.split()) <= ev.opening_words else ""
