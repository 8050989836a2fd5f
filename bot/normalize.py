"""Text normalisation shared by the matcher, the validator and the advisor flow.

Both the user's text and every example question go through the same steps, so a
synonym only has to be listed once (knowledge/synonyms.yaml): "MSP", "managed
service provider" and "outsourced IT" all become the concept token
`model.managed`, and matching happens between concept-level sentences.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .english import CONTRACTION_ENDINGS, MENTION_FILLERS
from .lexicon import is_common_word
from .schema import Spelling

MAX_CHARS = 2000
_PUNCT = re.compile(r"[^\w\s.]+|(?<!\w)\.|\.(?!\w)")
_SPACES = re.compile(r"\s+")
_JOINERS = re.compile(r"[-/_+&]")
_CONTRACTION = re.compile(rf"(?<=\w)'({'|'.join(CONTRACTION_ENDINGS)})\b")
_NEGATION = re.compile(r"\b(?:(ca)|(wo)|(\w+?))n't\b")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, expand contractions, collapse spaces."""
    return _fold(text[:MAX_CHARS])


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    """Memoised: every example is folded for the vocabulary and again for matching."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = _NEGATION.sub(_negation, text.replace("\u2019", "'"))
    text = _CONTRACTION.sub(lambda m: CONTRACTION_ENDINGS[m.group(1)], text)
    text = text.replace("'", "")
    text = _JOINERS.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _negation(m: re.Match[str]) -> str:
    """can't -> can not, won't -> will not, don't -> do not."""
    return "can not" if m.group(1) else "will not" if m.group(2) else f"{m.group(3)} not"


class PhraseTable:
    """Whole-word phrases found in a list of words, the longest first. A dictionary from
    each phrase's first word: it builds in microseconds, where a regex alternation of a
    thousand phrases takes tens of milliseconds to compile at every start."""

    def __init__(self, phrases: Iterable[str]):
        table: dict[str, list[tuple[str, ...]]] = {}
        for phrase in set(phrases):
            words = tuple(phrase.split())
            if words:
                table.setdefault(words[0], []).append(words)
        self._table = {k: sorted(v, key=lambda w: (-len(" ".join(w)), w)) for k, v in table.items()}

    def found(self, tokens: Sequence[str]) -> bool:
        """Does any phrase occur, whole, in `tokens`?"""
        return any(tuple(tokens[i:i + len(w)]) == w
                   for i, t in enumerate(tokens) for w in self._table.get(t, ()))

    def sub(self, tokens: list[str], replace: Callable[[str, list[str], int, int], list[str]]) -> list[str]:
        """Each phrase found, left to right and without overlaps, replaced by
        `replace(phrase, tokens, start, end)`."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            hit = next((w for w in self._table.get(tokens[i], ()) if tuple(tokens[i:i + len(w)]) == w), None)
            if hit is None:
                out.append(tokens[i])
                i += 1
                continue
            out.extend(replace(" ".join(hit), tokens, i, i + len(hit)))
            i += len(hit)
        return out


@dataclass(frozen=True)
class Normalised:
    text: str                    # concept-level sentence used for fuzzy matching
    tokens: tuple[str, ...]
    concepts: frozenset[str]     # strong concept tokens found (e.g. model.cloud, aspect.cost)
    weak: frozenset[str]         # weak mentions (e.g. bare "cloud"), trusted only in context
    words: frozenset[str] = frozenset()   # the words before concepts replaced any


class Normaliser:
    """Compiled synonym tables; build once per knowledge load."""

    def __init__(self, replace: dict[str, str], concepts: dict[str, list[str]],
                 vocabulary: Iterable[str] = (), spelling: Spelling | None = None):
        """`vocabulary`: texts whose words count as correctly spelt; a longer unknown
        word close to one of them ("managd", "hybird") is read as that word, unless it is
        a common English word itself ("futures" is not "features"). `spelling`
        (matching.yaml) says how close and how long; it is needed with a vocabulary."""
        self._vocab = frozenset(w for t in vocabulary for w in fold(t).split())
        if self._vocab and spelling is None:
            raise ValueError("a vocabulary to respell against needs the spelling settings")
        self._spelling = spelling
        self._by_initial: dict[str, list[str]] = {}
        for w in sorted(self._vocab):
            self._by_initial.setdefault(w[0], []).append(w)
        self._respell = lru_cache(maxsize=8192)(self._closest)
        self._replace = {fold(k): fold(v) for k, v in replace.items()}
        self._replace_table = PhraseTable(self._replace)
        self._strong: dict[str, str] = {}
        self._weak: dict[str, str] = {}
        for key, phrases in concepts.items():
            table = self._weak if key.endswith("?") else self._strong
            for phrase in phrases:
                table[fold(phrase)] = key.rstrip("?")
        self._strong_table = PhraseTable(self._strong)
        self._weak_table = PhraseTable(self._weak)
        self._last: tuple[str, Normalised] | None = None

    def __getstate__(self) -> dict[str, object]:
        """Picklable for the compiled-content cache: the memos are rebuilt, not stored."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_respell", "_last")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._respell = lru_cache(maxsize=8192)(self._closest)
        self._last = None

    def __call__(self, text: str) -> Normalised:
        """The concept-level reading of `text`. The last one is kept: a turn asks for the
        same message's reading more than once (is it a follow-up? then the match)."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        norm = self._read(text)
        self._last = (text, norm)
        return norm

    def _read(self, text: str) -> Normalised:
        toks = self._replace_table.sub(self._spell(fold(text)).split(), lambda p, *_: self._replace[p].split())
        words = frozenset(toks)
        found: set[str] = set()
        toks = self._strong_table.sub(toks, lambda p, *_: [_mark(found, self._strong[p])])
        weak: set[str] = set()
        toks = self._weak_table.sub(toks, lambda p, t, i, j: self._weak_mention(p, t, i, j, found, weak))
        tokens = tuple(toks)
        return Normalised(" ".join(tokens), tokens, frozenset(found), frozenset(weak), words)


    def _spell(self, folded: str) -> str:
        if not self._vocab or self._spelling is None:
            return folded
        words, budget = folded.split(), self._spelling.max_respells
        for i, w in enumerate(words):
            if len(w) >= self._spelling.min_length and w not in self._vocab and w.isalpha() and budget:
                words[i], budget = self._respell(w), budget - 1
        return " ".join(words)

    def _closest(self, word: str) -> str:
        """The nearest known word starting with the same letter: people rarely slip there.
        A common English word is only read as another form of itself ("reason", "reasons")."""
        assert self._spelling is not None
        cutoff, common = self._spelling.cutoff, self._spelling.common
        same_start = [w for w in self._by_initial.get(word[0], ()) if abs(len(w) - len(word)) <= 1]
        found = process.extractOne(word, same_start, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found is None or not is_common_word(word, common):
            return found[0] if found else word
        forms = [w for w in same_start if w.startswith(word) or word.startswith(w)]
        found = process.extractOne(word, forms, scorer=fuzz.ratio, score_cutoff=cutoff)
        return found[0] if found else word


    def _weak_mention(self, phrase: str, toks: list[str], start: int, end: int,
                      found: set[str], weak: set[str]) -> list[str]:
        """A weak mention set against another option ("co-managed vs managed", "our
        internal team, or an outside provider") names that model outright."""
        concept = self._weak[phrase]
        before = [w for w in toks[max(0, start - 4):start] if w not in MENTION_FILLERS][-1:]
        after = toks[end:end + 1]
        if before in (["vs"], ["or"]) or after in (["vs"], ["or"]):
            return [_mark(found, concept)]
        weak.add(concept)
        return phrase.split()


def _mark(found: set[str], concept: str) -> str:
    found.add(concept)
    return concept
