"""The compiled knowledge graph: nodes, edges, models, synonyms, dialog wording.

Loading is two passes (like Rasa's flow loader): every file's shape first
(`shape_pass` here, with the schema table `loading.py` hands it; errors carry file and
line), then the graph is compiled here and its meaning checked in `validate.py`.
Templates in YAML are expanded at load time, so the 20 generated comparisons and the
shared example questions are ordinary nodes by the time the matcher sees them. The
articles in knowledge/sources/ load with the content (never from anywhere else): they
are what every citation is checked against.

This module knows the graph and the shape of files, nothing above them: `loading.py`
names the files, compiles the decision model and builds `Knowledge` once, complete.
"""
from __future__ import annotations

import difflib
import hashlib
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel, ValidationError

from . import schema as s
from .errors import ContentError, ContentProblem
from .yamlio import YamlDoc, duplicate_keys, read_yaml

if TYPE_CHECKING:     # annotations only: the loader above builds these
    from .decision.model import DecisionModel
    from .decision.schema import AdvisorDialog, FactorsFile
    from .flows.downtime_schema import DowntimeDialog
    from .reading_schema import ReadingFile
    from .sources import Source

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


@dataclass(frozen=True)
class Knowledge:
    """Everything the engine reads, built once by `loading.load_knowledge` and never changed."""

    root: Path
    version: str
    nodes: dict[str, Node]
    models: dict[str, s.ModelSpec]
    synonyms: s.SynonymsFile
    matching: s.MatchingFile
    ontology: s.OntologyFile
    messages: dict[str, str]
    channels: dict[str, dict[str, str]]   # dialogs/channels/<name>.yaml
    factors: FactorsFile                  # knowledge/factors.yaml
    advisor_dialog: AdvisorDialog         # dialogs/advisor.yaml
    downtime_dialog: DowntimeDialog       # dialogs/downtime.yaml
    decision: DecisionModel               # compiled from factors.yaml and the advisor's order
    reading: ReadingFile                  # knowledge/reading.yaml
    sources: dict[str, Source]            # knowledge/sources/, the ground truth


Parsed = dict[str, tuple[YamlDoc, Any]]    # relative path -> (the YAML read, its validated model)


def shape_pass(root: Path, files: Mapping[str, type[BaseModel]]) -> tuple[Parsed, list[ContentProblem], str]:
    """Read and validate each file's shape; (parsed files, problems, content version)."""
    docs: Parsed = {}
    problems: list[ContentProblem] = []
    digest = hashlib.sha256()
    for rel, model in files.items():
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


def compile_graph(docs: Parsed) -> tuple[dict[str, Node], dict[str, s.ModelSpec]]:
    """The graph's nodes (templates expanded) and the models, from the parsed files;
    raise ContentError on duplicate node ids."""

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
    if dupes:
        raise ContentError(dupes)
    return nodes, models


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

