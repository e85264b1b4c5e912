"""Read a document: bytes within a size limit, then JSON (``jsontext``) or YAML
(``yamltext``) within depth and alias limits, into a ``Document`` that knows the line and column
of every value.

A ``.json`` document is read with JSON's rules (a bare ``NaN``, a duplicate key or a number
beyond a double refused), any other with YAML's, which produce JSON values only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from specload.errors import (
    LimitExceeded,
    MalformedJSON,
    UnreadableDocument,
)
from specload.jsontext import JSONLocator, parse_json
from specload.openapi import Location
from specload.source import check_size, read_source

if TYPE_CHECKING:
    from pathlib import Path

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What a document may cost before anything is built from it."""

    max_bytes: int = 16 * _MIB
    """Bytes of an OpenAPI document (and of all files it refers to, together)."""
    max_payload_bytes: int = 128 * _MIB
    """Bytes of a JSON payload (a registry, a /v1/models list): parsed, JSON costs about ten
    times its size in memory."""
    max_depth: int = 100
    """Nested mappings and sequences, aliases expanded."""
    max_expansion: int = 10
    """Nodes of the value with every alias expanded, as a multiple of the nodes written."""


DEFAULT_LIMITS = Limits()


class Positions(Protocol):
    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]: ...


Syntax = Literal["json", "yaml"]


def syntax_of(name: str) -> Syntax:
    """A ``.json`` document is read with JSON's rules; any other with YAML's."""
    return "json" if name.lower().endswith(".json") else "yaml"


@dataclass(frozen=True)
class Document:
    """A parsed document: its text, its JSON value, and where each value is in the text."""

    name: str
    """How messages name it (the path as given, or the name given with the text)."""
    text: str
    value: Any
    locator: Positions
    folder: Path | None = None
    """The folder relative file references are resolved in (None: text without a file)."""

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        return self.locator.position(pointer)


def load_path(
    path: Path,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    syntax: Syntax | None = None,
) -> Document:
    """Read and parse the document at ``path``: a regular file, at most ``limits.max_bytes``
    read. JSON's rules when ``syntax`` says so or the name ends in ``.json``."""
    shown = str(path) if name is None else name
    raw = read_source(path, limits.max_bytes, name=shown)
    return load_bytes(
        raw, shown, limits=limits, folder=path.parent, syntax=syntax or syntax_of(str(path))
    )


def load_bytes(
    raw: bytes,
    name: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    folder: Path | None = None,
    syntax: Syntax | None = None,
) -> Document:
    """``load_text`` of UTF-8 bytes (a BOM allowed)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problem = f"not UTF-8 (byte 0x{raw[exc.start]:02x})"
        raise UnreadableDocument(name, problem, line, column) from None
    return load_text(text, name, limits=limits, folder=folder, syntax=syntax)


def load_text(
    text: str,
    name: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    folder: Path | None = None,
    syntax: Syntax | None = None,
) -> Document:
    """Parse ``text`` (``name`` names it in messages; JSON's rules when ``syntax`` says so or
    ``name`` ends in ``.json``); ``folder`` is where its file references are."""
    check_size(name, len(text.encode("utf-8", "surrogatepass")), limits.max_bytes)
    if (syntax or syntax_of(name)) == "json":
        return _load_json(text, name, limits, folder)
    from specload.yamltext import parse_yaml  # PyYAML only for YAML: validate never loads it

    value, locator = parse_yaml(text, name, limits)
    return Document(name, text, value, locator, folder)


def _load_json(text: str, name: str, limits: Limits, folder: Path | None) -> Document:
    value = parse_json(text.encode("utf-8", "surrogatepass"), name)
    locator = JSONLocator(text, value)
    problem = _beyond_json_limits(value, limits)
    if problem is not None:
        at, message = problem
        line, column = locator.position(at)
        error = LimitExceeded if message.startswith("nested") else MalformedJSON
        raise error(name, message, line, column)
    return Document(name, text, value, locator, folder)


def _beyond_json_limits(value: Any, limits: Limits) -> tuple[Location, str] | None:
    """Where a parsed JSON value goes beyond what a document may hold: nesting deeper than
    ``max_depth``, or a number too large for a double (``1e999`` parses to infinity)."""
    stack: list[tuple[Any, Location]] = [(value, ())]
    while stack:
        node, at = stack.pop()
        if isinstance(node, dict):
            if len(at) >= limits.max_depth:
                return at, f"nested more than {limits.max_depth} levels deep"
            stack += [(child, (*at, key)) for key, child in node.items()]
        elif isinstance(node, list):
            if len(at) >= limits.max_depth:
                return at, f"nested more than {limits.max_depth} levels deep"
            stack += [(child, (*at, index)) for index, child in enumerate(node)]
        elif isinstance(node, float) and not math.isfinite(node):
            return at, "a number too large for a double is not a JSON number here"
    return None
