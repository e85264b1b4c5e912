"""Hostile OpenAPI documents, each derived from ``specs/ai-gateway.openapi.yaml``, and the one
outcome each must have.

A case is a folder of files (the document is ``doc.yaml``), the options to lint it with, and
what must happen: a finding of a given check on the line where the trap is written (exit 1),
one line on stderr naming the document (exit 2), or a clean pass (exit 0). ``{port}`` in a file
is a loopback server that must never be contacted; ``{outside}`` a folder beside the
document's that must never be opened.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import yaml

from tests.support.paths import SPECS

DOCUMENT = "doc.yaml"
_GATEWAY: dict[str, Any] = yaml.safe_load(
    (SPECS / "ai-gateway.openapi.yaml").read_text(encoding="utf-8")
)
_MEDIA = ("paths", "/v1/models", "get", "responses", "200", "content", "application/json")


def gateway(schema: Any, schemas: dict[str, Any] | None = None) -> str:
    """The gateway document with ``schema`` as its 200 response schema."""
    document = copy.deepcopy(_GATEWAY)
    media = document
    for step in _MEDIA:
        media = media[step]
    media["schema"] = schema
    if schemas:
        document["components"] = {"schemas": schemas}
    return yaml.safe_dump(document, sort_keys=False)


def _with_example(schemas: dict[str, Any], name: str, example: Any) -> dict[str, Any]:
    """``schemas`` with ``example`` on schema ``name`` (checked against the document's own
    schema, recursion included)."""
    return {**schemas, name: {**schemas[name], "example": example}}


def _ref(target: str) -> str:
    return gateway({"$ref": target})


_TREE = {
    "Tree": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
        },
    }
}
_MUTUAL = {
    "Folder": {
        "type": "object",
        "properties": {"entries": {"$ref": "#/components/schemas/Entries"}},
    },
    "Entries": {"type": "array", "items": {"$ref": "#/components/schemas/Folder"}},
}
_LOOP = {
    "A": {"$ref": "#/components/schemas/B"},
    "B": {"$ref": "#/components/schemas/A"},
}
_COMMON = "Model:\n  type: object\n  properties:\n    id: {type: string}\n"
_BOMB = "lols: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"level{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str]
    code: int
    findings: tuple[str, ...] = ()
    """Checks found (exit 1), each on the line where ``trap`` is written."""
    error: str | None = None
    """A regular expression: what the one stderr line says after the document's name and
    position (exit 2)."""
    options: tuple[str, ...] = ()
    trap: str = "$ref"
    symlinks: dict[str, str] = field(default_factory=dict)
    """Link name in the folder -> target (``{outside}`` expanded)."""


CASES = [
    # References that would fetch or read: never followed, a finding at the $ref.
    Case("http URL", {DOCUMENT: _ref("http://127.0.0.1:{port}/model.json")}, 1,
         ("openapi.external-ref",)),
    Case("https URL", {DOCUMENT: _ref("https://127.0.0.1:{port}/model.json#/Model")}, 1,
         ("openapi.external-ref",)),
    Case("ftp URL", {DOCUMENT: _ref("ftp://127.0.0.1:{port}/model.json")}, 1,
         ("openapi.external-ref",)),
    Case("scheme-relative URL", {DOCUMENT: _ref("//127.0.0.1:{port}/model.json")}, 1,
         ("openapi.external-ref",)),
    Case("file URL outside the folder", {DOCUMENT: _ref("file://{outside}/common.yaml#/Model")},
         1, ("openapi.external-ref",), options=("--allow-file-refs",)),
    Case("file URL to /etc/passwd", {DOCUMENT: _ref("file:///etc/passwd#/x")}, 1,
         ("openapi.external-ref",), options=("--allow-file-refs",)),
    Case("relative file, not allowed",
         {DOCUMENT: _ref("common.yaml#/Model"), "common.yaml": _COMMON}, 1,
         ("openapi.external-ref",)),
    Case("relative file, allowed", {DOCUMENT: _ref("common.yaml#/Model"), "common.yaml": _COMMON},
         0, options=("--allow-file-refs",)),
    Case("relative file leaving the folder", {DOCUMENT: _ref("../outside/common.yaml#/Model")},
         1, ("openapi.external-ref",), options=("--allow-file-refs",)),
    Case("symbolic link out of the folder", {DOCUMENT: _ref("linked.yaml#/Model")}, 1,
         ("openapi.external-ref",), options=("--allow-file-refs",),
         symlinks={"linked.yaml": "{outside}/common.yaml"}),
    Case("URL inside an allowed file",
         {DOCUMENT: _ref("common.yaml#/Model"),
          "common.yaml": "Model:\n  $ref: 'http://127.0.0.1:{port}/model.json'\n"},
         1, ("openapi.external-ref",), options=("--allow-file-refs",), trap="common.yaml"),
    # Reference graphs: recursion through a schema is legal, a loop of bare references is not.
    Case("self-referencing schema",
         {DOCUMENT: gateway({"$ref": "#/components/schemas/Tree"}, _with_example(
             _TREE, "Tree", {"name": "a", "children": [{"name": "b", "children": []}]}))}, 0),
    Case("self-referencing schema, an example wrong deep down",
         {DOCUMENT: gateway({"$ref": "#/components/schemas/Tree"}, _with_example(
             _TREE, "Tree", {"name": "a", "children": [{"children": [{"name": 7}]}]}))}, 1,
         ("schema",), trap="name: 7"),
    Case("mutually recursive schemas",
         {DOCUMENT: gateway({"$ref": "#/components/schemas/Folder"}, _with_example(
             _MUTUAL, "Folder", {"entries": [{"entries": []}]}))}, 0),
    Case("bare reference loop", {DOCUMENT: gateway({"$ref": "#/components/schemas/A"}, _LOOP)}, 1,
         ("openapi.ref-cycle", "openapi.ref-cycle"), trap="$ref: '#/components/schemas/"),
    Case("reference to nothing", {DOCUMENT: _ref("#/components/schemas/Missing")}, 1,
         ("openapi.ref-unresolved",)),
    # YAML that would exhaust memory, the stack or the runner: one line, exit 2.
    Case("alias bomb", {DOCUMENT: "openapi: 3.0.0\n" + _BOMB}, 2,
         error=r"aliases would expand \d+ YAML nodes to \d{10}, more than 10 times as many"),
    Case("recursive alias", {DOCUMENT: "openapi: 3.0.0\nloop: &a [*a]\n"}, 2,
         error="an alias refers to a node that contains it"),
    Case("deep nesting", {DOCUMENT: "openapi: 3.0.0\nx: " + "[" * 100_000 + "]" * 100_000}, 2,
         error="nested more than 100 levels deep"),
    Case("oversized", {DOCUMENT: "openapi: 3.0.0\nx: '" + "a" * (2 * 1024 * 1024) + "'\n"}, 2,
         error=r"larger than the 1 MiB limit \(2 MiB or more\)", options=("--max-size", "1")),
    # Tags: only JSON's values.
    Case("python tag", {DOCUMENT: "openapi: 3.0.0\nx: !!python/object/apply:os.system [id]\n"},
         2, error="tag !!python/object/apply:os.system has no JSON value"),
    Case("unknown tag", {DOCUMENT: "openapi: 3.0.0\nx: !include other.yaml\n"}, 2,
         error="tag !include has no JSON value"),
]  # fmt: skip
