"""The shape of knowledge/factors.yaml and dialogs/advisor.yaml (validation pass one).

factors.yaml holds every number the advisor decides with (weights, priors, ranges),
what each number rests on (a quote from the articles or a stated judgement), the
reasons it gives and the phrases it reads answers by; advisor.yaml holds the
sentences around them. Meaning (all seven models weighted and accounted for,
option ids unique, yes/no naming a real option, the question order naming every
factor) is checked in `checks.py`; the quotes are checked against the articles by
`bot/validate.py`.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..schema import Citation, Strict

Id = Annotated[str, Field(pattern=r"^[a-z_]+$")]


class Support(Citation):
    """Why an answer gives `models` the weights it does, and what the advisor says for them.

    `reason` is said when the answer lifts one of `models` ({answer} = the user's
    words), so it must be true of every model listed: a model the answer lifts needs
    exactly one reason, written for it."""

    models: list[Id] = Field(min_length=1)
    reason: str | None = Field(default=None, min_length=1)


class OptionSpec(Strict):
    """One answer to a factor: a button, the phrases that mean it, and what it implies."""

    id: Id
    label: str = Field(min_length=1, max_length=30)
    cues: list[str] = Field(min_length=1)
    range: tuple[float, float] | None = None       # numeric answers that mean this option
    weights: dict[str, float]                      # model id -> points; every model listed
    support: list[Support] = Field(min_length=1)   # every model's weight accounted for
    combines: list[str] = []                       # options whose cues together mean this one


class FactorSpec(Strict):
    id: Id
    options: list[OptionSpec] = Field(min_length=3, max_length=6)
    units: list[str] = []      # words a number counts ("staff", "sites"); searched first
    bare_numbers: bool = True  # does a number without one of the units count too?
    if_yes: str | None = None  # option a plain "yes" means (the question is yes/no-ish)
    if_no: str | None = None   # option a plain "no" means (YAML reads a bare `no:` key as false)
    escalates: bool = False    # options run low to high; the highest one mentioned sets the level


class ModelEntry(Strict):
    """Per-model constants: the base score, the pro tip, the one-line 'why not', and
    what each rests on (a prior other than 0 needs a citation too)."""

    id: Id
    prior: float = 0.0
    prior_sources: list[Citation] = []
    pro_tip: str = Field(min_length=1)
    pro_tip_sources: list[Citation] = Field(min_length=1)
    why_not: str = Field(min_length=1)
    why_not_sources: list[Citation] = Field(min_length=1)


class Evidence(Strict):
    """How much each kind of evidence in a free-text answer counts (points of evidence
    for an option; see factors.yaml `reading.evidence`)."""

    cue_base: float = Field(gt=0)
    cue_per_word: float = Field(ge=0)
    extra_cue: float = Field(ge=0)
    apart_share: float = Field(ge=0, le=1)
    max_apart: int = Field(ge=0, le=10)
    emphasis_gain: float = Field(ge=1, le=3)
    slack: int = Field(ge=0, le=10)
    gap: float = Field(ge=0, le=1)
    negation_reach: int = Field(ge=1, le=10)
    loose_word: float = Field(gt=0, le=1)
    loose_cap: float = Field(gt=0, le=1)
    typo: float = Field(gt=0, lt=1)            # below 1: a typo never counts as the word itself
    number_hit: float = Field(gt=0)
    number_unit: float = Field(gt=0)
    number_near: float = Field(gt=0)
    yes_no: float = Field(gt=0)
    yes_no_and_more: float = Field(ge=0)
    strong: float = Field(gt=0)
    combined_part: float = Field(ge=0, le=1)
    escalation: float = Field(ge=0)
    opening_words: int = Field(ge=1, le=50)
    label_match: float = Field(ge=50, le=100)
    first_reach: int = Field(ge=1, le=10)
    max_reach: int = Field(ge=1, le=20)
    short_answer: int = Field(ge=1, le=10)


class ReasonLimits(Strict):
    """How many reasons a recommendation gives, and how much of an answer one quotes."""

    max: int = Field(ge=1, le=10)
    min: int = Field(ge=0, le=10)
    per_model: int = Field(ge=1, le=10)
    quote_chars: int = Field(ge=20, le=500)
    fit: int = Field(ge=1, le=10)


class Confidence(Strict):
    """How sure a reading is, from its points of evidence (see factors.yaml `reading.confidence`)."""

    base: float = Field(ge=0, le=1)
    per_point: float = Field(gt=0, le=1)
    runner_up_cost: float = Field(ge=0, le=1)
    unsure: float = Field(gt=0, le=1)
    hedged: float = Field(gt=0, le=1)
    loose_base: float = Field(ge=0, le=1)
    loose_per_point: float = Field(gt=0, le=1)
    loose_cap: float = Field(gt=0, le=1)


class ReadingSpec(Strict):
    """Phrases that shape how an answer is read, whatever the factor."""

    unsure: list[str] = Field(min_length=1)     # "not sure", "skip": leave the factor out
    hedges: list[str] = []                      # "probably": answered, with less confidence
    negators: list[str] = []                    # "not", "no": a cue right after one is discarded
    filler: list[str] = []                      # words too common to count as loose evidence
    evidence: Evidence                          # how much each kind of evidence counts
    confidence: Confidence                      # how sure a reading is, from that evidence


class FactorsFile(Strict):
    models: list[ModelEntry] = Field(min_length=2)   # also the fixed tie-break order
    reading: ReadingSpec
    factors: list[FactorSpec] = Field(min_length=1)
    reasons: ReasonLimits


class QuestionSpec(Strict):
    question: str = Field(min_length=1)
    topic: str = Field(min_length=1, max_length=30)   # short name for summaries ("Business size")


class FollowupSpec(Strict):
    id: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    label: str = Field(min_length=1, max_length=40)   # may hold {runner_up} / {top}


class SummaryTemplates(Strict):
    title: str
    intro: str
    answers_heading: str
    answer_row: str               # {topic} {question} {answer} {option}
    answer_header: str
    ranking_heading: str
    ranking_header: str
    ranking_row: str              # {rank} {model} {score} {reasons}
    ranking_reason: str           # {topic} {option}: one cell entry
    reasons_heading: str
    runner_up_heading: str
    flip_heading: str
    assumptions_heading: str
    assumption_unsure: str        # {topic}
    assumption_unreadable: str    # {topic}
    assumption_not_asked: str     # {topics}
    no_assumptions: str
    option_missing: str           # shown in the answer table for a factor left out
    pro_tip_heading: str


class ResultTemplates(Strict):
    headline: str                 # {model} {score}
    reasons_intro: str
    reason: str                   # {reason}
    runner_up_wins: str           # {model} {topic} {option}
    runner_up_closer: str         # {model} {topic} {option}
    runner_up_plain: str          # {model}
    flip: str                     # {topic} {option} {model}
    flip_also: str                # {topic} {option} {model}: another answer that puts the runner-up first
    no_flip: str
    pro_tip: str                  # {tip}
    fallback_reason: str          # {model}: when no answer favoured the pick
    why_not: str                  # {model} {top} {why_not}
    why_not_point: str            # {reason}
    why_not_same: str             # {model} {top}: the reasons already shown are what decides it
    why_not_even: str             # {model} {top} {why_not}: no answer of the user's separates them
    compare_headline: str         # {top} {other}
    compare_point: str            # {topic} {answer} {model}
    compare_even: str             # {top} {other}
    summary: SummaryTemplates


class Commands(Strict):
    """Words that steer the flow rather than answer it."""

    back: list[str] = Field(min_length=1)          # "go back": re-ask the previous question
    change: list[str] = Field(min_length=1)        # "change my answer (about X)"
    change_menu: str = Field(min_length=1)         # the question above the "which answer" buttons
    back_label: str = Field(min_length=1, max_length=30)
    result_label: str = Field(min_length=1, max_length=40)   # shows a finished result again
    topic_match: float = Field(ge=0, le=100)       # how closely "change my answer about X" must name a topic
    topic_word: float = Field(gt=0)                # a word of a topic's own name, when naming a topic
    subject_word: float = Field(gt=0)              # a word naming the topic's subject in other words
    change_verbs: list[str] = Field(min_length=1)  # "change the X answer": verb ...
    change_nouns: list[str] = Field(min_length=1)  # ... and noun, in that order
    ordinals: dict[str, int]                       # "the first one" picks a menu's first button (-1: last)
    menu_filler: list[str]                         # words that pick nothing in a menu
    keep: list[str] = Field(min_length=1)          # "yes, keep that" after a what-if
    keep_filler: list[str]
    why_not: list[str] = Field(min_length=1)       # "why not X?" typed after a result


class AdvisorDialog(Strict):
    intro: str = Field(min_length=1)
    commands: Commands
    loose_reading: float = Field(ge=0, le=1)          # readings below this confidence are re-asked once
    elsewhere_reading: float = Field(ge=0, le=1)      # another factor read this clearly takes the answer
    chat_reasons: int = Field(ge=1, le=10)            # reasons shown in the chat's result
    doc_quote_chars: int = Field(ge=20, le=2000)      # an answer quoted in the summary's table
    order: list[str] = Field(min_length=1)            # default question priority (factor ids)
    questions: dict[str, QuestionSpec]
    reask: str = Field(min_length=1)                  # {question} {options}
    unsure_ack: str = Field(min_length=1)
    answer_ack: str = Field(min_length=1)             # {label}: confirms how an answer was read
    elsewhere: str = Field(min_length=1)              # {facts}: an answer that belongs to another question
    unsure_label: str = Field(min_length=1, max_length=30)
    result: ResultTemplates
    followups: list[FollowupSpec] = Field(min_length=1)
