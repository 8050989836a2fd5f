"""Validation pass two: what the graph means, one rule per check.

The shape of each file was checked by pydantic; here we check what only the whole
graph can show: links to nowhere, ids the ontology promises, answers too long for a
chat window, citations whose quote is not in the articles (knowledge/sources/),
answers that rest on nothing or tell the user where they came from ("the articles
say"), and (in `advisor validate`, since it needs the matcher) example questions
that the production matcher would route to some other node.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import combinations
from typing import TYPE_CHECKING, Any

from .errors import ContentProblem
from .sources import quote_problem

if TYPE_CHECKING:
    from .knowledge import Knowledge, Node
    from .matcher import Matcher
    from .router import Route
    from .schema import Citation

MAX_ANSWER_WORDS = 130
CITED_KINDS = ("model", "compare", "topic")     # answers about IT support itself rest on quotes
# Users hear what is known, not where it came from: a website visitor has no "article".
SOURCE_TALK = re.compile(r"\barticles?\b|\bthe sources?\b|\bfrom the source\b|\bone source\b",
                         re.IGNORECASE)
REQUIRED_MESSAGES = (
    "empty_input", "too_long", "unreadable", "unknown_option", "option_out_of_range",
    "did_you_mean", "interrupted_resume", "back_nothing", "store_down", "internal_error",
    "knowledge_updated_resume", "knowledge_updated_restart", "not_in_flow", "change_pick",
    "calc_needs_number", "human_unavailable", "bad_json", "bad_input", "no_summary",
    "chat_resuming", "store_busy", "store_broken", "facts_noted", "fallback_again", "which_model",
    "what_if", "what_if_keep", "corrected", "already_noted", "ranking_item", "session_expired",
    "session_expired_offer", "bad_session", "too_long_input", "rate_limited", "not_found",
    "method_not_allowed",
)


def check_graph(kb: Knowledge, factors_lines: Callable[[tuple[Any, ...]], int | None] | None = None,
                ) -> list[ContentProblem]:
    """`factors_lines`: the line of a path in factors.yaml, from the parse the loader already did."""
    from .decision.checks import check_dialog

    return [*_dangling_edges(kb), *_routes(kb), *_reading_ids(kb), *_ontology_ids(kb),
            *_answer_lengths(kb), *_messages(kb),
            *_model_labels(kb), *check_dialog(kb.advisor_dialog, kb.decision),
            *_citations(kb, factors_lines or (lambda loc: None)), *_source_talk(kb)]


def _dangling_edges(kb: Knowledge) -> list[ContentProblem]:
    return [ContentProblem(n.file, e.line or n.line, "dangling-edge", f"edge to unknown node '{e.to}'",
                           "fix the id or add the node", n.id)
            for n in kb.nodes.values() for e in n.edges if e.to not in kb.nodes]


def _reading_ids(kb: Knowledge) -> list[ContentProblem]:
    """Node ids named in knowledge/reading.yaml must exist; factor ids must be factors."""
    routing = kb.reading.routing
    named = [*routing.generic, *routing.requests, *routing.after_refusals, *routing.commands.values()]
    out = [ContentProblem("knowledge/reading.yaml", None, "dangling-route", f"unknown node '{n}'",
                          "use an existing node id") for n in named if n not in kb.nodes]
    factors = [("facts.about", f) for f in kb.reading.facts.about]
    factors += [("private.organisation_facts", f) for f in kb.reading.private.organisation_facts]
    out += [ContentProblem("knowledge/reading.yaml", None, "unknown-factor", f"{where} names '{f}'",
                           "use a factor id from knowledge/factors.yaml")
            for where, f in factors if f not in kb.decision.factors]
    return out


def _routes(kb: Knowledge) -> list[ContentProblem]:
    return [ContentProblem("knowledge/matching.yaml", None, "dangling-route",
                           f"unnamed_aspect_routes sends '{aspect}' to unknown node '{node}'",
                           "use an existing node id")
            for aspect, route in kb.matching.unnamed_aspect_routes.items()
            for node in [route.to] if node not in kb.nodes]


def required_ids(kb: Knowledge) -> list[str]:
    onto = kb.ontology
    ids = [f"model.{m}" + (f".{a}" if a else "") for m in onto.models for a in onto.model_aspects]
    ids += [f"compare.{a}.{b}" for a, b in combinations(sorted(onto.models), 2)]
    return ids + list(onto.topics) + list(onto.meta) + list(onto.flows)


def _ontology_ids(kb: Knowledge) -> list[ContentProblem]:
    out = [ContentProblem("knowledge/ontology.yaml", None, "missing-ontology-id",
                          f"node '{i}' is required but not defined", "add a node with this id", i)
           for i in required_ids(kb) if i not in kb.nodes]
    factors = kb.factors
    have = {f.id for f in factors.factors}
    out += [ContentProblem("knowledge/factors.yaml", None, "missing-factor",
                           f"factor '{f}' is required but not defined", "add it to factors", f)
            for f in kb.ontology.factors if f not in have]
    return out


def _answer_lengths(kb: Knowledge) -> list[ContentProblem]:
    return [ContentProblem(n.file, n.line, "answer-too-long",
                           f"answer has {len(n.answer.split())} words (max {MAX_ANSWER_WORDS})",
                           "shorten it: it is read in a chat window", n.id)
            for n in kb.nodes.values() if len(n.answer.split()) > MAX_ANSWER_WORDS]


def _messages(kb: Knowledge) -> list[ContentProblem]:
    return [ContentProblem("dialogs/messages.yaml", None, "missing-message",
                           f"message '{key}' is not defined", "add it under messages:")
            for key in REQUIRED_MESSAGES if key not in kb.messages]


def _model_labels(kb: Knowledge) -> list[ContentProblem]:
    """Generated examples use a model's label; it must normalise to that model's concept."""
    from .normalize import Normaliser

    norm = Normaliser(kb.synonyms.replace, kb.synonyms.concepts)
    return [ContentProblem(f"knowledge/models/{m.id}.yaml", None, "label-not-a-synonym",
                           f"label '{m.label}' is not recognised as model.{m.id}",
                           "add the label to synonyms.yaml concepts", f"model.{m.id}")
            for m in kb.models.values() if f"model.{m.id}" not in norm(m.label).concepts]


def example_collisions(kb: Knowledge, matcher: Matcher, *, leave_one_out: bool = False) -> list[ContentProblem]:
    """Match every authored example with the production matcher: it must land on its own node.

    With `leave_one_out` each example is first removed from the index, which asks the
    harder question an author wants answered: would a user's wording like this one,
    but not identical, still arrive? (A report for authors, not a shipping rule.)
    """
    from .matcher import FALLBACK
    from .reading import build_reader
    from .router import Router

    out = []
    router = Router(kb, matcher, build_reader(kb))
    for node in sorted(kb.nodes.values(), key=lambda n: n.id):
        for example in node.examples:
            skip = example if leave_one_out else None
            if node.id == FALLBACK:
                out += _not_refused(router.route(example, skip_example=skip), node, example)
                continue
            got = matcher.match(example, skip_example=skip).best
            if got is not None and got.node != node.id:
                out.append(_collision(node, example, got.node))
    return out


def _not_refused(route: Route, node: Node, example: str) -> list[ContentProblem]:
    """The fallback's examples are other trades' questions: what counts is that the advisor
    refuses them (its reading decides that, not only the closest example)."""
    if route.kind == "refuse":
        return []
    return [_collision(node, example, route.node or route.kind)]


def _collision(node: Node, example: str, other: str) -> ContentProblem:
    return ContentProblem(node.file, node.line, "example-collision",
                          f"example '{example}' matches '{other}' better than its own node",
                          "reword the example, move it to that node, or add a synonym", node.id)


def _citations(kb: Knowledge, factors_lines: Callable[[tuple[Any, ...]], int | None]) -> list[ContentProblem]:
    """Every quote is in its article; answers about IT support and model attributes rest on something."""
    out: list[ContentProblem | None] = []
    for node in sorted(kb.nodes.values(), key=lambda n: n.id):
        if node.kind in CITED_KINDS and not node.sources:
            out.append(ContentProblem(node.file, node.line, "uncited", "the answer has no sources",
                                      "add `sources:` quotes (or a judgement) it rests on", node.id))
        out += [_quote(kb, c, node.file, node.line, node.id) for c in node.sources]
    for model in kb.models.values():
        rel = f"knowledge/models/{model.id}.yaml"
        attrs = set(type(model.attributes).model_fields)
        out += [ContentProblem(rel, None, "uncited", f"attribute '{a}' has no sources",
                               f"add it under model.sources.{a}", f"model.{model.id}")
                for a in sorted(attrs) if not model.sources.get(a)]
        out += [ContentProblem(rel, None, "sources", f"'{a}' is not an attribute",
                               f"use one of: {', '.join(sorted(attrs))}", f"model.{model.id}")
                for a in sorted(set(model.sources) - attrs)]
        out += [_quote(kb, c, rel, None, f"model.{model.id}.{a}")
                for a, cs in model.sources.items() for c in cs]
    out += _factor_quotes(kb, factors_lines)
    return [p for p in out if p is not None]


def _factor_quotes(kb: Knowledge, line_of: Callable[[tuple[Any, ...]], int | None]) -> list[ContentProblem | None]:
    from .decision.checks import FACTORS_FILE, citations

    return [_quote(kb, c, FACTORS_FILE, line_of((*loc, "quote")), where)
            for loc, where, c in citations(kb.factors)]


def _quote(kb: Knowledge, c: Citation, file: str, line: int | None, where: str) -> ContentProblem | None:
    if c.quote is None:
        return None
    why = quote_problem(kb.sources, c.source or "", c.quote)
    return None if why is None else ContentProblem(
        file, line, "bad-quote", why, "quote the article's own words (case, spacing and "
        "punctuation may differ), or give a judgement instead", where)


def _source_talk(kb: Knowledge) -> list[ContentProblem]:
    """No answer, reason, tip or dialog line tells the user what "the articles" say."""
    return [ContentProblem(file, line, "source-talk", f"'{m.group(0)}' in text the user reads",
                           "say what is known, not where it came from", where)
            for file, line, where, text in _user_texts(kb)
            for m in [SOURCE_TALK.search(text)] if m]


def _user_texts(kb: Knowledge) -> Iterator[tuple[str, int | None, str, str]]:
    for node in kb.nodes.values():
        yield node.file, node.line, node.id, f"{node.title}\n{node.answer}"
    for model in kb.models.values():
        for attr, text in model.attributes.model_dump().items():
            yield f"knowledge/models/{model.id}.yaml", None, f"model.{model.id}.{attr}", text
    factors = kb.factors
    for m in factors.models:
        yield "knowledge/factors.yaml", None, m.id, f"{m.pro_tip}\n{m.why_not}"
    for f in factors.factors:
        for o in f.options:
            for entry in o.support:
                if entry.reason:
                    yield "knowledge/factors.yaml", None, f"{f.id}.{o.id}", entry.reason
    yield from _strings("dialogs/advisor.yaml", kb.advisor_dialog.model_dump())
    yield from _strings("dialogs/downtime.yaml", kb.downtime_dialog.model_dump())
    yield from _strings("dialogs/messages.yaml", dict(kb.messages))
    for channel, wording in kb.channels.items():
        yield from _strings(f"dialogs/channels/{channel}.yaml", dict(wording))


def _strings(file: str, data: Any, where: str = "") -> Iterator[tuple[str, int | None, str, str]]:
    if isinstance(data, str):
        yield file, None, where, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(file, v, f"{where}.{k}" if where else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(file, v, f"{where}[{i}]")
