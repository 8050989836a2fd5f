"""The shape of every YAML file in knowledge/ and dialogs/ (validation pass one).

Pydantic models with extra="forbid": a misspelt key is an error with its file and
line, not a silently ignored setting. Meaning (dangling edges, duplicates, missing
ontology ids) is checked afterwards in `validate.py`, on the compiled graph.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Citation(Strict):
    """What a sentence of content rests on: a short quote from an article in
    knowledge/sources/ (`source` is the file's stem), or, where the content is our own
    reasoning, a `judgement` that says so and why. `note` says how a quote supports a
    claim when that is not plain (a converse, a contrast)."""

    source: str | None = None
    quote: str | None = None
    judgement: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _quote_or_judgement(self) -> Citation:
        if (self.source is None) != (self.quote is None):
            raise ValueError("a citation needs both 'source' and 'quote'")
        if (self.quote is None) == (self.judgement is None):
            raise ValueError("give either 'source' and 'quote', or 'judgement' (not both)")
        return self


EdgeType = Literal["detail", "compare", "topic", "flow", "related", "meta"]


class EdgeSpec(Strict):
    """A typed link to a related node; it becomes a follow-up button."""

    to: str
    type: EdgeType = "related"
    label: str | None = None


class NodeSpec(Strict):
    id: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    label: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    examples: list[str] = []
    edges: list[EdgeSpec] = []
    sources: list[Citation] = []      # what the answer rests on (`advisor sources NODE`)


class ModelAttributes(Strict):
    """Short phrases the comparison template combines; each reads after 'Approach:' etc."""

    approach: str
    pricing: str
    commitment: str
    control: str
    strengths: str
    weaknesses: str
    best_for: str
    pick_when: str


class ModelSpec(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: str
    label: str
    attributes: ModelAttributes
    sources: dict[str, list[Citation]] = {}    # attribute name -> what it rests on


class ModelFile(Strict):
    model: ModelSpec
    nodes: list[NodeSpec]


class NodesFile(Strict):
    nodes: list[NodeSpec]


class AspectSpec(Strict):
    """Example templates shared by every model's node for one aspect ({model} is replaced)."""

    id: str
    examples: list[str] = []


class AspectsFile(Strict):
    aspects: list[AspectSpec]


class CompareTemplate(Strict):
    label: str
    title: str
    answer: str
    examples: list[str]
    edges: list[EdgeSpec] = []


class CompareFile(Strict):
    template: CompareTemplate
    pairs: list[NodeSpec] = []


class SynonymsFile(Strict):
    """Normalisation data: spelling variants, concept tokens, domain vocabulary."""

    replace: dict[str, str] = {}
    concepts: dict[str, list[str]] = {}
    absorbs: dict[str, list[str]] = {}
    comparison_markers: list[str] = []
    domain_terms: list[str] = []
    stopwords: list[str] = []


class OntologyFile(Strict):
    """The ids outside tests and evaluation sets rely on (knowledge/ontology.yaml)."""

    models: dict[str, str]
    model_aspects: dict[str, str]
    compare: Literal["all_pairs"]
    topics: dict[str, str]
    factors: dict[str, str]
    meta: dict[str, str]
    flows: dict[str, str]


class Thresholds(Strict):
    confident: float = Field(ge=0, le=1)
    ambiguous: float = Field(ge=0, le=1)
    margin: float = Field(ge=0, le=1)
    option_label: float = Field(ge=0, le=1)
    concept_floor: float = Field(ge=0, le=1)


class Adjustments(Strict):
    """Keyword weight layered on the fuzzy score (all in score units, 0..1)."""

    model_match: float
    model_mismatch: float
    model_partial: float
    model_missing: float
    generic_with_model: float
    aspect_match: float
    aspect_mismatch: float
    overview_default: float
    no_domain: float
    term_match: float
    term_missing: float


class Route(Strict):
    """Answer an aspect asked of no model with another node (see matching.yaml)."""

    to: str
    with_terms: list[str] = []     # topic keywords the query may carry; any other blocks the route


class Prefilter(Strict):
    above: int = Field(ge=100)     # examples beyond which a token index narrows each match
    keep: int = Field(ge=50)       # examples it keeps for rapidfuzz to score
    adjust: int = Field(ge=20)     # most similar nodes given the keyword adjustments


class Spelling(Strict):
    """Typo correction against the content's own words (matching.yaml `spelling`)."""

    min_length: int = Field(ge=3, le=20)     # shorter unknown words are never respelt
    cutoff: float = Field(ge=50, le=100)     # rapidfuzz ratio to the known word
    max_respells: int = Field(ge=0, le=100)  # unknown words looked up per message
    common: int = Field(ge=1)                # word-list occurrences that make a word common English


class MatchingFile(Strict):
    thresholds: Thresholds
    adjustments: Adjustments
    fuzzy_blend: float = Field(ge=0, le=1)
    spelling: Spelling
    report_similar: float = Field(ge=50, le=100)   # `advisor report`: wordings this alike share a group
    token_set_pool: int = Field(ge=10)   # examples token_set_ratio rescores (the costly scorer)
    max_suggestions: int = Field(ge=2, le=3)
    unnamed_aspect_routes: dict[str, Route] = {}
    max_options: int = Field(ge=1, le=8)
    popular_models: list[str] = Field(min_length=2)   # "which model do you mean?" lists these first
    prefilter: Prefilter


class MessagesFile(Strict):
    """Texts the engine says that belong to no knowledge node (system wording)."""

    messages: dict[str, str]


class ChannelFile(Strict):
    """A channel's own wording: command descriptions, button labels, its home screen."""

    texts: dict[str, str]
