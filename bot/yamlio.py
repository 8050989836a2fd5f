"""Read YAML once with the C loader and keep each value's line for error messages.

Pydantic reports a location such as ("nodes", 3, "examples"); `line_of` walks the
composed node tree along that path so an author sees `models/cloud.yaml:42`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentProblem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDoc:
    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """1-based line of the entry at `loc` (a mapping entry's key line, a list item's own
        line), or of its nearest existing parent."""
        node, line = self.root, _line(self.root)
        for key in loc:
            found = _child(node, key)
            if found is None:
                break
            node, line = found[1], _line(found[0])
        return line


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node | None, key: Any) -> tuple[yaml.Node, yaml.Node] | None:
    """(where the entry is written, its value)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == str(key):
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key], node.value[key]
    return None


def duplicate_keys(node: yaml.Node | None, shown_as: str) -> list[ContentProblem]:
    """YAML keeps the last of two equal keys without a word; an author never means that."""
    out: list[ContentProblem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                out.append(ContentProblem(shown_as, _line(key), "duplicate-key",
                                          f"key '{key.value}' appears twice in this mapping",
                                          "merge the two entries: only the last one would count"))
            seen.add(key.value)
            out += duplicate_keys(value, shown_as)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += duplicate_keys(item, shown_as)
    return out


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown_as: str) -> ContentProblem:
    """Point at the line an author must fix. A scanner error (an unclosed quote or bracket)
    begins at its context mark, though YAML only notices at the problem mark, often at the
    end of the file; a parser error is at its problem mark. Both lines go in the message."""
    runaway = _runaway_quote(text, exc.problem_mark.line if exc.problem_mark else None)
    if runaway is not None:
        start, end = runaway
        return ContentProblem(shown_as, start, "yaml-syntax",
                              f"a quoted value opened on line {start} runs on to line {end}, where "
                              f"YAML then fails: {exc.problem}", "close the quote on the line it opens")
    scanner = isinstance(exc, yaml.scanner.ScannerError)
    first, other = (exc.context_mark, exc.problem_mark) if scanner else (exc.problem_mark, exc.context_mark)
    mark = first or other
    line = mark.line + 1 if mark else None
    parts = [f"{exc.context} (line {exc.context_mark.line + 1})" if exc.context and exc.context_mark else exc.context,
             f"{exc.problem} (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
             if exc.problem and exc.problem_mark else exc.problem]
    message = ": ".join(p for p in parts if p) or str(exc)
    return ContentProblem(shown_as, line, "yaml-syntax", message,
                          "check indentation, quotes and brackets on this line")


def _runaway_quote(text: str, problem_line: int | None) -> tuple[int, int] | None:
    """The last quoted scalar before the error that spans lines: (first line, last line).

    YAML lets a quoted value run over several lines, so a missing closing quote is only
    noticed where the next quote or the file ends. Our content never means that; a quote
    spanning lines right before a syntax error is the author's unclosed quote.
    """
    found: tuple[int, int] | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                found = (token.start_mark.line + 1, token.end_mark.line + 1)
    except yaml.YAMLError:
        pass
    if found is None or (problem_line is not None and found[1] > problem_line + 1):
        return None
    return found


def read_yaml(path: Path, shown_as: str) -> YamlDoc | ContentProblem:
    """Parse a file; a syntax error comes back as a problem with its line, never raised."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, text, shown_as)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return ContentProblem(shown_as, None, "unreadable", str(exc), "save the file as UTF-8 YAML")
    return YamlDoc(path, data, root)
