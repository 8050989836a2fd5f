"""What a message asks for, decided from a reading of the whole message and the matcher.

Short questions go to their closest example as before; a reading of the sense keeps
another trade's question (a boiler's maintenance contract) away from our answers. A
long message is a situation and a question: the question is matched on its own,
without five sentences of context diluting it, and a question that names no model
("what should we do?", "what are our options?") asked after facts about the business
is a request for the guided advisor, whatever its wording.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from .knowledge import Knowledge
from .linear import LinearModel
from .linear import build as build_linear
from .matcher import FALLBACK, Candidate, Match, Matcher, model_concepts
from .normalize import Normalised, PhraseTable, fold
from .reading import Reader, Reading

Kind = Literal["answer", "advisor", "ambiguous", "refuse"]
ADVISOR = "flow.advisor"


@dataclass(frozen=True)
class Route:
    kind: Kind
    match: Match                     # the match that decided (the question's, for a long message)
    reading: Reading
    node: str | None = None          # the node to answer, for "answer"
    score: float = 0.0


class Router:
    def __init__(self, kb: Knowledge, matcher: Matcher, reader: Reader):
        self._kb = kb
        self._matcher = matcher
        self._reader = reader
        self._generic = frozenset(kb.reading.routing.generic)
        self._shared_names = frozenset(kb.reading.anchors.shared_names)
        self._requests = frozenset(kb.reading.routing.requests)
        self._commands = {fold(k): v for k, v in kb.reading.routing.commands.items()}
        self._follow_up = PhraseTable(fold(w) for w in kb.reading.routing.follow_up)
        # a model's weak names ("cloud", "hybrid") stay as words in a normalised message
        self._weak_words = {key.rstrip("?"): frozenset(w for p in phrases for w in fold(p).split())
                            for key, phrases in kb.synonyms.concepts.items() if key.endswith("?")}

    def warm(self) -> None:
        self._linear  # noqa: B018  (builds the cached property)

    def states_facts(self, text: str) -> bool:
        """Does the message describe the business? (`advisor bench` times such turns apart.)"""
        return bool(self._reader.read(text).facts)

    def follow_up(self, text: str) -> str | None:
        """The model a bare mention names ("hybrid", "what about managed?"): one model, no
        aspect or topic, nothing else but the words reading.yaml allows beside it."""
        norm = self._matcher.normalise(text)
        named = {c for c in norm.concepts | norm.weak if c.startswith("model.")}
        if len(named) != 1 or any(not c.startswith("model.") for c in norm.concepts):
            return None
        model = next(iter(named))
        own = self._weak_words.get(model, frozenset())
        rest = self._follow_up.sub(list(norm.tokens), lambda *_: [])
        return model.removeprefix("model.") if all(t == model or t in own for t in rest) else None

    def route(self, text: str, *, skip_example: str | None = None) -> Route:
        """`skip_example`: the validator's leave-one-out, as in `Matcher.match`."""
        command = self._commands.get(fold(text))
        if command is not None:
            return Route("answer", Match("confident", (Candidate(command, 1.0),), self._matcher.normalise(text)),
                         Reading(text), command, 1.0)
        full = self._matcher.match(text, skip_example=skip_example)
        reading = self._reader.read(text, spelt=full.query.words)
        if not reading.anchored and self._names_a_model(full) and (not reading.foreign
                                                                    or len(self._named_in(full.query)) > 1):
            # one model named in words other trades use too ("a monthly contract", "pay as
            # you go") anchors a message only when it has no words the content never uses;
            # two set against each other are a comparison of support models
            reading = replace(reading, anchored=True)
        if reading.long:
            return self._situation(reading, full)
        return self._short(reading, full)

    def _short(self, reading: Reading, match: Match) -> Route:
        best = match.best
        if self._states_a_situation(reading, match):
            return Route("advisor", match, reading, ADVISOR, 0.0)
        if match.outcome == "none" or best is None or best.node == FALLBACK:
            return Route("refuse", match, reading, score=best.score if best else 0.0)
        if self._foreign(reading, best) or (self._private(reading, match)
                                            and self._kb.nodes[best.node].kind != "meta"):
            return Route("refuse", match, reading, score=best.score)
        if match.outcome == "ambiguous":
            return Route("ambiguous", match, reading, score=best.score)
        return Route("answer", match, reading, best.node, best.score)

    def _situation(self, reading: Reading, full: Match) -> Route:
        question = self._with_context(reading, full) if reading.question else reading.text
        asked = full if question.strip() == reading.text.strip() else self._matcher.match(question)
        if (not reading.anchored and (reading.foreign or _confident(asked) is None)
                or self._private(reading, full)):
            meta = _confident(full)
            if meta is not None and self._kb.nodes[meta.node].kind == "meta":
                return Route("answer", full, reading, meta.node, meta.score)
            return Route("refuse", full, reading, score=full.best.score if full.best else 0.0)
        request = self._request(reading)
        if request is not None:
            return request
        named = self._named_in(asked.query)
        pick = _confident(asked)
        if reading.facts and not named and (pick is None or pick.node in self._generic):
            return Route("advisor", asked, reading, ADVISOR, pick.score if pick else 0.0)
        if pick is not None:
            return Route("answer", asked, reading, pick.node, pick.score)
        for candidate in (asked, full):
            best = candidate.best
            if candidate.outcome == "ambiguous" or (best is not None and best.node != FALLBACK
                                                    and best.score >= self._kb.reading.routing.unsure):
                return Route("ambiguous", candidate, reading, score=best.score if best else 0.0)
        if reading.facts and not named:
            return Route("advisor", full, reading, ADVISOR, 0.0)
        guess = self._linear_guess(asked)
        if guess is not None:
            return Route("ambiguous", guess, reading, score=guess.candidates[0].score)
        return Route("refuse", full, reading, score=full.best.score if full.best else 0.0)

    def _states_a_situation(self, reading: Reading, match: Match) -> bool:
        """"We're 30 people with one IT guy": facts about the business, nothing else asked
        and no answer close: the start of a recommendation, not an unknown question."""
        return (bool(reading.facts) and _confident(match) is None and not reading.foreign
                and (reading.anchored or reading.we) and not self._named_in(match.query)
                and not reading.private)

    def _linear_guess(self, asked: Match) -> Match | None:
        """When no example is close enough, the linear scorer's likeliest answers are offered
        as a "did you mean" rather than the plain fallback (the message is about IT)."""
        spec = self._kb.reading.routing.linear
        scores = self._linear.scores(asked.query.text)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], self._linear.classes[i]))
        top = [Candidate(self._linear.classes[i], round((1 + float(scores[i])) / 2, 4)) for i in order[:3]]
        if (1 + float(scores[order[0]])) / 2 < spec.min_score or top[0].node == FALLBACK:
            return None
        return Match("ambiguous", tuple(c for c in top if c.node != FALLBACK), asked.query)

    @cached_property
    def _linear(self) -> LinearModel:
        texts, labels = self._matcher.labelled_examples()
        spec = self._kb.reading.routing.linear
        return build_linear(texts, labels, ridge=spec.ridge, concept_weight=spec.concept_weight)

    def _request(self, reading: Reading) -> Route | None:
        """A sentence anywhere that asks for a person or a restart is what the message wants,
        however much context comes before it. (The asking sentences are matched anyway.)"""
        asking = reading.question or ""
        if len(reading.sentences) < 2:
            return None            # one sentence: it is matched whole anyway
        for sentence in reading.sentences:
            if sentence in asking:
                continue
            match = self._matcher.match(sentence)
            best = _confident(match)
            if best is not None and best.node in self._requests:
                return Route("answer", match, reading, best.node, best.score)
        return None

    def _with_context(self, reading: Reading, full: Match) -> str:
        """The question, with the one model the rest of the message names when the question
        asks about an aspect ("how do we get started?") without naming any. "Which is best
        for us?" names no model on purpose: that is a request for a recommendation."""
        question = reading.question or reading.text
        asked = self._matcher.normalise(question)
        aspects = {c for c in asked.concepts if c.startswith("aspect.")} - {"aspect.best_for"}
        if self._named_in(asked) or not aspects:
            return question
        context = self._named_in(full.query)
        if len(context) != 1:
            return question
        model = next(iter(context)).removeprefix("model.")
        return f"{question} {self._kb.models[model].label}"

    def _names_a_model(self, match: Match) -> bool:
        strong = {c for c in match.query.concepts if c.startswith("model.")}
        return bool(strong - self._shared_names) or len(strong) > 1

    def _named_in(self, norm: Normalised) -> frozenset[str]:
        return model_concepts(norm, self._kb.synonyms)

    def _private(self, reading: Reading, match: Match) -> bool:
        """One person's own life ("my home wifi", "my career"), unless a support model is named."""
        return reading.private and not self._named_in(match.query)

    def _foreign(self, reading: Reading, best: Candidate) -> bool:
        """Another trade's question: it names nothing of IT, and words we never use. A
        business asking which model suits it ("which model fits our bakery?") names its own
        trade: that is not another trade's question ("recommend a good novel" speaks for no one)."""
        if not reading.foreign or reading.anchored:
            return False
        if self._kb.nodes[best.node].kind == "meta":     # small talk may name someone ("thanks, Sam")
            return len(reading.foreign) > 1
        return not (reading.we and best.node in self._generic)


def _confident(match: Match | None) -> Candidate | None:
    best = match.best if match else None
    return best if match and match.outcome == "confident" and best and best.node != FALLBACK else None
