"""Which words are real English words, from pyspellchecker's frequency list.

Typo correction reads an unknown word as the closest word of our content ("managd" as
"managed"). A real word of another trade must stay what it is: "futures" is not a
misspelt "features", nor "tyres" our "tiers". The list (160k words, 0.1 s to load) is
only opened when a message holds a word close to, but not in, our vocabulary.
"""
from __future__ import annotations

from functools import cache


@cache
def _counts() -> dict[str, int]:
    from spellchecker import SpellChecker
    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def warm() -> None:
    _counts()


def is_common_word(word: str, common: int) -> bool:
    """At least `common` occurrences in the list's corpus (matching.yaml `spelling.common`):
    rarer words ("cheep") may still be slips."""
    return _counts().get(word, 0) >= common
