"""Corrections and what-ifs typed to the guided advisor, as well as clicked.

"Actually we do have one part-time IT person" changes a stored answer and the result
with it; "what if we had no servers?" shows the ranking that answer would give beside
the current one and changes nothing (a button keeps the change). Both are read with the
same fact reader that reads the rest of the conversation.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..decision.model import DecisionModel
from ..decision.prompts import PREFIX
from ..decision.scoring import rank
from ..facts import Fact
from ..state import FlowState

TOP = 3


def changes(flow: FlowState, facts: Mapping[str, Fact]) -> dict[str, Fact]:
    """The facts that say something other than the answer on record."""
    return {f: x for f, x in facts.items() if f not in flow.answers or flow.answers[f] != x.option}


def what_if(model: DecisionModel, messages: Mapping[str, str], labels: Mapping[str, str],
            flow: FlowState, changed: Mapping[str, Fact], described: str) -> str:
    after = {**flow.answers, **{f: x.option for f, x in changed.items()}}
    return messages["what_if"].format(changes=described, new=_ranking(model, after, messages, labels),
                                      old=_ranking(model, flow.answers, messages, labels))


def keep_button(changed: Mapping[str, Fact]) -> str | None:
    """The answer button that applies a single change, or None when it changes several."""
    if len(changed) != 1:
        return None
    factor, fact = next(iter(changed.items()))
    return f"{PREFIX}.{factor}.{fact.option}" if fact.option else None


def _ranking(model: DecisionModel, answers: Mapping[str, str | None], messages: Mapping[str, str],
             labels: Mapping[str, str]) -> str:
    return ", ".join(messages["ranking_item"].format(rank=i, model=labels[m], score=f"{s:.0%}")
                     for i, (m, s) in enumerate(rank(model, answers)[:TOP], 1))
