"""Shape of dialogs/downtime.yaml: the calculator's questions, assumptions and wording.

Templates are checked for their placeholders here, so a misspelt "{valeu}" is a content
error with its file and line at load time, never a KeyError in a user's conversation.
"""
from __future__ import annotations

from string import Formatter
from typing import Literal, get_args

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..measures import CONSTANTS
from ..schema import Strict

InputKind = Literal["count", "hours", "per_year", "money_per_hour", "money_per_month"]
StepId = Literal["staff_affected", "cost_per_staff_hour", "incidents_per_year",
                 "downtime_hours_per_incident", "breakfix_rate", "tech_hours_per_incident",
                 "managed_monthly_fee"]
ReadKind = Literal["money", "money_rate", "money_each", "duration", "frequency", "people",
                   "number"]
VerdictId = Literal["managed_cheaper", "breakeven", "cannot", "no_downtime"]

_FIGURES = {"share", "breakfix", "managed", "fees", "loss", "difference"}
PLACEHOLDERS: dict[str, set[str]] = {
    "figure": {"value"}, "figure_one": set(), "needs": set(), "question": set(), "label": set(),
    "reask": {"question"}, "assumed_ack": {"figure", "note"}, "got": {"figures"},
    "said": {"figure", "said"}, "said_range": {"figure", "said", "low", "high"},
    "said_floor": {"figure", "said"}, "said_total": {"figure", "said", "count"},
    "said_total_range": {"figure", "said", "count", "low", "high"},
    "check_update": {"said", "figure", "old"}, "two_figures": {"said", "first", "second"},
    "currency_set": {"figures"}, "assumed_unread": {"figure", "note"},
    "no_outages": {"labels"},
    "moved": {"figure", "said", "label"}, "wrong_kind": {"said", "found", "needs"},
    "other_currency": {"said", "currency"}, "check_high": {"figure", "said", "high"},
    "check_low": {"figure", "said", "low"}, "check_per_person": {"said", "count", "figure"},
    "which_figure": {"said"}, "result": {"inputs", "conversions", "lines", "verdict"},
    "conversion_line": {"note"}, "input_line": {"label", "value", "source"},
    "input_said": {"text"}, "input_assumed": {"note"}, "verdicts": _FIGURES,
}


def _check(template: str, allowed: set[str], where: str) -> str:
    names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    unknown = sorted(names - allowed)
    if unknown:
        known = ", ".join("{" + n + "}" for n in sorted(allowed)) or "none"
        raise ValueError(f"{where} uses {', '.join('{' + n + '}' for n in unknown)}; "
                         f"it may use {known}")
    return template


class Assumption(Strict):
    value: float = Field(ge=0)
    note: str                         # why this figure, shown beside it


class Plausible(Strict):
    """Figures outside low..high are questioned before they are used."""

    low: float = Field(ge=0)
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Plausible:
        if self.high <= self.low:
            raise ValueError("plausible: high must be above low")
        return self


class Conversion(Strict):
    value: float = Field(gt=0)
    note: str                         # the assumption in words, listed under the result


class Commands(Strict):
    change: list[str]                 # verbs that open a figure again: "change", "edit"
    figure_words: list[str]           # "change my answer": no figure named, so the menu
    correct: list[str]                # "no, 3 a month": a correction of the figure just read
    restate: list[str]                # "half a day, so 4 hours": the same figure said again
    name_match: int = Field(ge=50, le=100)   # rapidfuzz partial ratio naming a figure


class CalcStep(Strict):
    id: str                  # one of StepId: the model check below makes sure each is there once
    label: str                        # short name used in the summary and "change" buttons
    names: list[str] = []             # other ways people name this figure
    question: str
    kind: InputKind
    figure: str                       # the figure written back: "{value} people"
    figure_one: str | None = None     # the same for exactly one: "1 person"
    needs: str                        # what the answer must be: "how many people"
    cues: list[str] = []              # words beside a figure that say it is this one
    per_outage: bool = False          # a figure for each outage: moot with none a year
    plausible: Plausible
    assumption: Assumption

    @field_validator("figure", "figure_one", "needs", "question", "label")
    @classmethod
    def _placeholders(cls, value: str | None, info: ValidationInfo) -> str | None:
        name = info.field_name or ""
        return value if value is None else _check(value, PLACEHOLDERS[name], name)


class DowntimeDialog(Strict):
    steps: list[CalcStep]
    conversions: dict[Literal[CONSTANTS], Conversion]  # type: ignore[valid-type]
    commands: Commands
    kinds: dict[str, str]             # what a reading looked like: "a length of time"
    assume_button: str
    keep_button: str
    reask: str
    assumed_ack: str
    got: str                          # "Got it: {figures}."
    got_hint: str                     # after the first "Got it": how to correct a figure
    got_join: str
    said: str
    said_range: str
    said_floor: str
    said_total: str
    said_total_range: str             # a yearly total given as a range: its middle, said so
    moved: str
    wrong_kind: str
    other_currency: str
    check_high: str
    check_low: str
    check_per_person: str
    check_update: str                 # a figure in an answer that changes an earlier one
    two_figures: str                  # two answers to one question: which?
    currency_set: str                 # money typed before any currency, now in the first one
    assumed_unread: str               # nothing readable twice: the assumption, said so
    no_outages: str                   # no outages: the figures per outage are 0, said so
    labels_join: str = " and "        # between figure names in one sentence
    which_figure: str
    line_labels: dict[str, str]
    result: str
    conversion_line: str
    verdicts: dict[VerdictId, str]
    input_line: str        # {label} {value} {source}
    input_said: str        # {text}: the user's own words
    input_assumed: str     # {note}
    change_prompt: str
    change_button: str
    result_button: str
    after_result: str      # a message after the result that is not about the calculator
    result_resume: str     # after a question answered once the result was shown

    @field_validator("reask", "assumed_ack", "got", "said", "said_range", "said_floor",
                     "said_total", "said_total_range", "check_update", "two_figures",
                     "currency_set", "assumed_unread", "no_outages", "moved", "wrong_kind",
                     "other_currency", "check_high",
                     "check_low", "check_per_person", "which_figure", "result",
                     "conversion_line", "input_line", "input_said", "input_assumed")
    @classmethod
    def _placeholders(cls, value: str, info: ValidationInfo) -> str:
        name = info.field_name or ""
        return _check(value, PLACEHOLDERS.get(name, set()), name)

    @field_validator("verdicts")
    @classmethod
    def _verdict_placeholders(cls, value: dict[str, str]) -> dict[str, str]:
        for key, template in value.items():
            _check(template, _FIGURES, f"verdicts.{key}")
        missing = set(get_args(VerdictId)) - set(value)
        if missing:
            raise ValueError(f"verdicts needs {', '.join(sorted(missing))}")
        return value

    @model_validator(mode="after")
    def _complete(self) -> DowntimeDialog:
        ids = [s.id for s in self.steps]
        if sorted(ids) != sorted(set(get_args(StepId))):
            raise ValueError("steps must list each calculator input exactly once: "
                             + ", ".join(get_args(StepId)))
        missing = set(CONSTANTS) - set(self.conversions)
        if missing:
            raise ValueError(f"conversions needs {', '.join(sorted(missing))}")
        if set(self.kinds) != set(get_args(ReadKind)):
            raise ValueError("kinds needs " + ", ".join(get_args(ReadKind)))
        return self
