"""Shape of dialogs/downtime.yaml: the calculator's questions, assumptions and wording."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..schema import Strict

InputKind = Literal["count", "hours", "per_year", "money_per_hour", "money_per_month"]


class Assumption(Strict):
    value: float = Field(ge=0)
    note: str                         # why this figure, shown beside it


class CalcStep(Strict):
    id: Literal["staff_affected", "cost_per_staff_hour", "incidents_per_year",
                "downtime_hours_per_incident", "breakfix_rate", "tech_hours_per_incident",
                "managed_monthly_fee"]
    label: str                        # short name used in the summary and "change" buttons
    question: str
    kind: InputKind
    assumption: Assumption


class DowntimeDialog(Strict):
    steps: list[CalcStep]
    assume_button: str
    reask: str
    assumed_ack: str
    line_labels: dict[str, str]
    result: str
    verdicts: dict[Literal["managed_cheaper", "breakeven", "cannot", "no_downtime"], str]
    input_line: str        # {label} {value} {source}
    input_said: str        # {text}: the user's own words
    input_assumed: str     # {note}
    change_prompt: str
    change_button: str
    result_button: str
