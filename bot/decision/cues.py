"""Finding an option's cue phrases in an answer, strictly or loosely.

Strict: all of a cue's words, in order, within a few words of each other, and not
just after a negator ("not important" is not "important"). Longer cues are more
specific and count more. Loose (used only when no cue is found whole): single
telling words the answer shares with an option's cues.
"""
from __future__ import annotations

from itertools import pairwise, product

from .model import Factor, Option
from .text import BOUNDARY, likeness

CUE_BASE = 1.0            # a one-word cue found in the answer
CUE_PER_WORD = 0.25       # each further word of a longer, more specific cue
EXTRA_CUE = 0.15          # each further cue of the same option found (up to three)
SLACK = 2                 # words a cue's words may be spread over beyond its length
NEGATION_REACH = 3        # words before a cue in which a negator cancels it
LOOSE_WORD = 0.3          # one telling word shared with an option's cues
LOOSE_CAP = 0.9           # loose evidence never outweighs one whole cue
MAX_COMBOS = 256


def cue_score(option: Option, toks: tuple[str, ...], negators: frozenset[str]) -> float:
    """The best cue found (scaled by its length and match quality), plus a little per extra cue."""
    hits = sorted((q * (CUE_BASE + CUE_PER_WORD * (len(c) - 1)) for c in option.cues
                   if (q := found(c, toks, negators))), reverse=True)
    if not hits:
        return 0.0
    return hits[0] + EXTRA_CUE * min(len(hits) - 1, 3)


def found(cue: tuple[str, ...], toks: tuple[str, ...], negators: frozenset[str]) -> float:
    """How well the cue appears in toks (0 when it does not)."""
    places = [[(i, q) for i, t in enumerate(toks) if (q := likeness(w, t))] for w in cue]
    if not all(places):
        return 0.0
    negated_cue = any(w in negators for w in cue)
    best = 0.0
    for n, combo in enumerate(product(*places)):
        if n >= MAX_COMBOS:
            break
        at = [i for i, _ in combo]
        if any(b <= a for a, b in pairwise(at)) or at[-1] - at[0] >= len(cue) + SLACK:
            continue
        if negated_cue or not _negated(toks, at[0], negators):
            best = max(best, min(q for _, q in combo))
    return best


def _negated(toks: tuple[str, ...], start: int, negators: frozenset[str]) -> bool:
    for i in range(start - 1, max(start - 1 - NEGATION_REACH, -1), -1):
        if toks[i] == BOUNDARY:
            return False
        if toks[i] in negators:
            return True
    return False


def loose(factor: Factor, toks: tuple[str, ...], plain: frozenset[str]) -> dict[str, float]:
    """Telling words shared with an option's cues; a word several options share is split."""
    scores: dict[str, float] = {}
    for word in {t for t in toks if t != BOUNDARY and t not in plain and not t.isdigit()}:
        owners = [o.id for o in factor.options if any(likeness(word, v) for v in o.vocab)]
        for option_id in owners:
            scores[option_id] = scores.get(option_id, 0.0) + LOOSE_WORD / len(owners)
    return {o: min(v, LOOSE_CAP) for o, v in scores.items() if v >= LOOSE_WORD}
