"""Turning chat into the tokens the number grammar walks: numbers, words and symbols.

One regex does the splitting so its alternatives can rank junk (dates, times, versions)
ahead of numbers; everything after it works on tokens and never re-reads the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from .english import ATTACHED, TENS, UNITS, Phrases

MAX_CHARS = 2000
_T = TypeVar("_T")

_REWRITES = (
    (re.compile(r"\+/-|±"), " give or take "), (re.compile(r"<=|≤"), " at most "),
    (re.compile(r">=|≥"), " at least "), (re.compile(r"<"), " under "),
    (re.compile(r">"), " over "), (re.compile(r"\bp\.a\.?"), " pa "),
    (re.compile(r"\bp/h\b"), " per hour "), (re.compile(r"\bp/m\b"), " per month "),
    (re.compile(r"\bapprox\."), " approx "), (re.compile(r"\b([ap])\.m\.?"), r"\1m"),
    (re.compile(r"\b(" + "|".join(TENS) + r")-(" + "|".join(UNITS) + r")\b"), r"\1 \2"),
    (re.compile(r"\bfortnightly\b|\b(?:per|each|every) fortnight\b"), "every 2 weeks"),
    (re.compile(r"\b(once|twice|times) a fortnight\b"), r"\1 every 2 weeks"),
)
_TRANSLATE = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-", "‐": "-", "’": "'",
                            "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "≈": "~"})
# Junk first: long digit runs, dates, times, 24/7, versions, lists, ordinals and "office365"
# are not quantities. Thousands may be grouped by commas, spaces ("1 500") or, European
# style, dots ("1.500,50"); a comma before one or two digits is a decimal comma ("2,5").
_TOKEN = re.compile(
    r"(?P<junk>[0-9]{16,}|[0-9]+(?:[/:][0-9]+)+|24-7(?![0-9])|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|(?![1-9][0-9]{0,2}(?:\.[0-9]{3}){2,5}(?![0-9.]))[0-9]+(?:\.[0-9]+){2,}"
    r"|[0-9]+(?:,[0-9]{1,2}(?![0-9])){2,}|[0-9]+x[0-9]+"
    r"|[0-9]+(?:st|nd|rd|th|am|pm)(?![a-z])|[a-z]+[0-9][a-z0-9]*)"
    r"|(?P<num>(?P<eu>[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,5}(?![0-9])(?:,[0-9]{1,2}(?![0-9]))?)"
    r"|(?P<us>[0-9]{1,3}(?:,[0-9]{3}){1,5}(?![0-9])(?:\.[0-9]+)?)"
    r"|[0-9]{1,3}(?: [0-9]{3}){1,5}(?![0-9]| [0-9]|,[0-9]{3})(?:[.,][0-9]{1,2}(?![0-9]))?"
    r"|[0-9]{1,15}(?:\.[0-9]+|,[0-9]{1,2}(?![0-9,]))?|\.[0-9]+)"
    r"(?:(?P<mult>k|mm|mn|bn|m)(?![a-z]))?"
    r"|(?P<word>[a-z]+(?:'[a-z]+)?)|(?P<sym>[$€£¥₹~+/%-])|(?P<brk>[^\s\w])"
)


@dataclass(frozen=True)
class Tok:
    """One token; a number carries its value, and the scale of a "k" or "m" stuck to it.
    start and end place it in the rewritten text, so a reading can quote what was typed."""

    kind: str
    text: str
    value: float = 0.0
    scale: float = 1.0
    start: int = 0
    end: int = 0


Tokens = list[Tok]


def normalise(text: str) -> str:
    """Cut to MAX_CHARS, lower-cased, with typographic dashes and quotes made plain."""
    return text[:MAX_CHARS].lower().translate(_TRANSLATE)


def rewrite(text: str) -> str:
    """The normalised text with symbols like "±" and "p/h" rewritten as words."""
    return rewritten(text).text


@dataclass(frozen=True)
class Rewritten:
    """Rewritten text that still knows the words typed: each of its characters keeps the
    span of the normalised text it came from, so a reading quotes "once a fortnight" as
    typed, never its rewriting "once every 2 weeks"."""

    text: str
    typed: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def quote(self, start: int, stop: int) -> str:
        """The typed words behind text[start:stop]."""
        if stop <= start:
            return ""
        return self.typed[self.starts[start]:self.ends[stop - 1]]

    def between(self, stop: int, start: int) -> str:
        """The typed words from the end of text[:stop] to the start of text[start:]."""
        begin = self.ends[stop - 1] if stop else 0
        end = self.starts[start] if start < len(self.starts) else len(self.typed)
        return self.typed[begin:end] if end > begin else ""


def rewritten(text: str) -> Rewritten:
    """Apply the rewrites, tracking where each character came from."""
    typed = normalise(text)
    norm, starts, ends = typed, list(range(len(typed))), list(range(1, len(typed) + 1))
    for pattern, repl in _REWRITES:
        out, s2, e2, last = [], [], [], 0
        for m in pattern.finditer(norm):
            a, b = m.span()
            out.append(norm[last:a])
            s2 += starts[last:a]
            e2 += ends[last:a]
            new = m.expand(repl)
            origin = (starts[a], ends[b - 1]) if b > a else (starts[a], starts[a])
            out.append(new)
            s2 += [origin[0]] * len(new)
            e2 += [origin[1]] * len(new)
            last = b
        out.append(norm[last:])
        norm, starts, ends = "".join(out), s2 + starts[last:], e2 + ends[last:]
    return Rewritten(norm, typed, tuple(starts), tuple(ends))


def tokens_of(rewritten: str) -> Tokens:
    """The tokens of text already rewritten, placed in it."""
    return [_token(m) for m in _TOKEN.finditer(rewritten)]


def _token(match: re.Match[str]) -> Tok:
    """A number token reads "1.500,50" and "1,500.50" alike, "5k" as 5000 at scale 1000."""
    if match.group("num") is None:
        return Tok(match.lastgroup or "junk", match.group(), start=match.start(), end=match.end())
    digits = match.group("num")
    if match.group("eu") or match.group("us"):
        digits = digits.replace("." if match.group("eu") else ",", "")
    digits = digits.replace(" ", "").replace(",", ".")
    scale = ATTACHED.get(match.group("mult") or "", 1.0)
    return Tok("num", match.group(), round(float(digits) * scale, 6), scale, match.start(),
               match.end())


def text_at(tokens: Tokens, k: int) -> str:
    """The text of token k, or "" past either end so lookahead needs no bounds checks."""
    return tokens[k].text if 0 <= k < len(tokens) else ""


def is_kind(tokens: Tokens, k: int, kind: str) -> bool:
    """Whether token k exists and is of the kind: "num", "word", "sym"..."""
    return k < len(tokens) and tokens[k].kind == kind


def match(tokens: Tokens, k: int, table: Phrases[_T]) -> tuple[_T, int] | None:
    """The longest phrase of the table starting at k, so "no more than" beats "more than"."""
    for size in (5, 4, 3, 2, 1):
        key = tuple(text_at(tokens, i) for i in range(k, k + size))
        if key in table:
            return table[key], k + size
    return None
