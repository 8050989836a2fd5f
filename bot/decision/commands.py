"""Reading the typed words that steer the guided advisor rather than answer it.

A change request ("change the staff answer", "edit my reply about money"), a topic named
in part or in other words ("main problem", "the money one"), an ordinal picking a menu's
button ("the first one"), a "yes, keep that" after a what-if, and a typed "why not X?".
All words come from dialogs/advisor.yaml (`commands`) and the content; this module only
decides what a message says, so the flow can act on it the same way as on a click.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..normalize import fold
from .schema import Commands
from .text import alike, stem


@dataclass(frozen=True)
class Topics:
    """What names each factor: its topic label and the words for its subject."""

    labels: Mapping[str, str]                  # factor -> topic label
    subjects: Mapping[str, frozenset[str]]     # factor -> folded subject words
    commands: Commands                         # what a word of each kind counts (topic_word ...)

    def named(self, words: Sequence[str], within: Sequence[str] | None = None) -> str | None:
        """The one factor the words name best (label words count more), or None when
        nothing is named or two factors are named equally."""
        wanted = [w for w in words if len(w) >= 3]
        scores = {f: self._score(f, wanted) for f in (within if within is not None else self.labels)}
        ranked = sorted(((s, f) for f, s in scores.items() if s > 0), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ranked[0][1]

    def _score(self, factor: str, words: Sequence[str]) -> float:
        label = [stem(w) for w in fold(self.labels[factor]).split()]
        subject = [stem(w) for w in self.subjects.get(factor, frozenset())]
        score = 0.0
        for w in (stem(x) for x in words):
            if any(alike(w, x) for x in label):
                score += self.commands.topic_word
            elif any(alike(w, x) for x in subject):
                score += self.commands.subject_word
        return score


def change_request(commands: Commands, folded: str) -> list[str] | None:
    """None when the message is not a change request; else the words left to name a topic
    (empty: change, but which answer is not said). A listed phrase ("let me change") or a
    change verb followed by an answer noun ("change the staff answer") makes one."""
    phrase = next((c for c in sorted(map(fold, commands.change), key=len, reverse=True)
                   if f" {c} " in f" {folded} "), None)
    toks = folded.split()
    if phrase is not None:
        rest = f" {folded} ".replace(f" {phrase} ", " ").split()
        return _topic_words(commands, rest)
    verbs = {fold(v) for v in commands.change_verbs}
    nouns = {fold(n) for n in commands.change_nouns}
    at = next((i for i, t in enumerate(toks) if t in verbs), None)
    if at is None or not any(t in nouns for t in toks[at + 1:]):
        return None
    rest = [t for i, t in enumerate(toks) if i != at and t not in nouns]
    return _topic_words(commands, rest)


def _topic_words(commands: Commands, toks: Sequence[str]) -> list[str]:
    filler = {fold(w) for w in commands.menu_filler}
    return [t for t in toks if t not in filler]


def topic_rest(commands: Commands, folded: str) -> list[str]:
    """The words of a menu reply that could name a topic."""
    return _topic_words(commands, folded.split())


def ordinal(commands: Commands, folded: str, shown: int) -> int | None:
    """The 0-based button an ordinal reply picks ("the second one"), if that is all it says."""
    toks = folded.split()
    picks = [commands.ordinals[t] for t in toks if t in commands.ordinals]
    filler = {fold(w) for w in commands.menu_filler}
    if len(picks) != 1 or any(t not in commands.ordinals and t not in filler for t in toks):
        return None
    index = picks[0] - 1 if picks[0] > 0 else shown + picks[0]
    return index if 0 <= index < shown else None


def keeps(commands: Commands, folded: str) -> bool:
    """ "yes, keep that", "ok keep it": nothing but agreeing to keep."""
    toks = folded.split()
    keep = {fold(w) for w in commands.keep}
    allowed = keep | {fold(w) for w in commands.keep_filler}
    return bool(toks) and any(t in keep for t in toks) and all(t in allowed for t in toks)


def asks_why_not(commands: Commands, folded: str) -> str | None:
    """The words after a "why not" opening ("why not break fix" -> "break fix"), or None."""
    for phrase in sorted(map(fold, commands.why_not), key=len, reverse=True):
        if folded == phrase or folded.startswith(phrase + " "):
            return folded[len(phrase):].strip()
    return None


def model_named(names: Mapping[str, Sequence[str]], rest: str, cutoff: float) -> str | None:
    """The model whose name (or another phrase for it) the words are: an exact phrase inside
    them first, else the closest name when it is close enough."""
    padded = f" {rest} "
    inside = [(len(p), m) for m, phrases in names.items() for p in phrases if p and f" {p} " in padded]
    if inside:
        return max(inside)[1]
    scored = [(fuzz.ratio(rest, p), m) for m, phrases in names.items() for p in phrases]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= cutoff else None
