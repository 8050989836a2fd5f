"""A Recommendation as chat text and as a Markdown summary to keep, plus the follow-ups.

Every sentence comes from dialogs/advisor.yaml; this module only chooses which
template applies and fills it.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from .explain import Change, Recommendation, differences, favouring, quote, reasons_for
from .model import DecisionModel
from .schema import AdvisorDialog


def chat_text(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> str:
    """The short result message: pick, reasons, runner-up, what would flip it, pro tip."""
    t = dialog.result
    lines = [t.headline.format(model=model.names[rec.top], score=_score(rec, rec.top)),
             t.reasons_intro]
    lines += _reason_lines(rec, model, dialog, dialog.chat_reasons)
    lines += _change_lines(rec, model, dialog)
    lines.append(t.pro_tip.format(tip=rec.pro_tip))
    return "\n".join(lines)


def _change_lines(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> list[str]:
    """The runner-up line and the "what would change this" line, told as one story: when a
    single answer would put the runner-up first, that is the runner-up's line; a second
    answer that would do the same is said to be another one, not a rival claim."""
    coherent = _coherent(rec)
    lines = [_runner_up_line(coherent, model, dialog)]
    flip, runner = coherent.flip, coherent.runner_up_change
    if _same(flip, runner):
        return lines
    if flip is not None and flip.model == coherent.runner_up and runner is not None and runner.wins:
        lines.append(dialog.result.flip_also.format(topic=_topic(dialog, flip.factor), option=flip.label,
                                                    model=model.names[flip.model]))
    else:
        lines.append(_flip_line(coherent, model, dialog))
    return lines


def _summary_changes(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> list[str]:
    """The runner-up section and the "what would change it" section, coherent as in chat."""
    lines = _change_lines(rec, model, dialog)
    flip = lines[1] if len(lines) > 1 else _flip_line(_coherent(rec), model, dialog)
    return [lines[0], dialog.result.summary.flip_heading, flip]


def _coherent(rec: Recommendation) -> Recommendation:
    """A runner-up "helped most" by one answer while another answer would make it win is
    told by the winning one."""
    flip, runner = rec.flip, rec.runner_up_change
    if flip is not None and flip.model == rec.runner_up and (runner is None or not runner.wins):
        return replace(rec, runner_up_change=flip)
    return rec


def _reason_lines(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog,
                  limit: int) -> list[str]:
    t = dialog.result
    if not rec.reasons:
        return [t.fallback_reason.format(model=model.names[rec.top])]
    return [t.reason.format(reason=r) for r in rec.reasons[:limit]]


def _score(rec: Recommendation, model_id: str) -> str:
    return f"{rec.score_of(model_id):.2f}"


def _same(a: Change | None, b: Change | None) -> bool:
    return a is not None and b is not None and (a.factor, a.option) == (b.factor, b.option)


def _topic(dialog: AdvisorDialog, factor_id: str) -> str:
    return dialog.questions[factor_id].topic


def _runner_up_line(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> str:
    t, change, name = dialog.result, rec.runner_up_change, model.names[rec.runner_up]
    if change is None:
        return t.runner_up_plain.format(model=name)
    template = t.runner_up_wins if change.wins else t.runner_up_closer
    return template.format(model=name, topic=_topic(dialog, change.factor), option=change.label)


def _flip_line(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> str:
    if rec.flip is None:
        return dialog.result.no_flip
    return dialog.result.flip.format(topic=_topic(dialog, rec.flip.factor), option=rec.flip.label,
                                     model=model.names[rec.flip.model])


def summary_markdown(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog,
                     unreadable: Collection[str] = ()) -> str:
    """The document to keep: answers, ranking, reasons, runner-up, flip, assumptions."""
    s = dialog.result.summary
    parts = [s.title, s.intro.format(model=model.names[rec.top], score=_score(rec, rec.top)),
             s.answers_heading, s.answer_header, *_answer_rows(rec, model, dialog),
             s.ranking_heading, s.ranking_header, *_ranking_rows(rec, model, dialog),
             s.reasons_heading.format(model=model.names[rec.top]),
             *_reason_lines(rec, model, dialog, len(rec.reasons)),
             s.runner_up_heading, *_summary_changes(rec, model, dialog),
             s.assumptions_heading, *_assumptions(rec, model, dialog, unreadable),
             s.pro_tip_heading, rec.pro_tip]
    return "\n\n".join(_blocks(parts)) + "\n"


def _blocks(parts: list[str]) -> list[str]:
    """Keep table rows and bullets together; separate everything else by a blank line."""
    out: list[str] = []
    for part in parts:
        if out and part.startswith(("|", "- ")) and out[-1].split("\n")[-1].startswith(("|", "- ")):
            out[-1] += "\n" + part
        else:
            out.append(part)
    return out


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _answer_rows(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> list[str]:
    s = dialog.result.summary
    rows = []
    for factor_id in model.order:
        if factor_id not in rec.answers:
            continue
        option_id = rec.answers[factor_id]
        label = model.factor(factor_id).option(option_id).label if option_id else s.option_missing
        said = quote(rec.texts.get(factor_id) or label, dialog.doc_quote_chars)
        q = dialog.questions[factor_id]
        rows.append(s.answer_row.format(topic=q.topic, question=_cell(q.question),
                                        answer=_cell(said), option=label))
    return rows


def _ranking_rows(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog) -> list[str]:
    s = dialog.result.summary
    rows = []
    for i, r in enumerate(rec.ranking, 1):
        cells = [s.ranking_reason.format(topic=_topic(dialog, f),
                                         option=model.factor(f).option(o).label)
                 for f, o in favouring(model, rec.answers, r.model, None, 3)]
        rows.append(s.ranking_row.format(rank=i, model=model.names[r.model],
                                         score=_score(rec, r.model), reasons="; ".join(cells)))
    return rows


def _assumptions(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog,
                 unreadable: Collection[str]) -> list[str]:
    s = dialog.result.summary
    lines = []
    for factor_id in model.order:
        if factor_id in rec.answers and rec.answers[factor_id] is None:
            template = s.assumption_unreadable if factor_id in unreadable else s.assumption_unsure
            lines.append(template.format(topic=_topic(dialog, factor_id)))
    skipped = [_topic(dialog, f) for f in model.order if f not in rec.answers]
    if skipped:
        lines.append(s.assumption_not_asked.format(topics=", ".join(skipped)))
    return lines or [s.no_assumptions]


def why_not_text(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog,
                 other: str | None = None) -> str:
    """ "Why not <runner-up>?": its known drawback, then the answers that favour the pick. An
    intro promising reasons is only used when there are fresh ones to list: otherwise one
    sentence says the reasons already given decide it, or that none of the answers does."""
    t, other = dialog.result, other or rec.runner_up
    fill = {"model": model.names[other], "top": model.names[rec.top], "why_not": model.why_not[other]}
    points = reasons_for(model, rec.answers, rec.texts, rec.top, other, len(model.factors))
    shown = set(rec.reasons[:dialog.chat_reasons])
    fresh = [p for p in points if p not in shown][:dialog.chat_reasons]
    if fresh:
        return "\n".join([t.why_not.format(**fill), *(t.why_not_point.format(reason=p) for p in fresh)])
    return (t.why_not_same if points else t.why_not_even).format(**fill)


def compare_text(rec: Recommendation, model: DecisionModel, dialog: AdvisorDialog,
                 other: str | None = None) -> str:
    """The top pick against another model (default the runner-up), answer by answer."""
    t, other = dialog.result, other or rec.runner_up
    names = {"top": model.names[rec.top], "other": model.names[other]}
    rows = differences(model, rec.answers, rec.top, other)
    if not rows:
        return t.compare_even.format(**names)
    lines = [t.compare_headline.format(**names)]
    for f, favoured in rows:
        option = model.factor(f).option(rec.answers[f])  # type: ignore[arg-type]
        lines.append(t.compare_point.format(topic=_topic(dialog, f), model=model.names[favoured],
                                            answer=quote(rec.texts.get(f) or option.label,
                                                         model.reasons.quote_chars)))
    return "\n".join(lines)
