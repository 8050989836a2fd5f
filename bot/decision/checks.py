"""Validation pass two for the advisor's content: what pydantic's shapes cannot say.

Every weight names all seven models and is accounted for by a `support` entry (a
quote or a judgement); every model an answer lifts has exactly one reason, written
for it, and no reason sits on a model the answer does not lift (it would never be
said, or be said of the wrong model); yes/no and `combines` name real options,
reason templates use only {answer}, the dialog's question order lists every factor
and advisor.yaml asks a question for each. Whether the quotes are really in the
articles is checked by `bot/validate.py`, which has them. Problems are collected,
never raised one by one.
"""
from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ContentProblem
from ..schema import Citation
from .schema import AdvisorDialog, FactorsFile, FactorSpec, OptionSpec

if TYPE_CHECKING:
    from .model import DecisionModel

SCALE = 100               # weights are kept as whole hundredths of a point
FACTORS_FILE = "knowledge/factors.yaml"
DIALOG_FILE = "dialogs/advisor.yaml"
REASON_FIELDS = frozenset({"answer"})
RESULT_FIELDS = frozenset({"model", "score", "reason", "topic", "option", "tip", "top", "other",
                           "why_not", "answer", "question", "rank", "reasons", "topics"})
FOLLOWUP_FIELDS = frozenset({"top", "runner_up"})


def _too_fine(value: float) -> bool:
    return abs(value * SCALE - round(value * SCALE)) > 1e-9


def _problem(where: str, rule: str, message: str, hint: str) -> ContentProblem:
    return ContentProblem(FACTORS_FILE, None, rule, message, hint, where)


def check_factors(spec: FactorsFile, names: Mapping[str, str],
                  order: Sequence[str] | None) -> list[ContentProblem]:
    """Every meaning problem in factors.yaml (and the dialog's order), in file order."""
    models = [m.id for m in spec.models]
    out = [_problem(m, "missing-name", f"model {m!r} has no display name",
                    "add it to knowledge/models/") for m in models if m not in names]
    out += _duplicates(models, "models", "model")
    out += _duplicates([f.id for f in spec.factors], "factors", "factor")
    out += [_problem(m.id, "weight-scale", "prior is finer than 0.01", "round it")
            for m in spec.models if _too_fine(m.prior)]
    out += [_problem(m.id, "uncited", f"prior {m.prior} has no prior_sources",
                     "cite the sentence it rests on, or give a judgement")
            for m in spec.models if m.prior and not m.prior_sources]
    for factor in spec.factors:
        out += _check_factor(factor, set(models))
    if order is not None and sorted(order) != sorted(f.id for f in spec.factors):
        out.append(ContentProblem(DIALOG_FILE, None, "order",
                                  "order must list every factor id exactly once",
                                  f"use: {', '.join(f.id for f in spec.factors)}"))
    return out


def _duplicates(ids: list[str], where: str, kind: str) -> list[ContentProblem]:
    seen = {i for i in ids if ids.count(i) > 1}
    return [_problem(where, "duplicate-id", f"{kind} {i!r} appears twice", "keep one")
            for i in sorted(seen)]


def _check_factor(factor: FactorSpec, models: set[str]) -> list[ContentProblem]:
    where = factor.id
    out = _duplicates([o.id for o in factor.options], where, "option")
    option_ids = {o.id for o in factor.options}
    for key in (factor.if_yes, factor.if_no):
        if key is not None and key not in option_ids:
            out.append(_problem(where, "yes-no", f"{key!r} is not an option", "name an option id"))
    for o in factor.options:
        if not set(o.combines) <= option_ids - {o.id} or len(o.combines) == 1:
            out.append(_problem(f"{where}.{o.id}", "combines", "combines must name two or more "
                                "other options of the factor", "fix the option ids"))
    for o in factor.options:
        at = f"{where}.{o.id}"
        if set(o.weights) != models:
            out.append(_problem(at, "weights", "weights must name every model exactly",
                                f"use: {', '.join(sorted(models))}"))
        if any(_too_fine(w) for w in o.weights.values()):
            out.append(_problem(at, "weight-scale", "a weight is finer than 0.01", "round it"))
        if o.range is not None and o.range[0] > o.range[1]:
            out.append(_problem(at, "range", "range low is above high", "swap them"))
        out += _check_support(o, models, at)
    return out


def _check_support(o: OptionSpec, models: set[str], at: str) -> list[ContentProblem]:
    """Each model's weight accounted for; one reason per lifted model, none on others."""
    out = []
    named = [m for s in o.support for m in s.models]
    if not set(named) <= models:
        out.append(_problem(at, "support", f"support names unknown model(s) "
                            f"{sorted(set(named) - models)}", "fix the ids"))
    for m in sorted(models - set(named)):
        out.append(_problem(at, "uncited", f"the weight for {m!r} has neither a quote nor a "
                            "judgement", "add it to a support entry's models"))
    reasons = {m: [s.reason for s in o.support if s.reason and m in s.models] for m in models}
    for m in sorted(models):
        lifted = o.weights.get(m, 0) > 0
        if lifted and len(reasons[m]) != 1:
            out.append(_problem(at, "reason", f"{m!r} gets {o.weights[m]:+g} but has "
                                f"{len(reasons[m])} reasons", "give it exactly one support "
                                "entry with a reason written for it"))
        if not lifted and reasons[m]:
            out.append(_problem(at, "reason", f"a reason is attached to {m!r}, which this answer "
                                "does not lift, so it would never be said", "move that model to "
                                "an entry without a reason"))
    for s in o.support:
        if s.reason:
            out += _check_fields(s.reason, REASON_FIELDS, at)
    return out


def citations(spec: FactorsFile) -> Iterator[tuple[tuple[Any, ...], str, Citation]]:
    """Every citation in factors.yaml: (its YAML path, a readable place, the citation)."""
    for i, m in enumerate(spec.models):
        for key in ("prior_sources", "pro_tip_sources", "why_not_sources"):
            for j, c in enumerate(getattr(m, key)):
                yield ("models", i, key, j), f"{m.id}.{key}", c
    for i, f in enumerate(spec.factors):
        for j, o in enumerate(f.options):
            for k, c in enumerate(o.support):
                yield ("factors", i, "options", j, "support", k), f"{f.id}.{o.id}", c


def _check_fields(template: str, allowed: frozenset[str], where: str,
                  file: str = FACTORS_FILE) -> list[ContentProblem]:
    try:
        used = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as exc:
        return [ContentProblem(file, None, "template", str(exc), "balance the braces", where)]
    bad = used - allowed
    return [ContentProblem(file, None, "template", f"unknown placeholder {{{b}}}",
                           f"use only {sorted(allowed)}", where) for b in sorted(bad)]


def check_dialog(dialog: AdvisorDialog, model: DecisionModel) -> list[ContentProblem]:
    """advisor.yaml against the compiled model: a question per factor, known placeholders."""
    out = [ContentProblem(DIALOG_FILE, None, "missing-question", f"no question for {f!r}",
                          "add it under questions", f) for f in model.factors
           if f not in dialog.questions]
    out += [ContentProblem(DIALOG_FILE, None, "unknown-factor", f"{f!r} is not a factor",
                           "remove it or fix the id", f) for f in dialog.questions
            if f not in model.factors]
    out += _check_fields(dialog.reask, frozenset({"question", "options"}), "reask", DIALOG_FILE)
    out += _check_fields(dialog.answer_ack, frozenset({"label"}), "answer_ack", DIALOG_FILE)
    templates = {**dialog.result.model_dump(exclude={"summary"}),
                 **{f"summary.{k}": v for k, v in dialog.result.summary.model_dump().items()}}
    for where, text in templates.items():
        out += _check_fields(text, RESULT_FIELDS, f"result.{where}", DIALOG_FILE)
    for f in dialog.followups:
        out += _check_fields(f.label, FOLLOWUP_FIELDS, f"followups.{f.id}", DIALOG_FILE)
    return out
