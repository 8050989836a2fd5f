"""`advisor graph`: the knowledge graph as a picture, so authors see its shape.

Nodes are grouped by kind (models, comparisons, topics, flows, meta), edges are the
follow-up buttons, and nodes no button leads to (and no example question reaches)
are drawn dashed: nothing but a typed question finds them. Graphviz DOT (rendered to
SVG when Graphviz's `dot` is installed) or Mermaid, which GitHub renders as is.
"""
from __future__ import annotations

import shutil
import subprocess

from .knowledge import Knowledge

_COLOURS = {"model": "#dbeafe", "compare": "#ede9fe", "topic": "#dcfce7", "flow": "#fef3c7", "meta": "#f3f4f6"}
ENTRY = "meta.greeting"


def unreachable(kb: Knowledge) -> set[str]:
    """Nodes no chain of buttons reaches from the greeting."""
    seen, todo = {ENTRY}, [ENTRY]
    while todo:
        for edge in kb.nodes[todo.pop()].edges:
            if edge.to not in seen and edge.to in kb.nodes:
                seen.add(edge.to)
                todo.append(edge.to)
    return set(kb.nodes) - seen


def dot(kb: Knowledge) -> str:
    lost = unreachable(kb)
    lines = ["digraph knowledge {", '  rankdir=LR; node [shape=box, style="rounded,filled", fontname="Helvetica"];']
    for kind, colour in _COLOURS.items():
        lines.append(f'  subgraph "cluster_{kind}" {{ label="{kind}"; color="#cccccc";')
        for node in sorted((n for n in kb.nodes.values() if n.kind == kind), key=lambda n: n.id):
            style = ', style="rounded,filled,dashed"' if node.id in lost else ""
            lines.append(f'    "{node.id}" [label="{_esc(node.label)}", fillcolor="{colour}"{style}];')
        lines.append("  }")
    for node in sorted(kb.nodes.values(), key=lambda n: n.id):
        lines += [f'  "{node.id}" -> "{e.to}";' for e in node.edges]
    return "\n".join([*lines, "}"]) + "\n"


def mermaid(kb: Knowledge) -> str:
    lost = unreachable(kb)
    ids = {node_id: f"n{i}" for i, node_id in enumerate(sorted(kb.nodes))}
    lines = ["flowchart LR"]
    for node_id, short in ids.items():
        lines.append(f'  {short}["{_esc(kb.nodes[node_id].label)}"]')
    for node_id in sorted(kb.nodes):
        lines += [f"  {ids[node_id]} --> {ids[e.to]}" for e in kb.nodes[node_id].edges if e.to in ids]
    lines += [f"  class {ids[n]} unreachable" for n in sorted(lost)]
    lines.append("  classDef unreachable stroke-dasharray: 5 5")
    return "\n".join(lines) + "\n"


def svg(kb: Knowledge) -> str:
    """SVG through Graphviz; ConfigError-free: callers check `has_graphviz()` first."""
    done = subprocess.run(["dot", "-Tsvg"], input=dot(kb), capture_output=True, text=True, check=True)
    return done.stdout


def has_graphviz() -> bool:
    return shutil.which("dot") is not None


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "'")
