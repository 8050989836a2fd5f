"""Which knowledge node a user's text asks for: fuzzy scores plus keyword weight.

Every example question is normalised to concept level once at start-up; a query is
scored against all of them in one vectorised rapidfuzz call. The best example per
node gives a fuzzy score, then the concepts both sides mention adjust it (a query
naming co-managed should not land on managed's answer just because the sentence
shapes agree). Weights and thresholds come from knowledge/matching.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from .knowledge import ASPECT_NODE, Knowledge, Node
from .normalize import Normalised, Normaliser, PhraseTable
from .prefilter import TokenIndex
from .schema import MatchingFile, SynonymsFile

FALLBACK = "meta.fallback"
Outcome = Literal["confident", "ambiguous", "none"]


@dataclass(frozen=True)
class Candidate:
    node: str
    score: float


@dataclass(frozen=True)
class _Query:
    """What the adjustments need to know about a query, computed once per match."""

    models: frozenset[str]
    strong_models: frozenset[str]
    aspects: frozenset[str]
    concepts: frozenset[str]
    in_domain: bool


@dataclass(frozen=True)
class Match:
    outcome: Outcome
    candidates: tuple[Candidate, ...]     # best first; empty when nothing scored
    query: Normalised
    which_model: str | None = None        # an aspect asked of no model ("pricing?"): ask which

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def _keywords(examples: list[frozenset[str]]) -> frozenset[str]:
    """Topic-like concepts (term.*) at least half of a node's examples mention."""
    counts: dict[str, int] = {}
    for concepts in examples:
        for c in concepts:
            if c.startswith("term."):
                counts[c] = counts.get(c, 0) + 1
    return frozenset(c for c, k in counts.items() if k * 2 >= max(len(examples), 1))


def _vocabulary(kb: Knowledge) -> list[str]:
    """Every word the content uses: the spellings a typo is corrected towards."""
    syn = kb.synonyms
    texts = [t for n in kb.nodes.values() for t in (n.title, *n.all_examples)]
    texts += [p for phrases in syn.concepts.values() for p in phrases]
    texts += [*syn.replace, *syn.replace.values(), *syn.domain_terms]
    return texts


def model_concepts(norm: Normalised, syn: SynonymsFile) -> frozenset[str]:
    """Models the text names. A mention another one already implies does not count:
    co-managed IT always involves an internal team and a provider, so "co-managed with
    our MSP" is about one model, not two. Only a comparison ("co-managed vs an MSP",
    "how do they differ") keeps a strongly named, implied model."""
    strong = {c for c in norm.concepts if c.startswith("model.")}
    implied = {x for c in strong for x in syn.absorbs.get(c, [])}
    weak = {c for c in norm.weak if c.startswith("model.")} - implied
    if not norm.words & set(syn.comparison_markers):
        strong -= {x for x in implied if strong - {x} - implied}
    return frozenset(strong | weak)


class Matcher:
    def __init__(self, kb: Knowledge):
        self._kb = kb
        syn = kb.synonyms
        self.normalise = Normaliser(syn.replace, syn.concepts, vocabulary=_vocabulary(kb),
                                    spelling=kb.matching.spelling)
        self._domain = PhraseTable(self.normalise(t).text for t in syn.domain_terms)
        self._nodes: list[Node] = sorted(kb.nodes.values(), key=lambda n: n.id)
        texts, owners = [], []
        authored: list[list[frozenset[str]]] = [[] for _ in self._nodes]
        for i, node in enumerate(self._nodes):
            own = set(node.examples)
            for example in dict.fromkeys((node.title, *node.all_examples)):
                norm = self.normalise(example)
                texts.append(norm.text)
                owners.append(i)
                if example in own:
                    authored[i].append(norm.concepts)
        self._examples = texts
        self._sorted = [" ".join(sorted(t.split())) for t in texts]
        self._owner = np.asarray(owners)
        self._starts = np.flatnonzero(np.r_[True, self._owner[1:] != self._owner[:-1]])
        self._node_terms = [_keywords(concepts) for concepts in authored]
        self._node_models = [frozenset(f"model.{m}" for m in n.models) for n in self._nodes]
        self._by_model: dict[str, list[int]] = {}
        for i, models in enumerate(self._node_models):
            for m in models:
                self._by_model.setdefault(m, []).append(i)
        limits = kb.matching.prefilter
        self._index = TokenIndex(texts) if len(texts) > limits.above else None

    @property
    def settings(self) -> MatchingFile:
        """The thresholds and limits it matches by (knowledge/matching.yaml)."""
        return self._kb.matching

    def example_count(self) -> int:
        return len(self._examples)

    def labelled_examples(self) -> tuple[list[str], list[str]]:
        """Every example at concept level and the node it belongs to (for the linear scorer)."""
        return list(self._examples), [self._nodes[i].id for i in self._owner.tolist()]

    def match(self, text: str, *, skip_example: str | None = None) -> Match:
        """Score `text`; `skip_example` leaves one example out (the validator's collision check)."""
        query = self.normalise(text)
        if not query.tokens:
            return Match("none", (), query)
        nodes, scores = self._scored(query.text, skip_example)
        feats = self._features(query)
        nodes, scores = self._shortlist(nodes, scores, feats)
        adjusted = [(self._adjust(i, float(s), feats), self._nodes[i].id) for i, s in zip(nodes, scores, strict=False)]
        adjusted.sort(key=lambda p: (-p[0], p[1]))
        cands = tuple(Candidate(node, round(max(0.0, min(1.0, sc)), 4)) for sc, node in adjusted[:5])
        if not feats.models:
            cands = self._route_unnamed(cands, feats)
        outcome = self._outcome(cands)
        aspect = self._which_model(cands, feats, sure=outcome != "none") if not feats.models else None
        if aspect is not None:
            outcome = "ambiguous"
        return Match(outcome, cands, query, aspect)

    def _route_unnamed(self, cands: tuple[Candidate, ...], q: _Query) -> tuple[Candidate, ...]:
        """An aspect asked of no model in particular may mean another node (matching.yaml):
        "what is best for my business?" asks for the guided advisor."""
        terms = {c for c in q.concepts if c.startswith("term.")}
        routes = self._kb.matching.unnamed_aspect_routes
        targets = sorted(r.to for a, r in routes.items()
                         if a in q.aspects and terms <= set(r.with_terms))
        if not cands or not targets or self._kb.nodes[cands[0].node].kind == "meta":
            return cands
        return (Candidate(targets[0], cands[0].score), *(c for c in cands if c.node != targets[0]))

    def _which_model(self, cands: tuple[Candidate, ...], q: _Query, *, sure: bool) -> str | None:
        """"pricing?" with no model named: close answers about the same aspect of different
        models mean we should ask which model, not pick one by a hair. Returns the aspect.
        Not `sure` (no answer scored high enough): only when the message names that aspect
        outright ("what would support cost us a month?"), whatever else it says."""
        if len(cands) < 2:
            return None
        first, second = (self._kb.nodes[c.node] for c in cands[:2])
        if not sure and first.aspect not in q.aspects:
            return None
        close = cands[0].score - cands[1].score <= self._kb.matching.thresholds.margin
        if close and first.kind == second.kind == "model" and first.models != second.models \
                and first.aspect == second.aspect:
            return first.aspect
        return None

    def _scored(self, query: str, skip: str | None) -> tuple[np.ndarray, np.ndarray]:
        """(node indexes, fuzzy scores): every node, or with a very large example set only the
        nodes owning the examples the token index finds for the query."""
        if self._index is None:
            scores = self._fuzzy(query, skip)
            return np.arange(len(scores)), scores
        ids = self._index.candidates(query, self._kb.matching.prefilter.keep)
        if skip is not None:
            skipped = self.normalise(skip).text
            ids = ids[[self._examples[i] != skipped for i in ids.tolist()]]
        if not len(ids):
            return ids, np.zeros(0)
        combined = self._blend(query, [self._sorted[i] for i in ids], [self._examples[i] for i in ids])
        best: dict[int, float] = {}
        for owner, score in zip(self._owner[ids].tolist(), combined.tolist(), strict=False):
            best[owner] = max(best.get(owner, 0.0), score)
        return np.fromiter(best, dtype=np.int64), np.fromiter(best.values(), dtype=np.float64)

    def _shortlist(self, nodes: np.ndarray, scores: np.ndarray, q: _Query) -> tuple[np.ndarray, np.ndarray]:
        """Only the nodes that can still win are adjusted (it is the costly part of a match):
        the best by similarity, and those about the models the message names (which the
        concept floor can lift whatever their similarity)."""
        keep = self._kb.matching.prefilter.adjust
        if len(nodes) <= keep:
            return nodes, scores
        chosen = set(np.argpartition(-scores, keep - 1)[:keep].tolist())
        if q.models and self._index is None:        # every node scored: positions are node ids
            chosen.update(i for m in q.models for i in self._by_model.get(m, ()))
        elif q.models:
            chosen.update(j for j, n in enumerate(nodes.tolist()) if self._node_models[n] & q.models)
        picked = np.fromiter(sorted(chosen), dtype=np.int64, count=len(chosen))
        return nodes[picked], scores[picked]

    def _blend(self, query: str, sorted_texts: list[str], texts: list[str]) -> np.ndarray:
        blend = self._kb.matching.fuzzy_blend
        sort = process.cdist([" ".join(sorted(query.split()))], sorted_texts, scorer=fuzz.ratio,
                             workers=1)[0].astype(np.float64)
        tset = process.cdist([query], texts, scorer=fuzz.token_set_ratio, workers=1)[0]
        combined: np.ndarray = (blend * sort + (1 - blend) * tset) / 100.0
        return combined

    def _fuzzy(self, query: str, skip: str | None) -> np.ndarray:
        """token_sort for every example (cheap on pre-sorted text), token_set for the
        closest few hundred only: it is the costly scorer, and never below token_sort."""
        blend = self._kb.matching.fuzzy_blend
        sort = process.cdist([" ".join(sorted(query.split()))], self._sorted,
                             scorer=fuzz.ratio, workers=1)[0].astype(np.float64)
        if skip is not None:
            skipped = self.normalise(skip).text
            sort[[i for i, t in enumerate(self._examples) if t == skipped]] = 0.0
        tset = sort.copy()
        pool = self._kb.matching.token_set_pool
        top = np.argpartition(-sort, min(pool, len(sort) - 1))[:pool]
        tset[top] = process.cdist([query], [self._examples[i] for i in top],
                                  scorer=fuzz.token_set_ratio, workers=1)[0]
        if skip is not None:
            tset[sort == 0.0] = 0.0
        combined = (blend * sort + (1 - blend) * tset) / 100.0
        return np.maximum.reduceat(combined, self._starts)

    def _features(self, q: Normalised) -> _Query:
        models = model_concepts(q, self._kb.synonyms)
        return _Query(
            models=models,
            strong_models=frozenset(c for c in q.concepts if c.startswith("model.")),
            aspects=frozenset(c.split(".", 1)[1] for c in q.concepts if c.startswith("aspect.")),
            concepts=q.concepts,
            in_domain=self._in_domain(q) or len(models) > 1,
        )

    def _adjust(self, i: int, score: float, q: _Query) -> float:
        node, w = self._nodes[i], self._kb.matching.adjustments
        if node.id == FALLBACK:
            return score       # other trades' questions name our models' words on purpose
        qm = q.models
        nm = self._node_models[i]
        if qm:
            if nm == qm:
                score += w.model_match
            elif nm and nm < qm:
                score -= w.model_partial
            elif nm:
                score -= w.model_mismatch
            else:
                score -= w.generic_with_model
        elif nm:
            score -= w.model_missing
        score += self._aspect_weight(node, q)
        score += self._term_weight(i, q)
        if node.kind != "meta" and not q.in_domain:
            score -= w.no_domain
        if self._named_outright(i, q):
            score = max(score, self._kb.matching.thresholds.concept_floor)
        return score

    def _named_outright(self, i: int, q: _Query) -> bool:
        """The text names exactly this node's model(s) and the aspect it answers."""
        node = self._nodes[i]
        if not q.strong_models or self._node_models[i] != q.models:
            return False
        if node.kind == "compare":
            return True
        return node.kind == "model" and (node.aspect in q.aspects
                                         or (not q.aspects and node.aspect == ASPECT_NODE))

    def _aspect_weight(self, node: Node, q: _Query) -> float:
        if node.kind != "model":
            return 0.0
        w = self._kb.matching.adjustments
        asked = q.aspects
        if not asked:
            return w.overview_default if node.aspect == ASPECT_NODE else 0.0
        return w.aspect_match if node.aspect in asked else -w.aspect_mismatch

    def _term_weight(self, i: int, q: _Query) -> float:
        terms, w = self._node_terms[i], self._kb.matching.adjustments
        if not terms:
            return 0.0
        return w.term_match if terms & q.concepts else -w.term_missing

    def _in_domain(self, q: Normalised) -> bool:
        return bool(q.concepts) or self._domain.found(q.tokens)

    def _outcome(self, cands: tuple[Candidate, ...]) -> Outcome:
        t = self._kb.matching.thresholds
        if not cands or cands[0].score < t.ambiguous:
            return "none"
        return "confident" if cands[0].score >= t.confident else "ambiguous"
