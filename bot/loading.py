"""Loading a content root: which files it has, their shapes, the compiled graph and
decision model, then the meaning checks; one complete, immutable `Knowledge` out.

This sits above `knowledge.py` (the graph), `decision` (the guided advisor's model),
the flows' schemas and `validate.py`, so that none of those need import upward.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import schema as s
from .decision.checks import FACTORS_FILE
from .decision.model import compile_model
from .decision.schema import AdvisorDialog, FactorsFile
from .errors import ContentError, ContentProblem
from .flows.downtime_schema import DowntimeDialog
from .knowledge import Knowledge, Parsed, compile_graph, shape_pass
from .reading_schema import ReadingFile
from .sources import SOURCES_DIR, Source, load_sources
from .validate import check_graph


def content_schemas(root: Path) -> dict[str, type[BaseModel]]:
    """Every content file under `root` and the schema its shape is checked against."""
    table: dict[str, type[BaseModel]] = {
        "knowledge/ontology.yaml": s.OntologyFile,
        "knowledge/synonyms.yaml": s.SynonymsFile,
        "knowledge/matching.yaml": s.MatchingFile,
        "knowledge/aspects.yaml": s.AspectsFile,
        "knowledge/compare.yaml": s.CompareFile,
        "knowledge/topics.yaml": s.NodesFile,
        "knowledge/flows.yaml": s.NodesFile,
        FACTORS_FILE: FactorsFile,
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


def load_knowledge(root: Path) -> Knowledge:
    """Load, compile and check a content root; raise ContentError listing every problem."""
    docs, problems, version = shape_pass(root, content_schemas(root))
    sources = load_sources(root / SOURCES_DIR)
    if not sources:
        problems.append(ContentProblem(SOURCES_DIR, None, "missing-file", "no articles found",
                                       f"put the source articles in {SOURCES_DIR}/ as .txt files"))
    if problems:
        raise ContentError(problems)
    kb = _assemble(root, version, docs, sources)
    problems = check_graph(kb, docs[FACTORS_FILE][0].line_of)
    if problems:
        raise ContentError(problems)
    return kb


def _assemble(root: Path, version: str, docs: Parsed, sources: dict[str, Source]) -> Knowledge:
    nodes, models = compile_graph(docs)

    def get(rel: str, kind: type[Any]) -> Any:
        parsed = docs[rel][1]
        assert isinstance(parsed, kind), rel
        return parsed

    factors: FactorsFile = get(FACTORS_FILE, FactorsFile)
    advisor: AdvisorDialog = get("dialogs/advisor.yaml", AdvisorDialog)
    decision = compile_model(factors, names={m.id: m.name for m in models.values()},
                             labels={m.id: m.label for m in models.values()}, order=advisor.order)
    return Knowledge(
        root=root, version=version, nodes=nodes, models=models,
        synonyms=get("knowledge/synonyms.yaml", s.SynonymsFile),
        matching=get("knowledge/matching.yaml", s.MatchingFile),
        ontology=get("knowledge/ontology.yaml", s.OntologyFile),
        messages=dict(get("dialogs/messages.yaml", s.MessagesFile).messages),
        channels={Path(rel).stem: dict(parsed.texts) for rel, (_, parsed) in docs.items()
                  if isinstance(parsed, s.ChannelFile)},
        factors=factors, advisor_dialog=advisor,
        downtime_dialog=get("dialogs/downtime.yaml", DowntimeDialog),
        decision=decision, reading=get("knowledge/reading.yaml", ReadingFile), sources=sources)
