"""`advisor eval`: accuracy on a query file, or recommendations on a persona file.

Each query and each persona runs in a fresh session through the real engine, so
the numbers describe what a user would see, not what the matcher alone does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .engine import Engine
from .knowledge import Knowledge
from .normalize import fold
from .types import Turn, UserInput

FALLBACK = "meta.fallback"
GUIDANCE_REQUEST = "Which IT support model would you recommend for my business?"
MAX_QUESTIONS = 25


def _ask(engine: Engine, text: str, sid: str = "eval") -> Turn:
    return engine.handle(engine.new_state(sid), UserInput(text=text))[1]


@dataclass
class QueryReport:
    total: int = 0
    correct: int = 0
    oos_total: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)

    def render(self, verbose: bool) -> str:
        acc = self.correct / self.total if self.total else 0.0
        ref = self.refused / self.oos_total if self.oos_total else 0.0
        lines = self.misses if verbose else []
        lines += [f"in-scope top-1: {self.correct}/{self.total} = {acc:.1%}",
                  f"out-of-scope refused: {self.refused}/{self.oos_total} = {ref:.1%}"]
        return "\n".join(lines)


def evaluate_queries(engine: Engine, path: Path, *, verbose: bool = True) -> str:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    report = QueryReport()
    for q in data.get("queries", []):
        turn = _ask(engine, q["text"])
        report.total += 1
        if turn.node in q["accept"]:
            report.correct += 1
        else:
            report.misses.append(f"MISS  {q['text']!r} -> {turn.node} ({turn.confidence:.2f}); "
                                 f"want {', '.join(q['accept'])}")
    for text in data.get("out_of_scope", []):
        turn = _ask(engine, text)
        report.oos_total += 1
        if turn.node == FALLBACK:
            report.refused += 1
        else:
            report.misses.append(f"ANSWERED  {text!r} -> {turn.node} ({turn.confidence:.2f})")
    return report.render(verbose)


def run_persona(engine: Engine, answers: dict[str, str], sid: str = "persona") -> tuple[Turn, int]:
    """Ask for guidance, answer every question the advisor asks; return the last turn and count."""
    state, turn = engine.handle(engine.new_state(sid), UserInput(text=GUIDANCE_REQUEST))
    asked = 0
    while turn.expects and asked < MAX_QUESTIONS:
        asked += 1
        reply = answers.get(turn.expects, "not sure")
        state, turn = engine.handle(state, UserInput(text=reply))
    return turn, asked


def evaluate_personas(engine: Engine, path: Path, *, verbose: bool = True) -> str:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    personas = data.get("personas", [])
    passed, questions, lines = 0, [], []
    for p in personas:
        turn, asked = run_persona(engine, p.get("answers", {}))
        top = (turn.recommendation or {}).get("ranking", [{}])[0].get("model")
        ok = top in p.get("accept", [])
        passed += ok
        questions.append(asked)
        lines.append(f"{'PASS' if ok else 'FAIL'}  {p.get('name', '?')}: {top} after {asked} questions"
                     f" (want {', '.join(p.get('accept', []))})")
    mean = sum(questions) / len(questions) if questions else 0.0
    rate = passed / len(personas) if personas else 0.0
    out = lines if verbose else []
    out += [f"personas recommended as labelled: {passed}/{len(personas)} = {rate:.1%}",
            f"mean questions: {mean:.2f} (max {max(questions, default=0)})"]
    return "\n".join(out)


def messages(path: Path) -> list[str]:
    """Every message an evaluation file holds: queries, out-of-scope texts, persona answers."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = [str(q["text"]) for q in data.get("queries", [])] + [str(t) for t in data.get("out_of_scope", [])]
    texts += [str(a) for p in data.get("personas", []) for a in (p.get("answers") or {}).values()]
    return texts


def shared_phrases(kb: Knowledge, paths: list[Path], *, min_words: int = 3) -> list[tuple[str, str, int]]:
    """(phrase, where it lives, messages holding it): the synonyms, cues and anchors of
    `min_words` or more words that evaluation messages also contain. Measured, so each
    can be checked for being general language rather than a phrase copied from a set."""
    said = [f" {fold(t)} " for p in paths for t in messages(p)]
    found: list[tuple[str, str, int]] = []
    for phrase, where in _authored_phrases(kb):
        folded = fold(phrase)
        count = sum(f" {folded} " in m for m in said) if len(folded.split()) >= min_words else 0
        if count:
            found.append((folded, where, count))
    return sorted(found, key=lambda f: (-f[2], f[0]))


def _authored_phrases(kb: Knowledge) -> list[tuple[str, str]]:
    out = [(p, f"synonyms.yaml {key}") for key, ps in kb.synonyms.concepts.items() for p in ps]
    out += [(p, "synonyms.yaml replace") for p in kb.synonyms.replace]
    out += [(" ".join(c), f"factors.yaml {f.id}.{o.id}") for f in kb.decision.factors.values()
            for o in f.options for c in o.cues]
    out += [(p, "reading.yaml anchors") for p in kb.reading.anchors.phrases]
    out += [(p, "reading.yaml corrections") for p in kb.reading.corrections]
    out += [(p, "reading.yaml hypotheticals") for p in kb.reading.hypotheticals]
    return sorted(set(out))
