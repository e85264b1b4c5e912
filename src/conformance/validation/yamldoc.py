"""An OpenAPI document read from YAML with JSON semantics, and where each value sits in it.

Dates stay strings (``trainingDate: 2025-08-05`` is a string in the JSON the document
describes, not a ``datetime``), and a key given twice is an error instead of PyYAML's silent
last-one-wins. ``marks`` maps every location to its 1-based (line, column); a mapping member is
marked at its key, like the JSON locator does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from conformance.errors import InputError
from conformance.findings import Location

Path = tuple[str | int, ...]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _JsonLikeLoader(yaml.SafeLoader):
    pass


_JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class YamlDocument:
    value: Any
    marks: dict[Path, tuple[int, int]]

    def position(self, location: Location) -> tuple[int, int] | None:
        """Line and column of ``location``, or of its nearest ancestor that exists."""
        path = tuple(location)
        for length in range(len(path), -1, -1):
            if path[:length] in self.marks:
                return self.marks[path[:length]]
        return None


def load_yaml(text: str, name: str) -> YamlDocument:
    loader = _JsonLikeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"{name}: empty, not an OpenAPI document")
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise InputError(f"{name}{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    marks: dict[Path, tuple[int, int]] = {}
    _mark(node, (), marks, name)
    return YamlDocument(value, marks)


def _mark(node: yaml.Node, path: Path, marks: dict[Path, tuple[int, int]], name: str) -> None:
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            if child in marks:
                line = key_node.start_mark.line + 1
                raise InputError(
                    f"{name}:{line}:{key_node.start_mark.column + 1}: duplicate key {key!r}"
                )
            marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _mark(value_node, child, marks, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _mark(item, (*path, index), marks, name)
