"""Finding an option's cue phrases in an answer, strictly or loosely.

Strict: all of a cue's words, in order, within a few words of each other, and not
negated ("not important" is not "important", "no need for anyone on site" is not "on
site"). A negator reaches a few words forward within its clause, up to a contrast word
("not X but Y"); a "no" opening a statement ("no, we ...", "no we ...") answers the
question and negates nothing. Longer cues are more specific and count more, and a
longer cue claims its words: a shorter cue of another option inside it does not count
("on top of a monthly fee" is not "monthly"). Loose (used only when no cue is found
whole): single telling words the answer shares with an option's cues.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, product

from ..english import ANSWER_NOS, CONTRAST, EMPHASIS, SUBJECTS
from .model import Factor, Option
from .schema import Evidence
from .text import BOUNDARY, likeness

MAX_COMBOS = 256          # placements of a cue's words tried: bounds the work per cue


@dataclass(frozen=True)
class Hit:
    """One cue found: the option it belongs to, how much it counts and where it sits."""
    option: str
    score: float
    at: frozenset[int]


def cue_hits(option: Option, toks: tuple[str, ...], negators: frozenset[str], ev: Evidence,
             *, denied: bool = False) -> list[Hit]:
    """Every cue of `option` found in toks, scaled by its length and match quality; with
    `denied`, the cues found only in the reach of a negator instead ("no need for X")."""
    out = []
    for cue in option.cues:
        if denied and not negators.isdisjoint(cue):
            continue
        quality, at = locate(cue, toks, negators, ev)
        if denied:
            if quality:
                continue
            quality, at = locate(cue, toks, frozenset(), ev)
        if quality:
            out.append(Hit(option.id, quality * (ev.cue_base + ev.cue_per_word * (len(cue) - 1)), at))
    return out


def total(hits: list[Hit], ev: Evidence) -> float:
    """The best cue, plus a little for overlapping variants of it and half the weight of
    each further cue found elsewhere in the answer (independent evidence, up to two)."""
    ranked = sorted(hits, key=lambda h: (-h.score, sorted(h.at)))
    if not ranked:
        return 0.0
    score, used, apart = ranked[0].score, set(ranked[0].at), 0
    for hit in ranked[1:]:
        if hit.at & used or apart >= ev.max_apart:
            score += ev.extra_cue if hit.at - used else 0.0
        else:
            score += ev.apart_share * hit.score
            apart += 1
        used |= hit.at
    return score


def emphasise(hits: list[Hit], toks: tuple[str, ...], ev: Evidence) -> list[Hit]:
    """ "nice to have X, but mostly Y": what follows a contrast counts a little more."""
    starts = [i for i, t in enumerate(toks) if t in EMPHASIS]
    if not starts:
        return hits
    out = []
    for h in hits:
        lead = min(h.at)
        after = any(s < lead and BOUNDARY not in toks[s:lead] for s in starts)
        out.append(Hit(h.option, h.score * ev.emphasis_gain, h.at) if after else h)
    return out


def claim(hits: list[Hit], order: dict[str, int]) -> list[Hit]:
    """Longest cues first claim their words; a cue of another option overlapping them drops."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.score, order[h.option], sorted(h.at))):
        if all(k.option == hit.option or not (k.at & hit.at) for k in kept):
            kept.append(hit)
    return kept


def found(cue: tuple[str, ...], toks: tuple[str, ...], negators: frozenset[str], ev: Evidence) -> float:
    """How well the cue appears in toks (0 when it does not)."""
    return locate(cue, toks, negators, ev)[0]


def locate(cue: tuple[str, ...], toks: tuple[str, ...], negators: frozenset[str],
           ev: Evidence) -> tuple[float, frozenset[int]]:
    """The best match quality of the cue in toks (a spread-out match counts a little less)
    and the positions of its words."""
    places = []
    for w in cue:              # most cues miss at their first word: stop there
        found_at = _positions(w, toks, ev.typo)
        if not found_at:
            return 0.0, frozenset()
        places.append(found_at)
    negated_cue = any(w in negators for w in cue)
    best, where = 0.0, frozenset[int]()
    for n, combo in enumerate(product(*places)):
        if n >= MAX_COMBOS:
            break
        at = [i for i, _ in combo]
        if any(b <= a for a, b in pairwise(at)) or at[-1] - at[0] >= len(cue) + ev.slack:
            continue
        quality = min(q for _, q in combo) * (1 - ev.gap * (at[-1] - at[0] + 1 - len(cue)))
        inside = {toks[i] for i in range(at[0], at[-1]) if i not in at}
        if quality > best and (negated_cue or not (negated(toks, at[0], negators, ev)
                                                   or inside & negators)):
            best, where = quality, frozenset(at)
    return best, where


@lru_cache(maxsize=32768)
def _positions(word: str, toks: tuple[str, ...], typo: float) -> tuple[tuple[int, float], ...]:
    """Where a cue word stands in an answer, and how well it matches there. Memoised: one
    answer is read against every cue of every factor, and cues share their words."""
    return tuple((i, q) for i, t in enumerate(toks) if (q := likeness(word, t, typo)))


def negated(toks: tuple[str, ...], start: int, negators: frozenset[str], ev: Evidence) -> bool:
    """Is the word at `start` in the reach of a negator before it in the same clause?"""
    for i in range(start - 1, max(start - 1 - ev.negation_reach, -1), -1):
        if toks[i] == BOUNDARY or toks[i] in CONTRAST:
            return False
        if toks[i] in negators:
            return not _answer_particle(toks, i)
    return False


def _answer_particle(toks: tuple[str, ...], i: int) -> bool:
    """ "no we just ..." : a no opening the answer, followed by its subject."""
    opening = i == 0 or toks[i - 1] == BOUNDARY
    return opening and toks[i] in ANSWER_NOS and i + 1 < len(toks) \
        and toks[i + 1] in SUBJECTS


def loose(factor: Factor, toks: tuple[str, ...], plain: frozenset[str], ev: Evidence) -> dict[str, float]:
    """Telling words shared with an option's cues; a word several options share is split."""
    scores: dict[str, float] = {}
    for word in {t for t in toks if t != BOUNDARY and t not in plain and not t.isdigit()}:
        owners = [o.id for o in factor.options if any(likeness(word, v, ev.typo) for v in o.vocab)]
        for option_id in owners:
            scores[option_id] = scores.get(option_id, 0.0) + ev.loose_word / len(owners)
    return {o: min(v, ev.loose_cap) for o, v in scores.items() if v >= ev.loose_word}
