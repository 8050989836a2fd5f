"""The guided advisor's decision model: read answers, rank the seven models, explain.

Pure and deterministic: no I/O, no clock, no randomness. Content comes in already
validated (schema.py shapes knowledge/factors.yaml and dialogs/advisor.yaml);
`compile_model` checks its meaning and builds the tables everything else reads.

    model = compile_model(factors, names=..., labels=..., order=dialog.order)
    reading = interpret(model, "internal_it", "one IT guy who is swamped")
    factor = next_factor(model, answers, asked)          # None: ready to recommend
    rec = recommend(model, answers, texts)
    chat_text(rec, model, dialog); summary_markdown(rec, model, dialog)
"""
from .checks import check_dialog
from .explain import Change, Ranked, Recommendation, recommend
from .interpret import Interpretation, interpret
from .model import DecisionModel, compile_model
from .prompts import answer_ack, followup_buttons, question_buttons, question_text, read_option_id, reask_text
from .render import chat_text, compare_text, summary_markdown, why_not_text
from .schema import AdvisorDialog, FactorsFile
from .scoring import can_change, next_factor, rank

__all__ = [
    "AdvisorDialog", "Change", "DecisionModel", "FactorsFile", "Interpretation", "Ranked",
    "Recommendation", "answer_ack", "can_change", "chat_text", "check_dialog", "compare_text",
    "compile_model", "followup_buttons", "interpret", "next_factor", "question_buttons",
    "question_text", "rank", "read_option_id", "reask_text", "recommend", "summary_markdown",
    "why_not_text",
]
