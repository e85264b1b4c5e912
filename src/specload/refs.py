"""References: every ``$ref`` stays inside the document, resolves, and reaches a value.

A member ``"$ref": "<string>"`` is taken for a reference wherever it is (openapi-spec-validator
follows some inside ``default`` values too). Each one is one of:

- **local** (``#/components/schemas/Model``): kept when its target exists, and when following
  it (and the references it lands on) reaches something other than a reference; recursion
  *through* a schema (a tree whose children are trees) is fine, only a loop of bare references
  is a ``openapi.ref-cycle``;
- **a URL** of any scheme (``http:``, ``https:``, ``file:``, ``ftp:``, ``//host``): never
  resolved, an ``openapi.external-ref``;
- **a relative file** (``schemas/pet.yaml#/Pet``): an ``openapi.external-ref`` unless file
  references are allowed; then the file is read (within the same limits, which all files share)
  when it is inside the document's folder after symlinks are resolved, and it is bundled: its
  value is placed under ``BUNDLE_KEY`` at the top of the document and every reference to it or
  inside it becomes local. Cycles between files are then ordinary local recursion.

The result is a copy of the document in which every reference left is local and sound, so
whatever reads it next (a validator, codegen, a fuzzer) has nothing to fetch; each refused
reference's object is replaced by ``{}`` (anything), so it causes no second finding.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from specload.errors import UnreadableDocument
from specload.openapi import Location, parse_fragment, pointer_text
from specload.problems import EXTERNAL_REF, REF_CYCLE, REF_UNRESOLVED, Problem
from specload.reading import Document, Limits, load_path

BUNDLE_KEY = "x-bundled-files"
"""Where files a document refers to are placed in it (an extension member, so still OpenAPI)."""

Position = Callable[[Location], tuple[int, int]]


def lookup(value: Any, pointer: Location) -> tuple[bool, Any]:
    """(True, the value at ``pointer``) or (False, None) when it leaves ``value``."""
    for step in pointer:
        if isinstance(value, dict) and str(step) in value:
            value = value[str(step)]
        elif isinstance(value, list) and str(step).isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return False, None
    return True, value


def typed(value: Any, pointer: Location) -> Location:
    """``pointer`` with each step typed as ``value`` has it: an int for a list index."""
    steps: list[str | int] = []
    for step in pointer:
        if isinstance(value, list) and str(step).isdigit():
            steps.append(int(step))
            value = value[int(step)] if int(step) < len(value) else None
        else:
            steps.append(str(step))
            value = value.get(str(step)) if isinstance(value, dict) else None
    return tuple(steps)


def reference_of(value: Any) -> str | None:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            return ref
    return None


def _sites(value: Any, prefix: Location = ()) -> Iterator[tuple[dict[str, Any], Location]]:
    """Every object holding a reference, with its location, in document order."""
    stack: list[tuple[Any, Location]] = [(value, prefix)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, dict):
            if reference_of(node) is not None:
                yield node, at
            stack += [(child, (*at, key)) for key, child in reversed(node.items())]
        elif isinstance(node, list):
            stack += [(child, (*at, index)) for index, child in reversed(list(enumerate(node)))]


@dataclass
class Resolution:
    value: Any
    """The document with every reference local and sound (refused ones replaced by ``{}``)."""
    problems: list[Problem] = field(default_factory=list)
    refused: list[Location] = field(default_factory=list)
    """Locations of the objects replaced by ``{}``."""
    origins: dict[str, Location] = field(default_factory=dict)
    """Bundled file -> the reference that first brought it in."""

    def position(self, document: Document, pointer: Location) -> tuple[int, int]:
        """Line and column in ``document``; inside a bundled file, those of its reference."""
        seen = 0
        while len(pointer) >= 2 and pointer[0] == BUNDLE_KEY and seen < len(self.origins):
            pointer = self.origins.get(str(pointer[1]), ())
            seen += 1
        return document.position(pointer)


@dataclass
class _Resolver:
    document: Document
    allow_file_refs: bool
    limits: Limits
    resolution: Resolution
    budget: int
    root_folder: Path | None

    def problem(self, check: str, at: Location, message: str) -> None:
        pointer = (*at, "$ref")
        line, column = self.resolution.position(self.document, pointer)
        self.resolution.problems.append(Problem(check, pointer, message, line, column))
        self.resolution.refused.append(at)

    def bundle_files(self, tree: Any, prefix: Location, folder: Path | None) -> None:
        """Rewrite the references of ``tree`` (the document, or a file placed at ``prefix``):
        local ones relative to the bundle, file ones to bundled copies; refuse the rest."""
        queue: list[tuple[Any, Location, Path | None]] = [(tree, prefix, folder)]
        while queue:
            node, at_prefix, at_folder = queue.pop(0)
            for holder, at in list(_sites(node, at_prefix)):
                ref = holder["$ref"]
                split = urlsplit(ref)
                if ref.startswith("#"):
                    if at_prefix:
                        holder["$ref"] = "#" + quote(pointer_text(at_prefix)) + ref[1:]
                    continue
                if split.scheme or ref.lstrip().startswith("//"):
                    self.problem(
                        EXTERNAL_REF, at, f"{ref!r} is a URL: only references inside the "
                        "document are resolved, and nothing is ever fetched"
                    )  # fmt: skip
                    continue
                target = self.file_target(at, ref, split.path, at_folder)
                if target is None:
                    continue
                key = target.relative_to(self.root_folder or target.parent).as_posix()
                if key not in self.resolution.origins:
                    self.resolution.origins[key] = (*at, "$ref")
                    loaded = self.read(target, key)
                    bundle = self.resolution.value.setdefault(BUNDLE_KEY, {})
                    bundle[key] = loaded.value
                    queue.append((loaded.value, (BUNDLE_KEY, key), target.parent))
                holder["$ref"] = (
                    "#"
                    + quote(pointer_text((BUNDLE_KEY, key)))
                    + ("/" + split.fragment.lstrip("/") if split.fragment else "")
                )

    def file_target(self, at: Location, ref: str, path: str, folder: Path | None) -> Path | None:
        if not self.allow_file_refs or self.root_folder is None or folder is None:
            where = "" if self.root_folder is not None else " (a document given as text has none)"
            self.problem(
                EXTERNAL_REF, at, f"{ref!r} refers to another file: file references are "
                f"resolved only when allowed, and only inside the document's folder{where}"
            )  # fmt: skip
            return None
        target = (folder / unquote(path)).resolve()
        if not target.is_relative_to(self.root_folder):
            self.problem(EXTERNAL_REF, at, f"{ref!r} is outside the document's folder")
            return None
        if not target.is_file():
            self.problem(REF_UNRESOLVED, at, f"{ref!r}: no such file in the document's folder")
            return None
        return target

    def read(self, target: Path, key: str) -> Document:
        shown = str(self.document.folder / key) if self.document.folder else key
        if isinstance(self.resolution.value, dict) and BUNDLE_KEY in self.document.value:
            raise UnreadableDocument(
                self.document.name, f"{BUNDLE_KEY} is reserved for the files it refers to"
            )
        loaded = load_path(
            target, name=shown, limits=dataclasses.replace(self.limits, max_bytes=self.budget)
        )
        self.budget -= len(loaded.text.encode("utf-8", "surrogatepass"))
        return loaded

    def check_local(self) -> None:
        """Refuse local references that lead nowhere or only to each other, until none is left
        (refusing one can remove the target of another)."""
        refused = set(self.resolution.refused)
        changed = True
        while changed:
            changed = False
            sites = [(h, at) for h, at in _sites(self.resolution.value) if at not in refused]
            for holder, at in sites:
                problem = self.unsound(holder["$ref"], at)
                if problem is not None:
                    check, message = problem
                    self.problem(check, at, message)
                    refused.add(at)
                    self.neutralise([at])
                    changed = True
                    break

    def unsound(self, ref: str, at: Location) -> tuple[str, str] | None:
        chain = [at]
        while True:
            pointer = parse_fragment(ref[1:])
            if pointer is None:
                return REF_UNRESOLVED, f"{ref!r} is not a JSON Location into the document"
            found, target = lookup(self.resolution.value, pointer)
            if not found:
                return REF_UNRESOLVED, f"{ref!r} points to nothing in the document"
            pointer = typed(self.resolution.value, pointer)
            next_ref = reference_of(target)
            if next_ref is None:
                return None
            if pointer in chain:
                loop = " -> ".join("#" + pointer_text(p) for p in [*chain, pointer])
                return REF_CYCLE, f"references loop without reaching a value: {loop}"
            if not next_ref.startswith("#"):
                return None  # refused itself, so its object is already {}
            chain.append(pointer)
            ref = next_ref

    def neutralise(self, locations: list[Location]) -> None:
        for at in locations:
            if not at:
                self.resolution.value = {}
                continue
            found, parent = lookup(self.resolution.value, at[:-1])
            if found:
                parent[at[-1]] = {}


def resolve_references(document: Document, *, allow_file_refs: bool, limits: Limits) -> Resolution:
    """A copy of the document's value in which every reference is local and sound, and a
    problem for each one that was not."""
    resolution = Resolution(copy.deepcopy(document.value))
    folder = document.folder.resolve() if document.folder is not None else None
    budget = limits.max_bytes - len(document.text.encode("utf-8", "surrogatepass"))
    resolver = _Resolver(document, allow_file_refs, limits, resolution, budget, folder)
    resolver.bundle_files(resolution.value, (), folder)
    resolver.neutralise(list(resolution.refused))
    resolver.check_local()
    resolution.problems.sort(key=lambda p: (p.line, p.column))
    return resolution
