"""Facts a message volunteers: the guided advisor's readers run over every message.

People describe their business before they ask ("we're 15 people, our only IT person
is leaving, everything is in Microsoft 365 - what should we do?"). Each sentence of
the message is read against each advisor factor whose subject it mentions, with the
same reader that reads answers to the advisor's questions, but strictly, since nobody
asked: only a confident reading counts; the names of support models are not facts
about the business ("is cloud support risky?" says nothing of where systems run); a
question states only counted facts ("... for a 10-person firm?"); and a count of IT
people is the IT team's size, never the company's.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .decision.interpret import interpret
from .decision.model import DecisionModel
from .decision.text import words
from .english import SPELT
from .normalize import PhraseTable, fold

TEAM = "internal_it"
_WORDS = re.compile(r"[A-Za-z0-9]+")
_COMMAS = re.compile(r"[,:]|\s+\+\s+|\bbut\b")
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+|\s+-\s+|\s*\([^)]*\)")
_NUMBER = re.compile(rf"\d|\b(?:{'|'.join((*SPELT, 'hundred', 'thousand', 'dozen', 'couple', 'few', 'handful'))})\b")


@dataclass(frozen=True)
class Fact:
    factor: str
    option: str | None           # None: the user said they don't know
    text: str                    # the words that said it, for "Noted: ..." and the reasons
    confidence: float = 1.0


@dataclass(frozen=True)
class FactRules:
    """What a sentence must hold to be read for a factor (knowledge/reading.yaml)."""

    about: Mapping[str, frozenset[str]]     # factor -> words naming its subject
    counted: frozenset[str]                 # factors that describe the business: a question states these
    # Regular expressions as sources: compiled on first use (re keeps them), since the
    # larger ones take tens of milliseconds to compile and a cached engine would pay that
    # at every start, read facts or not.
    team_count: str | None                  # "3 IT people": a count of the IT team
    company_count: str | None               # "a 70-person firm": a count of the company
    model_names: str | None                 # support models named: not facts
    spellings: Mapping[str, str]            # chat spellings ("ppl") and the words they mean
    min_confidence: float
    max_sentences: int                      # sentences of one message read for facts
    speaker: frozenset[str]                 # words people use about themselves ("we", "our")
    openers: frozenset[str]                 # words that open a question ("what", "which")


class FactReader:
    def __init__(self, model: DecisionModel, rules: FactRules):
        self.model = model
        self.rules = rules
        self._cue_words = {f.id: frozenset(w for o in f.options for c in o.cues for w in c) | frozenset(f.units)
                           for f in model.factors.values()}
        self._cues = {f.id: PhraseTable(" ".join(c) for o in f.options for c in o.cues) for f in model.factors.values()}

    def read(self, text: str, *, skip: frozenset[str] = frozenset(), supposed: bool = False) -> dict[str, Fact]:
        """factor -> Fact for every fact stated outright; the most confident reading wins.
        A message that speaks of no one ("what is break-fix?") and gives no figure states
        no fact, and costs next to nothing to read. `supposed`: read questions as statements
        ("what if we had our own servers?" supposes a fact)."""
        found: dict[str, Fact] = {}
        if not supposed and self.rules.speaker.isdisjoint(fold(text).split()) and not _NUMBER.search(text.lower()):
            return found
        for sentence in _sentences(text)[: self.rules.max_sentences]:
            for part, described_only in self._parts(sentence, supposed):
                for fact in self._read_part(part, skip, described_only):
                    if fact.factor not in found or _better(fact, found[fact.factor]):
                        found[fact.factor] = fact
        return found

    def _parts(self, sentence: str, supposed: bool = False) -> list[tuple[str, bool]]:
        """(text, described only). A statement is read whole and clause by clause ("12 people,
        no IT staff, all in Microsoft 365" states three facts); a question states only what
        describes the business ("... for a 10-person firm?", "for a small shop like mine?"),
        besides the clauses before it that state something ("we have no IT staff, which
        model fits?"): "is the monthly fee predictable?" prefers nothing."""
        clauses = [c.strip() for c in _COMMAS.split(sentence) if c.strip()]
        asking = [self._asks(c) and not supposed for c in clauses]
        if supposed or (not sentence.rstrip().endswith("?") and not any(asking)):
            return [(sentence, False), *((c, False) for c in clauses if len(clauses) > 1)]
        stated = [c for c, asks in zip(clauses, asking, strict=False) if not asks and c is not clauses[-1]]
        return [(sentence, True), *((c, False) for c in stated)]

    def _asks(self, clause: str) -> bool:
        first = fold(clause).split()[:1]
        return bool(first) and first[0] in self.rules.openers

    def _read_part(self, part: str, skip: frozenset[str], described_only: bool) -> list[Fact]:
        clean = self._respell(_strip(self.rules.model_names, part))
        toks = frozenset(fold(clean).split())
        said_list = words(clean)
        said_words = frozenset(said_list)
        has_figure = _NUMBER.search(clean.lower()) is not None
        out = []
        for factor, about in self.rules.about.items():
            if factor in skip or factor not in self.model.factors or about.isdisjoint(toks):
                continue
            if described_only and (factor not in self.rules.counted
                                   or not (has_figure or self._cues[factor].found(said_list))):
                continue
            if self._cue_words[factor].isdisjoint(said_words) and not has_figure:
                continue
            counted = self.counting_for(factor, clean)
            if about.isdisjoint(fold(counted).split()):
                continue          # its subject was only the other side's count ("a 5-person IT team")
            reading = interpret(self.model, factor, counted, loose=False)
            if reading.status == "answered" and reading.confidence >= self.rules.min_confidence:
                out.append(Fact(factor, reading.option, part.strip(), reading.confidence))
        return out

    def counting_for(self, factor: str, text: str) -> str:
        """The text without counts that belong to the other side: "3 IT people" is not the
        company's size, "40 staff" not the IT team's. (For answers and volunteered facts alike.)"""
        return _strip(self.rules.company_count if factor == TEAM else self.rules.team_count, text)

    def _respell(self, text: str) -> str:
        if not self.rules.spellings:
            return text
        return _WORDS.sub(lambda m: self.rules.spellings.get(m.group(0).lower(), m.group(0)), text)


def _better(fact: Fact, than: Fact) -> bool:
    """More confident, or as confident from fewer words: the clause that said it ("no IT
    staff") quotes better in a reason than the whole sentence around it."""
    return (fact.confidence, -len(fact.text)) > (than.confidence, -len(than.text))


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCES.split(text) if p and p.strip()]
    return parts or [text]


def _strip(pattern: str | None, text: str) -> str:
    return re.compile(pattern, re.IGNORECASE).sub(" ", text) if pattern is not None else text
