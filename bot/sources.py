"""The articles the advisor is built on, and finding a quoted sentence in them.

The articles ship verbatim in knowledge/sources/ (one .txt per article, its first
line the title) as the ground truth: weights, reasons, tips and answers cite short
quotes from them, or say plainly that they are our own judgement, and validation
fails on a quote the articles do not contain. Matching compares words only, so a
quote may differ from the article in case, spacing, punctuation and quote style,
but every word must be there, in order, inside one sentence (or one paragraph:
the articles drop commas and full stops often enough that a sentence split can
cut a thought). "..." in a quote skips words between two fragments.

`advisor sources` prints what an answer or a recommendation rests on: each quote as
the article's whole sentence, then what is our own judgement, said as such.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .schema import Citation

SOURCES_DIR = "knowledge/sources"
MIN_QUOTE_WORDS = 3        # shorter quotes match almost anywhere, unless they are a whole line
MAX_QUOTE_WORDS = 45       # a citation points at a sentence; it does not copy a paragraph
_WORD = re.compile(r"[^\W_]+")
_GAP = re.compile(r"\.\.\.|…")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def words(text: str) -> str:
    """Lower-case words between single spaces, padded so a match is always whole words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " " + " ".join(_WORD.findall(folded)) + " "


def word_count(text: str) -> int:
    return len(words(text).split())


@dataclass(frozen=True)
class Passage:
    text: str           # as the article writes it
    words: str          # `words(text)`


@dataclass(frozen=True)
class Source:
    id: str             # the file's stem: what citations name
    title: str
    sentences: tuple[Passage, ...]
    paragraphs: tuple[Passage, ...]

    def is_whole_passage(self, quote: str) -> bool:
        """Is `quote` an entire sentence or line (a list item such as "Escalation protocols")?"""
        target = words(quote)
        return any(p.words == target for p in (*self.sentences, *self.paragraphs))

    def find(self, quote: str) -> str | None:
        """The sentence (else the paragraph) holding every word of `quote` in order."""
        parts = [w for w in (words(p) for p in _GAP.split(quote)) if w.strip()]
        if not parts:
            return None
        for passages in (self.sentences, self.paragraphs):
            for passage in passages:
                if _in_order(passage.words, parts):
                    return passage.text
        return None


def _in_order(haystack: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        found = haystack.find(part, at)
        if found < 0:
            return False
        at = found + len(part) - 1       # the next part may share the separating space
    return True


def read_source(path: Path) -> Source:
    lines = [line.strip().lstrip("•").strip() for line in path.read_text(encoding="utf-8").splitlines()]
    paragraphs = [line for line in lines if line]
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if s.strip()]
    return Source(path.stem, paragraphs[0] if paragraphs else path.stem,
                  tuple(Passage(s, words(s)) for s in sentences),
                  tuple(Passage(p, words(p)) for p in paragraphs))


def load_sources(folder: Path) -> dict[str, Source]:
    """Every article in `folder`, by id; an empty dict when the folder is missing."""
    if not folder.is_dir():
        return {}
    return {p.stem: read_source(p) for p in sorted(folder.glob("*.txt"))}


def quote_problem(sources: dict[str, Source], source: str, quote: str) -> str | None:
    """Why a citation does not hold (unknown article, too short or long, not found), or None."""
    if source not in sources:
        known = ", ".join(sorted(sources)) or "none"
        return f"no article '{source}' in {SOURCES_DIR}/ (known: {known})"
    n = word_count(quote)
    if n < MIN_QUOTE_WORDS and not sources[source].is_whole_passage(quote):
        return (f"quote '{quote}' is too short to prove anything ({n} words, min {MIN_QUOTE_WORDS}, "
                "unless it is a whole line of the article)")
    if n > MAX_QUOTE_WORDS:
        return f"quote is {n} words long (max {MAX_QUOTE_WORDS}): cite the words that matter"
    if sources[source].find(quote) is None:
        return f"quote '{quote}' is not in {source}"
    return None


# ---------------------------------------------------------------- `advisor sources`
# For the person asking "why should I trust this?". Output for a terminal, not the chat.

def cited_lines(sources: dict[str, Source], citations: Iterable[Citation], indent: str = "  ") -> list[str]:
    """Citations grouped by article, each as the article's full sentence; judgements last."""
    by_article: dict[str, list[str]] = {}
    judgements: list[str] = []
    for c in citations:
        if c.quote is None:
            judgements.append(c.judgement or "")
            continue
        source = sources.get(c.source or "")
        sentence = (source.find(c.quote) if source else None) or c.quote
        text = f'"{sentence}"' + (f" ({c.note})" if c.note else "")
        if text not in by_article.setdefault(c.source or "?", []):
            by_article[c.source or "?"].append(text)
    out = []
    for sid, texts in by_article.items():
        title = sources[sid].title if sid in sources else sid
        out.append(f"{indent}{sid}: {title}")
        out += [f"{indent}  {t}" for t in texts]
    if judgements:
        out.append(f"{indent}our own judgement, not a quote:")
        out += [f"{indent}  {j}" for j in dict.fromkeys(judgements)]
    return out


def node_report(kb: Knowledge, node_id: str) -> str:
    node = kb.nodes[node_id]
    lines = [f"{node.id}: {node.title}", ""]
    if not node.sources:
        lines.append("  No source sentences are recorded for this answer (it is about the assistant itself).")
    lines += cited_lines(kb.sources, node.sources)
    return "\n".join(lines)


def recommendation_report(kb: Knowledge, answers: Mapping[str, str | None],
                          texts: Mapping[str, str]) -> str:
    """The pick, then each reason with the citations behind the weight that produced it."""
    from .decision.explain import favouring, reason_text, recommend

    model = kb.decision
    known = {f: o for f, o in answers.items() if f in model.factors and (
        o is None or o in {x.id for x in model.factor(f).options})}
    rec = recommend(model, known, texts)
    top = rec.top
    lines = [f"Recommendation: {model.names[top]} (fit score {rec.score_of(top):.2f})", ""]
    for f, o in favouring(model, known, top, rec.runner_up):
        option = model.factor(f).option(o)
        lines.append(f"- {reason_text(model, texts, f, o, top)}")
        lines.append(f"  ({f} = {option.label}: {option.weights[top] / 100:+g} for {model.labels[top]})")
        lines += cited_lines(kb.sources, option.support[top], "    ")
    for m in model.models:
        if model.priors[m]:
            lines += ["", f"Starting points: {model.labels[m]} {model.priors[m] / 100:+g} before any answer"]
            lines += cited_lines(kb.sources, model.prior_sources[m])
    lines += ["", f"Pro tip: {rec.pro_tip}"]
    lines += cited_lines(kb.sources, model.tip_sources[top])
    return "\n".join(lines)
