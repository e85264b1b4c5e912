"""YAML text: parsed within depth and alias limits into a JSON value, and the line and
column of every value.

YAML is parsed by PyYAML's pure-Python parser (never a constructor that can build objects) in
three steps, each bounded before the next one starts:

1. **compose** the node graph, refusing nesting deeper than ``max_depth`` as it is read. Aliases
   are shared nodes here, so a "billion laughs" document is still only a few hundred nodes.
2. **measure** that graph without expanding it (each node once, memoised): how many nodes the
   value would have with every alias expanded, how deep it would nest, and whether an alias
   contains itself. Too many nodes (beyond ``max_expansion`` times the distinct ones), too deep
   or recursive is refused here, before any value exists.
3. **construct** a plain JSON value: dicts with string keys, lists, str, int, float, bool, None.
   Keys are the text as written (``200:`` is ``"200"``, as in the JSON the document describes),
   dates stay strings, a key written twice is an error, and any tag without a JSON value
   (``!!python/...``, ``!!binary``, ``!!set``, custom tags) is refused.

The ``Locator`` answers where a value sits: a mapping member at its key, a sequence item at the
item, a path that leaves the document at its nearest existing ancestor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from specload.errors import LimitExceeded, MalformedYAML, SpecLoadError, UnreadableDocument

if TYPE_CHECKING:
    from specload.reading import Limits

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null")}
_MAP_TAG = f"{_YAML}map"
_SEQ_TAG = f"{_YAML}seq"
_MERGE_TAG = f"{_YAML}merge"
_TIMESTAMP_TAG = f"{_YAML}timestamp"


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses deep nesting as it reads."""

    def __init__(self, text: str, name: str, max_depth: int) -> None:
        super().__init__(text)
        self.document_name = name
        self.max_depth = max_depth
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if not self.check_event(yaml.MappingStartEvent, yaml.SequenceStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise LimitExceeded(
                    self.document_name,
                    f"nested more than {self.max_depth} levels deep",
                    mark.line + 1,
                    mark.column + 1,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Dates stay strings: ``trainingDate: 2025-08-05`` is a string in the JSON a document describes.
_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


class Locator:
    """Line and column (1-based) of any place in the document, from its YAML nodes."""

    def __init__(self, root: Node) -> None:
        self._root = root
        self._members: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _member(self, node: MappingNode, key: str) -> tuple[Node, Node] | None:
        members = self._members.get(id(node))
        if members is None:
            members = {}
            for key_node, value_node in node.value:
                members[str(key_node.value)] = (key_node, value_node)  # the last one wins
            self._members[id(node)] = members
        return members.get(key)

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        """Where ``pointer`` is, or its nearest ancestor that exists."""
        node = self._root
        where = _position(node)
        for step in pointer:
            if isinstance(node, MappingNode):
                member = self._member(node, str(step))
                if member is None:
                    break
                where, node = _position(member[0]), member[1]
            elif isinstance(node, SequenceNode) and str(step).isdigit():
                index = int(step)
                if index >= len(node.value):
                    break
                node = node.value[index]
                where = _position(node)
            else:
                break
        return where


def parse_yaml(text: str, name: str, limits: Limits) -> tuple[Any, Locator]:
    try:
        loader = _BoundedLoader(text, name, limits.max_depth)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        at = exc.position
        problem = f"not valid YAML: character U+{exc.character:04X} is not allowed"
        where = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        raise MalformedYAML(name, problem, *where) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise UnreadableDocument(name, "empty, not an OpenAPI document")
        _measure(root, name, limits)
        value = _Constructor(loader, name).value(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise MalformedYAML(name, f"not valid YAML: {exc.problem or exc}", line, column) from None
    except yaml.YAMLError as exc:
        raise MalformedYAML(name, f"not valid YAML: {str(exc).splitlines()[0]}") from None
    finally:
        loader.dispose()
    return value, Locator(root)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _measure(root: Node, name: str, limits: Limits) -> None:
    """Refuse a graph whose expansion is too large, too deep or infinite, without expanding it.

    Iterative post-order over distinct nodes: ``size`` and ``depth`` of a node are computed
    once from its children's, so the cost is the nodes written, whatever the aliases multiply.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(kid)] for kid in kids)
            nested = 1 if isinstance(node, (MappingNode, SequenceNode)) else 0
            depth[key] = nested + max((depth[id(kid)] for kid in kids), default=0)
            if depth[key] > limits.max_depth:
                line, column = _position(node)
                problem = f"nested more than {limits.max_depth} levels deep once aliases expand"
                raise LimitExceeded(name, problem, line, column)
            continue
        if key in size:
            continue
        if key in on_path:
            line, column = _position(node)
            raise LimitExceeded(name, "an alias refers to a node that contains it", line, column)
        on_path.add(key)
        stack.append((node, True))
        stack += [(kid, False) for kid in _children(node) if id(kid) not in size]
    written = len(size)
    if size[id(root)] > limits.max_expansion * written:
        raise LimitExceeded(
            name,
            f"aliases would expand {written} YAML nodes to {size[id(root)]}, more than "
            f"{limits.max_expansion} times as many",
        )


class _Constructor:
    """Nodes to a JSON value; every alias becomes its own copy (the total is bounded)."""

    def __init__(self, loader: _BoundedLoader, name: str) -> None:
        self.loader = loader
        self.name = name
        self.flattened: set[int] = set()

    def refuse(self, node: Node, problem: str) -> SpecLoadError:
        line, column = _position(node)
        return MalformedYAML(self.name, problem, line, column)

    def value(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.refuse(node, f"tag {_short_tag(node.tag)} has no JSON value")
            return [self.value(item) for item in node.value]
        if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
            raise self.refuse(node, f"tag {_short_tag(node.tag)} has no JSON value")
        if id(node) not in self.flattened:  # an alias is constructed again, never re-checked
            self.flattened.add(id(node))
            seen: set[str] = set()
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.key(key_node)
                if key in seen:
                    raise self.refuse(key_node, f"duplicate key {key!r}")
                seen.add(key)
            self.loader.flatten_mapping(node)  # YAML merge keys (<<): own keys win, as in PyYAML
        return {self.key(key_node): self.value(value_node) for key_node, value_node in node.value}

    def key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise self.refuse(node, "a mapping key must be a string, not a collection")
        self.scalar(node)  # refuses what has no JSON value
        return str(node.value)

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self.refuse(node, f"tag {_short_tag(node.tag)} has no JSON value")
        try:
            value = self.loader.construct_object(node)
        except ValueError:  # Python refuses to read an integer of more than 4,300 digits
            raise self.refuse(
                node, f"a number of {len(node.value)} characters is too long"
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.refuse(node, f"{node.value!r} is not a JSON number")
        return value
