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
        """1-based line of the value at `loc`, or of its nearest existing parent."""
        node, line = self.root, _line(self.root)
        for key in loc:
            node = _child(node, key)
            if node is None:
                break
            line = _line(node)
        return line


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node | None, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == str(key):
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return ContentProblem(shown_as, line, "yaml-syntax", str(exc.problem or exc),
                              "check indentation, quotes and colons around this line")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return ContentProblem(shown_as, None, "unreadable", str(exc), "save the file as UTF-8 YAML")
    return YamlDoc(path, data, root)
