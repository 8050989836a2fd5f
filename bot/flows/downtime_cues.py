"""Which figure of an answer the words in it describe.

"2 outages a month, each lasting about 3 hours. The technician bills 2 hours at $80 an
hour" holds two lengths of time: "lasting" says the first is downtime, "the technician
bills" that the second is the technician's. A word describes the figure nearest to it in
its own sentence (a full stop, ";", "!", "?" or a new line ends one), so words of one
clause never leak onto the figure of the next, and word order does not matter:
"3 hours for the tech" and "the tech took 3 hours" say the same.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .._number_tokens import normalise
from ..normalize import fold
from ..numbers import Quantity

_BOUNDARY = re.compile(r"[.;!?\n](?![0-9])")
_NOT_WORD = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True)
class _Placed:
    """A reading's place in the answer, and the sentence it stands in."""

    start: int
    end: int
    sentence: int


def cued_steps(text: str, found: Sequence[Quantity],
               cues: Mapping[str, Sequence[str]]) -> dict[int, set[str]]:
    """For each reading (by id), the steps whose cue words stand nearest to it."""
    typed = normalise(text)
    placed = _place(typed, found)
    breaks = [m.start() for m in _BOUNDARY.finditer(typed)]
    plain = f" {_NOT_WORD.sub(' ', typed)} "
    out: dict[int, set[str]] = {id(q): set() for q in found}
    for step, words in cues.items():
        for word in words:
            for m in re.finditer(re.escape(f" {fold(word)} "), plain):
                at, stop = m.start(), m.end() - 2     # padded by one: the word's own place
                q = _nearest(found, placed, at, stop, _sentence(breaks, at))
                if q is not None:
                    out[id(q)].add(step)
    return out


def _place(typed: str, found: Sequence[Quantity]) -> list[_Placed]:
    """Where each reading's words are in the typed text, searched in order."""
    breaks = [m.start() for m in _BOUNDARY.finditer(typed)]
    out, pos = [], 0
    for q in found:
        start = typed.find(q.said, pos)
        start = pos if start < 0 else start
        end = start + len(q.said)
        out.append(_Placed(start, end, _sentence(breaks, start)))
        pos = end
    return out


def _sentence(breaks: list[int], at: int) -> int:
    return sum(1 for b in breaks if b < at)


def _nearest(found: Sequence[Quantity], placed: list[_Placed], start: int, end: int,
             sentence: int) -> Quantity | None:
    """The reading of the sentence closest to the words at start..end (inside one: 0)."""
    best: tuple[int, int] | None = None
    for i, p in enumerate(placed):
        if p.sentence != sentence:
            continue
        gap = max(p.start - end, start - p.end, 0)
        if best is None or gap < best[0]:
            best = (gap, i)
    return found[best[1]] if best is not None else None
