"""The compiled knowledge graph: nodes, edges, models, synonyms, dialog wording.

Loading is two passes (like Rasa's flow loader): every file's shape first
(`schema.py`, errors carry file and line), then the graph is compiled here and its
meaning checked in `validate.py`. Templates in YAML are expanded at load time, so
the 20 generated comparisons and the shared example questions are ordinary nodes
by the time the matcher sees them. The articles in knowledge/sources/ load with the
content (never from anywhere else): they are what every citation is checked against.
"""
from __future__ import annotations

import difflib
import hashlib
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import schema as s
from .errors import ContentError, ContentProblem
from .sources import SOURCES_DIR, Source, load_sources
from .yamlio import YamlDoc, duplicate_keys, read_yaml

ASPECT_NODE = "overview"


@dataclass(frozen=True)
class Edge:
    to: str
    type: str
    label: str | None = None
    line: int | None = None           # where the edge is written, for the validator's messages


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    title: str
    answer: str
    examples: tuple[str, ...]
    edges: tuple[Edge, ...]
    kind: str                         # model | compare | topic | flow | meta
    file: str
    line: int | None = None
    models: tuple[str, ...] = ()
    aspect: str | None = None
    template_examples: tuple[str, ...] = ()
    sources: tuple[s.Citation, ...] = ()   # what the answer rests on

    @property
    def all_examples(self) -> tuple[str, ...]:
        return self.examples + self.template_examples


@dataclass
class Knowledge:
    root: Path
    version: str
    nodes: dict[str, Node]
    models: dict[str, s.ModelSpec]
    synonyms: s.SynonymsFile
    matching: s.MatchingFile
    ontology: s.OntologyFile
    messages: dict[str, str]
    channels: dict[str, dict[str, str]] = field(default_factory=dict)   # dialogs/channels/<name>.yaml
    docs: dict[str, Any] = field(default_factory=dict)   # other validated files by relative path
    decision: Any = None                                  # bot.decision.model.DecisionModel
    reading: Any = None                                   # knowledge/reading.yaml (bot.reading_schema)
    sources: dict[str, Source] = field(default_factory=dict)   # knowledge/sources/, the ground truth


def _files(root: Path) -> dict[str, type[BaseModel]]:
    from .decision.schema import AdvisorDialog, FactorsFile
    from .flows.downtime_schema import DowntimeDialog
    from .reading_schema import ReadingFile

    table: dict[str, type[BaseModel]] = {
        "knowledge/ontology.yaml": s.OntologyFile,
        "knowledge/synonyms.yaml": s.SynonymsFile,
        "knowledge/matching.yaml": s.MatchingFile,
        "knowledge/aspects.yaml": s.AspectsFile,
        "knowledge/compare.yaml": s.CompareFile,
        "knowledge/topics.yaml": s.NodesFile,
        "knowledge/flows.yaml": s.NodesFile,
        "knowledge/factors.yaml": FactorsFile,
        "knowledge/reading.yaml": ReadingFile,
        "dialogs/meta.yaml": s.NodesFile,
        "dialogs/messages.yaml": s.MessagesFile,
        "dialogs/advisor.yaml": AdvisorDialog,
        "dialogs/downtime.yaml": DowntimeDialog,
    }
    for path in sorted((root / "knowledge" / "models").glob("*.yaml")):
        table[path.relative_to(root).as_posix()] = s.ModelFile
    for path in sorted((root / "dialogs" / "channels").glob("*.yaml")):
        table[path.relative_to(root).as_posix()] = s.ChannelFile
    return table


def _shape_pass(root: Path) -> tuple[dict[str, tuple[YamlDoc, Any]], list[ContentProblem], str]:
    docs: dict[str, tuple[YamlDoc, Any]] = {}
    problems: list[ContentProblem] = []
    digest = hashlib.sha256()
    for rel, model in _files(root).items():
        path = root / rel
        if not path.is_file():
            problems.append(ContentProblem(rel, None, "missing-file", "file not found",
                                           f"create {rel} (see the README's authoring guide)"))
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes())
        doc = read_yaml(path, rel)
        if isinstance(doc, ContentProblem):
            problems.append(doc)
            continue
        duplicated = duplicate_keys(doc.root, rel)
        if duplicated:
            problems.extend(duplicated)
            continue
        if not isinstance(doc.data, dict):
            problems.append(_not_a_mapping(rel, doc, model))
            continue
        try:
            docs[rel] = (doc, model.model_validate(doc.data))
        except ValidationError as exc:
            problems.extend(_shape_problems(rel, doc, model, exc))
    return docs, problems, digest.hexdigest()[:12]


def _not_a_mapping(rel: str, doc: YamlDoc, model: type[BaseModel]) -> ContentProblem:
    keys = ", ".join(f"'{k}'" for k, f in model.model_fields.items() if f.is_required()) or "its keys"
    if doc.data is None:
        return ContentProblem(rel, 1, "empty-file", "the file is empty", f"it needs the top-level key(s) {keys}")
    return ContentProblem(rel, doc.line_of(()), "schema", f"the top level is a {type(doc.data).__name__}, "
                          "not a mapping of keys", f"start the file with the top-level key(s) {keys}")


def _shape_problems(rel: str, doc: YamlDoc, model: type[BaseModel],
                    exc: ValidationError) -> list[ContentProblem]:
    errors = exc.errors()
    extras = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and _misspelt_as(loc, extras):
            continue   # reported once, as the unknown key that is its misspelling
        out.append(ContentProblem(rel, doc.line_of(loc), "schema", *_explain(err, model)))
    return out


def _misspelt_as(loc: tuple[Any, ...], extras: set[tuple[Any, ...]]) -> bool:
    return any(e[:-1] == loc[:-1] and difflib.get_close_matches(str(loc[-1]), [str(e[-1])], n=1)
               for e in extras)


def _explain(err: Any, model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) an author can act on, naming the key rather than pydantic's error type."""
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc) or "(top level)"
    key = str(loc[-1]) if loc else ""
    if err["type"] == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else \
            f"remove it, or use one of: {', '.join(allowed)}" if allowed else "remove or rename this key"
        return f"{where}: unknown key '{key}'", hint
    if err["type"] == "missing":
        return f"{where}: required key '{key}' is missing", f"add '{key}:' here"
    return f"{where}: {err['msg']}", f"fix the value at '{where}'"


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The keys the schema allows at `path`, found by walking the pydantic model's annotations."""
    current: Any = model
    for part in path:
        current = _optional(current)
        if _is_model(current):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        else:
            args = get_args(current)
            current = args[-1] if args else None    # list[X], tuple[X, ...], dict[K, X] -> X
        if current is None:
            return []
    current = _optional(current)
    return sorted(current.model_fields) if _is_model(current) else []


def _optional(annotation: Any) -> Any:
    args = get_args(annotation)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def load_knowledge(root: Path) -> Knowledge:
    """Load, compile and check a content root; raise ContentError listing every problem."""
    from .decision.checks import FACTORS_FILE
    from .validate import check_graph

    docs, problems, version = _shape_pass(root)
    sources = load_sources(root / SOURCES_DIR)
    if not sources:
        problems.append(ContentProblem(SOURCES_DIR, None, "missing-file", "no articles found",
                                       f"put the source articles in {SOURCES_DIR}/ as .txt files"))
    if problems:
        raise ContentError(problems)
    kb = _compile(root, version, docs)
    kb.sources = sources
    factors = docs.get(FACTORS_FILE)
    problems = check_graph(kb, factors[0].line_of if factors else None)
    if problems:
        raise ContentError(problems)
    return kb


def _compile(root: Path, version: str, docs: dict[str, tuple[YamlDoc, Any]]) -> Knowledge:

    def get(rel: str) -> Any:
        return docs[rel][1]

    nodes: dict[str, Node] = {}
    dupes: list[ContentProblem] = []
    aspects = {a.id: a.examples for a in get("knowledge/aspects.yaml").aspects}
    models: dict[str, s.ModelSpec] = {}
    for rel, (doc, parsed) in docs.items():
        if isinstance(parsed, s.ModelFile):
            models[parsed.model.id] = parsed.model
            for i, spec in enumerate(parsed.nodes):
                node = _model_node(spec, parsed.model, aspects, rel, _At(doc, ("nodes", i)))
                _add(nodes, node, dupes)
    for rel, kind in (("knowledge/topics.yaml", "topic"), ("knowledge/flows.yaml", "flow"),
                      ("dialogs/meta.yaml", "meta")):
        doc, parsed = docs[rel]
        for i, spec in enumerate(parsed.nodes):
            _add(nodes, _plain_node(spec, kind, rel, _At(doc, ("nodes", i))), dupes)
    for node in _compare_nodes(docs["knowledge/compare.yaml"], models):
        _add(nodes, node, dupes)
    kb = Knowledge(root, version, nodes, models, get("knowledge/synonyms.yaml"),
                   get("knowledge/matching.yaml"), get("knowledge/ontology.yaml"),
                   dict(get("dialogs/messages.yaml").messages),
                   {Path(rel).stem: dict(parsed.texts) for rel, (_, parsed) in docs.items()
                    if isinstance(parsed, s.ChannelFile)},
                   {rel: parsed for rel, (_, parsed) in docs.items()})
    if dupes:
        raise ContentError(dupes)
    kb.decision = _decision(kb)
    kb.reading = get("knowledge/reading.yaml")
    return kb


def _decision(kb: Knowledge) -> Any:
    from .decision.model import compile_model

    return compile_model(kb.docs["knowledge/factors.yaml"],
                         names={m.id: m.name for m in kb.models.values()},
                         labels={m.id: m.label for m in kb.models.values()},
                         order=kb.docs["dialogs/advisor.yaml"].order)


def _add(nodes: dict[str, Node], node: Node, dupes: list[ContentProblem]) -> None:
    if node.id in nodes:
        first = nodes[node.id]
        dupes.append(ContentProblem(node.file, node.line, "duplicate-id",
                                    f"'{node.id}' is already defined at {first.file}:{first.line}",
                                    "give one of them another id", node.id))
    nodes[node.id] = node


@dataclass(frozen=True)
class _At:
    """Where a node is written: its document and path, so it and its edges get their lines."""

    doc: YamlDoc
    loc: tuple[Any, ...]

    @property
    def line(self) -> int | None:
        return self.doc.line_of(self.loc)

    def edge_line(self, index: int) -> int | None:
        return self.doc.line_of((*self.loc, "edges", index))


def _edges(specs: list[s.EdgeSpec], at: _At, fmt: dict[str, Any] | None = None) -> tuple[Edge, ...]:
    def fill(text: str) -> str:
        return text.format(**fmt) if fmt else text

    return tuple(Edge(fill(e.to), e.type, fill(e.label) if e.label else None, at.edge_line(j))
                 for j, e in enumerate(specs))


def _plain_node(spec: s.NodeSpec, kind: str, rel: str, at: _At) -> Node:
    return Node(spec.id, spec.label, spec.title, spec.answer.strip(), tuple(spec.examples),
                _edges(spec.edges, at), kind, rel, at.line, sources=tuple(spec.sources))


def _model_node(spec: s.NodeSpec, model: s.ModelSpec, aspects: dict[str, list[str]],
                rel: str, at: _At) -> Node:
    prefix = f"model.{model.id}"
    aspect = spec.id[len(prefix) + 1:] if spec.id.startswith(prefix + ".") else ASPECT_NODE
    names = (model.label, model.name)
    templated = tuple(t.format(model=n) for t in aspects.get(aspect, []) for n in names[:1])
    return Node(spec.id, spec.label, spec.title, spec.answer.strip(), tuple(spec.examples),
                _edges(spec.edges, at), "model", rel, at.line, (model.id,), aspect, templated,
                tuple(spec.sources))


def _model_ns(model: s.ModelSpec) -> SimpleNamespace:
    return SimpleNamespace(id=model.id, label=model.label, name=model.name,
                           **model.attributes.model_dump())


def _attribute_sources(template: str, a: s.ModelSpec, b: s.ModelSpec) -> tuple[s.Citation, ...]:
    """A generated comparison rests on what the attributes it shows rest on."""
    used = dict.fromkeys(f.split(".", 1)[1] for _, f, _, _ in string.Formatter().parse(template)
                         if f and "." in f)
    return tuple(c for m in (a, b) for attr in used for c in m.sources.get(attr, []))


def _compare_nodes(entry: tuple[YamlDoc, s.CompareFile], models: dict[str, s.ModelSpec]) -> list[Node]:
    doc, parsed = entry
    rel = "knowledge/compare.yaml"
    written = {p.id: (i, p) for i, p in enumerate(parsed.pairs)}
    tpl = parsed.template
    out = []
    ids = sorted(models)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            fmt = {"a": _model_ns(models[a]), "b": _model_ns(models[b])}
            examples = tuple(e.format(a=models[a].label, b=models[b].label) for e in tpl.examples)
            node_id = f"compare.{a}.{b}"
            if node_id in written:
                idx, spec = written.pop(node_id)
                base = _plain_node(spec, "compare", rel, _At(doc, ("pairs", idx)))
            else:
                base = Node(node_id, tpl.label.format(**fmt), tpl.title.format(**fmt),
                            tpl.answer.format(**fmt).strip(), (), _edges(tpl.edges, _At(doc, ("template",)), fmt),
                            "compare", rel, doc.line_of(("template",)),
                            sources=_attribute_sources(tpl.answer, models[a], models[b]))
            out.append(replace(base, models=(a, b), template_examples=examples))
    out.extend(_plain_node(p, "compare", rel, _At(doc, ("pairs", i))) for i, p in written.values())
    return out

