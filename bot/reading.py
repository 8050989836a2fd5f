"""A reading of the whole message: what it states, where it asks, whether it is about IT.

The matcher finds the closest example question; that suffices for "break-fix pros?"
but not for a Slack post that describes a company for five sentences and asks in the
sixth. The reader splits such a message into clauses, keeps the facts it states (the
guided advisor's factors, read strictly: see `facts.py`), singles out the clause that
asks, and checks the sense of the whole: a message that shares our words (support,
contract, tiers, downtime) but mentions nothing of IT is about another trade.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .english import PEOPLE_PATTERN, SPELT
from .facts import Fact, FactReader, FactRules
from .knowledge import Knowledge
from .matcher import FALLBACK
from .normalize import fold
from .reading_schema import ReadingFile

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSES = re.compile(r"\s*(?:[,;:]|\s-\s)\s*")
_UPPER_IT = re.compile(r"\bIT\b")
_WORD = re.compile(r"[a-z][a-z0-9]+")


@dataclass(frozen=True)
class Markers:
    """Words that make a message correct what was said, or suppose something else."""

    correction: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None

    def corrects(self, text: str) -> bool:
        return _has(self.correction, fold(text))

    def supposes(self, text: str) -> bool:
        return _has(self.hypothetical, fold(text))


@dataclass(frozen=True)
class Reading:
    text: str
    sentences: tuple[str, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    question: str | None = None      # the sentence that asks, in a message longer than one
    anchored: bool = False           # mentions something of IT
    foreign: tuple[str, ...] = ()    # content words the advisor's vocabulary has never used
    correction: bool = False         # "actually, we do have ...", read when there are facts
    private: bool = False            # about one person's own life, not an organisation's
    we: bool = False                 # speaks for an organisation in the first person ("we", "our")
    long: bool = False


def build_reader(kb: Knowledge) -> Reader:
    return Reader(kb.reading, fact_reader(kb), _vocabulary(kb))


def fact_reader(kb: Knowledge) -> FactReader:
    spec = kb.reading
    names = [p for key, phrases in kb.synonyms.concepts.items()
             if key.startswith("model.") and not key.endswith("?") for p in phrases]
    rules = FactRules(
        about={k: frozenset(fold(w) for w in v) for k, v in spec.facts.about.items()},
        counted=frozenset(spec.facts.counted),
        team_count=_team_count(spec.facts.team_words),
        company_count=COMPANY_COUNT,
        model_names=_raw_phrases(names),
        spellings={fold(k): v for k, v in spec.chat_spellings.items()},
        min_confidence=spec.facts.min_confidence,
        max_sentences=spec.facts.max_sentences,
        speaker=frozenset(fold(w) for w in spec.facts.speaker),
        openers=frozenset(fold(w) for w in spec.question_openers),
    )
    return FactReader(kb.decision, rules)


def markers(kb: Knowledge) -> Markers:
    return Markers(_phrases(kb.reading.corrections), _phrases(kb.reading.hypotheticals))


def _vocabulary(kb: Knowledge) -> frozenset[str]:
    """Every word the content uses anywhere: a word outside it is foreign to the advisor.
    The fallback's examples are other trades' questions, so their words stay foreign."""
    syn = kb.synonyms
    texts = [t for n in kb.nodes.values() if n.id != FALLBACK for t in (n.title, n.answer, *n.all_examples)]
    texts += [p for phrases in syn.concepts.values() for p in phrases]
    texts += [*syn.replace, *syn.replace.values(), *syn.domain_terms]
    texts += [*kb.reading.anchors.words, *kb.reading.anchors.phrases, *kb.reading.question_openers]
    texts += [*kb.reading.chat_spellings]
    texts += [w for words in kb.reading.facts.about.values() for w in words]
    texts += [" ".join(c) for f in kb.decision.factors.values() for o in f.options for c in o.cues]
    return frozenset(w for t in texts for w in fold(t).split())


class Reader:
    def __init__(self, spec: ReadingFile, facts: FactReader, vocabulary: frozenset[str]):
        self._spec = spec
        self._facts = facts
        self._weak = frozenset(fold(w) for w in spec.anchors.weak)
        self._anchor_words = frozenset(fold(w) for w in spec.anchors.words) - self._weak
        self._anchor_phrases = _phrases(spec.anchors.phrases)
        self._openers = frozenset(fold(w) for w in spec.question_openers)
        self._private_words = frozenset(fold(w) for w in spec.private.words)
        self._organisation = frozenset(fold(w) for w in spec.private.organisation)
        self._organisation_facts = frozenset(spec.private.organisation_facts)
        self._we = self._organisation & frozenset(fold(w) for w in spec.facts.speaker)
        self._corrections = _phrases(spec.corrections)
        self._vocabulary = vocabulary

    def read(self, text: str, *, spelt: frozenset[str] | None = None) -> Reading:
        """`spelt`: the message's words after typo correction, when the caller has them."""
        folded = fold(text)
        words = folded.split()
        sentences = tuple(s.strip() for s in _SENTENCES.split(text.strip()) if s.strip())
        long = len(words) > self._spec.long_message or (len(sentences) > 1 and len(words) > 6)
        anchored = self._anchored(text, folded, words)
        found = self._facts.read(text)
        question = self._question(text) if long else None
        if not long and found:
            question = self._asking_clauses(text)
            long = question is not None
        return Reading(
            text=text,
            sentences=(sentences or (text,)) if long else (),
            facts=found,
            question=question,
            anchored=anchored,
            # only what routing will look at: foreign words matter when nothing names IT,
            # a correction only when there are facts to correct
            foreign=() if anchored else self._foreign(text, spelt),
            correction=bool(found) and _has(self._corrections, folded),
            private=self._private(words, found),
            we=not self._we.isdisjoint(words),
            long=long,
        )

    def _foreign(self, text: str, spelt: frozenset[str] | None) -> tuple[str, ...]:
        """Words the advisor's content never uses (codes such as "l2" or "m365" aside). A
        one-word opening clause ("alright, ...", "cool. ...") is an interjection, not a topic."""
        said = " ".join(sorted(spelt)) if spelt is not None else fold(text)
        aside = _interjection(text)
        return tuple(w for w in _WORD.findall(said)
                     if w not in self._vocabulary and w.isalpha() and w != aside)

    def _private(self, words: list[str], facts: dict[str, Fact]) -> bool:
        """A word of private life ("home", "career"), none that speaks for a business and no
        fact about one ("just me" is a business of one; "my laptop" says nothing either way)."""
        return (not self._private_words.isdisjoint(words) and self._organisation.isdisjoint(words)
                and self._organisation_facts.isdisjoint(facts))

    def _opens_question(self, sentence: str) -> bool:
        first = fold(sentence).split()[:1]
        return bool(first) and first[0] in self._openers

    def _anchored(self, raw: str, folded: str, words: list[str]) -> bool:
        """An unambiguous IT word or phrase, "IT" in capitals, or two ambiguous IT words."""
        return (bool(_UPPER_IT.search(raw)) or not self._anchor_words.isdisjoint(words)
                or _has(self._anchor_phrases, folded) or len(self._weak.intersection(words)) >= 2)

    def _asking_clauses(self, text: str) -> str | None:
        """In one short sentence that states facts and then asks ("12 people, no IT staff,
        which model fits?"), the clauses from the first that asks: the stated ones are facts,
        not the question ("IT staff" there names no model the user asks about)."""
        clauses = [c for c in _CLAUSES.split(text.strip()) if c.strip()]
        first = next((i for i, c in enumerate(clauses) if i > 0 and self._opens_question(c)), None)
        return " ".join(clauses[first:]) if first is not None else None

    def _question(self, text: str) -> str | None:
        """The sentences that ask (ending with "?" or opening with a question word), together:
        "What do you get with a help desk? What should a decent one include?" is one question."""
        sentences = [s.strip() for s in _SENTENCES.split(text.strip()) if s.strip()]
        asking = [s for s in sentences if s.endswith("?") or self._opens_question(s)]
        if asking:
            return " ".join(asking)
        return sentences[-1] if len(sentences) > 1 else None


def _interjection(text: str) -> str | None:
    """The word of a one-word opening clause followed by more ("alright, which ...")."""
    opening, *later = _SENTENCES.split(text.strip(), maxsplit=1)
    first, *more = _CLAUSES.split(opening, maxsplit=1)
    words = fold(first).split()
    return words[0] if len(words) == 1 and (more or later) else None


def _phrases(phrases: list[str]) -> re.Pattern[str] | None:
    folded = sorted({fold(p) for p in phrases if fold(p)}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in folded) + r")(?!\w)")


def _raw_phrases(phrases: list[str]) -> str | None:
    """A pattern for phrases in raw text, any punctuation between words ("cloud-based
    support", "co managed IT"). A source, not compiled: see FactRules."""
    words = sorted({tuple(fold(p).split()) for p in phrases if fold(p)}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(r"[\W_]+".join(re.escape(w) for w in ws) for ws in words)
    return rf"(?<!\w)(?:{body})(?!\w)"


_COUNT = rf"(?:\d[\d,]*|zero|{'|'.join(SPELT)}|a couple of|a few)"


def _team_count(team_words: list[str]) -> str | None:
    """ "3 IT people", "our IT team of two", "IT is three people": a count of the IT team."""
    if not team_words:
        return None
    it = "|".join(re.escape(w) for w in team_words)
    return (rf"\b{_COUNT}(?:[\s-]+[\w-]+){{0,2}}?\s+(?:{it})\s+(?:{PEOPLE_PATTERN}|team|department|crew)\b"
            rf"|\b(?:{it})\s+(?:team|department|staff|crew|people)?\s*(?:of|is|are|=)\s+"
            rf"(?:just\s+|only\s+)?{_COUNT}(?:\s+{PEOPLE_PATTERN})?\b")


COMPANY_COUNT = rf"\b{_COUNT}[\s-]+{PEOPLE_PATTERN}\b"


def _has(pattern: re.Pattern[str] | None, folded: str) -> bool:
    return pattern is not None and pattern.search(folded) is not None
