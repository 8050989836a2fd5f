"""What the advisor shows while asking: question text, re-asks and buttons.

Button ids: `advisor.<factor>.<option>` for an answer and `advisor.<factor>.unsure`
for "not sure"; `read_option_id` turns a clicked id back into (factor, option).
Follow-up buttons after a result use the ids in advisor.yaml's `followups`.
"""
from __future__ import annotations

from ..types import Option as Button
from .explain import Recommendation
from .model import DecisionModel
from .schema import AdvisorDialog

UNSURE = "unsure"
PREFIX = "advisor"


def followup_buttons(rec: Recommendation, model: DecisionModel,
                     dialog: AdvisorDialog) -> tuple[Button, ...]:
    fill = {"top": model.labels[rec.top], "runner_up": model.labels[rec.runner_up]}
    return tuple(Button(f.id, f.label.format(**fill)) for f in dialog.followups)


def question_text(model: DecisionModel, dialog: AdvisorDialog, factor_id: str) -> str:
    return dialog.questions[factor_id].question


def question_buttons(model: DecisionModel, dialog: AdvisorDialog,
                     factor_id: str) -> tuple[Button, ...]:
    """One button per option, then "not sure"."""
    options = model.factor(factor_id).options
    return (*(Button(f"{PREFIX}.{factor_id}.{o.id}", o.label) for o in options),
            Button(f"{PREFIX}.{factor_id}.{UNSURE}", dialog.unsure_label))


def reask_text(model: DecisionModel, dialog: AdvisorDialog, factor_id: str) -> str:
    labels = ", ".join(o.label for o in model.factor(factor_id).options)
    return dialog.reask.format(question=question_text(model, dialog, factor_id), options=labels)


def answer_ack(model: DecisionModel, dialog: AdvisorDialog, factor_id: str,
               option_id: str | None) -> str:
    """How an answer was read ("Got it: No IT staff."), or the not-sure line."""
    if option_id is None:
        return dialog.unsure_ack
    return dialog.answer_ack.format(label=model.factor(factor_id).option(option_id).label)


def read_option_id(model: DecisionModel, button_id: str) -> tuple[str, str | None] | None:
    """(factor, option or None for "not sure") for one of `question_buttons`' ids."""
    parts = button_id.split(".")
    if len(parts) != 3 or parts[0] != PREFIX or parts[1] not in model.factors:
        return None
    factor = model.factor(parts[1])
    if parts[2] == UNSURE:
        return factor.id, None
    return (factor.id, parts[2]) if parts[2] in {o.id for o in factor.options} else None
