"""YAML text: parsed within depth and alias limits into a JSON value, and the line and
column of every value.

YAML is parsed by PyYAML's event parser (libyaml's when PyYAML has it; never a constructor that
can build objects) in three steps, each bounded before the next one starts:

1. **compose** the node graph from the events, iteratively, refusing nesting deeper than
   ``max_depth`` as it is read (and a character YAML does not allow, such as NUL, before).
   Aliases are shared nodes here, so a "billion laughs" document is still only a few hundred
   nodes.
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

import importlib
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


_SCALAR_TAG = f"{_YAML}str"
# Dates stay strings: ``trainingDate: 2025-08-05`` is a string in the JSON a document describes.
_IMPLICIT = {
    first: [(tag, regex) for tag, regex in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_EVENTS: Any = (
    getattr(importlib.import_module("yaml.cyaml"), "CParser", None)
    if yaml.__with_libyaml__
    else None
)
"""libyaml's event parser when PyYAML has it (the pure-Python scanner is ten times slower);
nodes are composed here either way, so the limits hold whichever parser reads."""


def _plain_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar: YAML 1.1's core schema for a plain one, as PyYAML's
    ``Resolver.resolve`` decides it, timestamps left out."""
    if implicit[0]:
        for tag, regex in _IMPLICIT.get(value[:1], []) + _IMPLICIT.get(None, []):
            if regex.match(value):
                return str(tag)
    return _SCALAR_TAG


class _Composer:
    """The node graph of a single-document stream, built iteratively from the parser's events:
    nesting deeper than ``max_depth`` is refused where it starts; an alias is the node of its
    anchor (shared, never copied), registered before its children so an alias inside is seen."""

    def __init__(self, name: str, max_depth: int) -> None:
        self.name = name
        self.max_depth = max_depth
        self.anchors: dict[str, Node] = {}
        self.open_nodes: list[Node] = []
        self.pending_keys: list[Node | None] = []
        self.root: Node | None = None
        self.documents = 0
        self.aliases = 0
        self.tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def compose(self, text: str) -> Node | None:
        parser = _EVENTS(text) if _EVENTS is not None else yaml.SafeLoader(text)
        try:
            while (event := parser.get_event()) is not None:
                self.event(event)
        finally:
            parser.dispose()
        return self.root

    def refuse(self, error: type[SpecLoadError], problem: str, mark: Any) -> SpecLoadError:
        return error(self.name, problem, mark.line + 1, mark.column + 1)

    def event(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                key = (event.value, event.implicit)
                tag = self.tags.get(key) or self.tags.setdefault(key, _plain_tag(*key))
            self.add(event, ScalarNode(tag, event.value, event.start_mark, event.end_mark))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(self.open_nodes) >= self.max_depth:
                problem = f"nested more than {self.max_depth} levels deep"
                raise self.refuse(LimitExceeded, problem, event.start_mark)
            mapping = kind is yaml.MappingStartEvent
            tag = event.tag if event.tag not in (None, "!") else _MAP_TAG if mapping else _SEQ_TAG
            node = (MappingNode if mapping else SequenceNode)(tag, [], event.start_mark, None)
            self.add(event, node)
            self.open_nodes.append(node)
            self.pending_keys.append(None)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.open_nodes.pop().end_mark = event.end_mark
            self.pending_keys.pop()
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                problem = f"not valid YAML: found undefined alias {event.anchor!r}"
                raise self.refuse(MalformedYAML, problem, event.start_mark)
            self.aliases += 1
            self.attach(self.anchors[event.anchor])
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                problem = "not valid YAML: more than one document in the stream"
                raise self.refuse(MalformedYAML, problem, event.start_mark)

    def add(self, event: Any, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        self.attach(node)

    def attach(self, node: Node) -> None:
        if not self.open_nodes:
            self.root = node
            return
        parent = self.open_nodes[-1]
        if not isinstance(parent, MappingNode):
            parent.value.append(node)
            return
        key_node = self.pending_keys[-1]
        if key_node is None:
            self.pending_keys[-1] = node
        else:
            parent.value.append((key_node, node))
            self.pending_keys[-1] = None


_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _refuse_unprintable(text: str, name: str) -> None:
    """A character YAML does not allow (NUL, most control characters): one line, placed."""
    found = _UNPRINTABLE.search(text)
    if found is not None:
        at = found.start()
        problem = f"not valid YAML: character U+{ord(text[at]):04X} is not allowed"
        where = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        raise MalformedYAML(name, problem, *where)


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
    _refuse_unprintable(text, name)
    try:
        composer = _Composer(name, limits.max_depth)
        root = composer.compose(text)
        if root is None:
            raise UnreadableDocument(name, "empty, not an OpenAPI document")
        if composer.aliases:  # without one, the tree is as written: its depth was bounded as read
            _measure(root, name, limits)
        value = _Constructor(name).value(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise MalformedYAML(name, f"not valid YAML: {exc.problem or exc}", line, column) from None
    except yaml.YAMLError as exc:
        raise MalformedYAML(name, f"not valid YAML: {str(exc).splitlines()[0]}") from None
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

    def __init__(self, name: str) -> None:
        self.loader = yaml.constructor.SafeConstructor()
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
        if node.tag == _SCALAR_TAG:
            return node.value
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
