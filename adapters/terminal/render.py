"""How a turn looks in a terminal: wrapped paragraphs, bullets kept, numbered buttons."""
from __future__ import annotations

import re
import shutil
import textwrap

from bot import Turn

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def render(turn: Turn, *, color: bool, width: int | None = None) -> str:
    width = min(width or shutil.get_terminal_size((88, 24)).columns, 100) - 2
    out: list[str] = []
    number = 0
    for reply in turn.replies:
        out.extend(_paragraphs(reply.text, width, color))
        for option in reply.options:
            number += 1
            out.append(f"  {number}) {option.label}")
    return "\n".join(out)


def _paragraphs(text: str, width: int, color: bool) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        line = _BOLD.sub((lambda m: f"\x1b[1m{m.group(1)}\x1b[0m") if color else r"\1", raw.rstrip())
        if not line.strip():
            lines.append("")
            continue
        bullet = line.lstrip().startswith(("- ", "* "))
        indent = "    " if bullet else ""
        lines.extend(textwrap.wrap(line.strip(), width, subsequent_indent=indent,
                                   initial_indent="  " if bullet else "", break_on_hyphens=False))
    return lines
