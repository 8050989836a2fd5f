"""The shape of knowledge/reading.yaml: how a whole message is read (see that file)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Anchors(_Strict):
    words: list[str] = Field(min_length=1)
    phrases: list[str] = []
    shared_names: list[str] = []
    weak: list[str] = []


class Private(_Strict):
    words: list[str] = Field(min_length=1)
    organisation: list[str] = Field(min_length=1)
    organisation_facts: list[str] = []


class Facts(_Strict):
    min_confidence: float = Field(ge=0, le=1)
    max_sentences: int = Field(ge=1, le=100)     # sentences of one message read for facts
    about: dict[str, list[str]]
    counted: list[str] = []          # factors a question may state with a number
    team_words: list[str] = []       # "3 IT people" counts the IT team, not the business
    speaker: list[str] = Field(min_length=1)   # words of people describing themselves


class Linear(_Strict):
    ridge: float = Field(gt=0)
    min_score: float = Field(ge=0, le=1)
    concept_weight: int = Field(ge=1, le=10)    # a concept counts as this many words


class Routing(_Strict):
    commands: dict[str, str] = {}
    generic: list[str] = []
    requests: list[str] = []
    unsure: float = Field(ge=0, le=1)
    after_refusals: list[str] = Field(min_length=1)
    linear: Linear
    follow_up: list[str] = []        # words that may stand beside a bare model name ("what about")


class ReadingFile(_Strict):
    anchors: Anchors
    question_openers: list[str] = Field(min_length=1)
    long_message: int = Field(ge=3, le=200)
    private: Private
    routing: Routing
    facts: Facts
    chat_spellings: dict[str, str] = {}
    corrections: list[str] = []
    hypotheticals: list[str] = []
