"""The two inputs of ``diff``: each read, told apart and fully validated before any comparison.

An input is an OpenAPI document (YAML or JSON, or one the tool carries: ``--embedded``) or a
JSON payload of a kind ``validate`` knows. A document is told by its name (``.yaml``, ``.yml``)
or by its ``openapi`` key, so one piped in on stdin is recognised too. Both are read the one
way every command reads them: a payload by ``validation.files.check_payload`` (strict JSON,
kind detection, ``check_document``, line and column), a document by ``specload`` (bounded
YAML, or JSON's rules for a ``.json`` name or a JSON text; every ``$ref`` judged and
openapi-spec-validator run, each problem a finding of ``lint``'s check ids, placed). What
cannot be used at all (missing, not a regular file, too large, not JSON or YAML) is a
``SpecLoadError``: one line, exit 2.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

import specload
from conformance.catalog import finding
from conformance.errors import InputError, UsageError
from conformance.findings import Finding
from conformance.reporting import Group
from conformance.validation.files import check_payload
from conformance.validation.lint_document import problem_finding

OPENAPI = "openapi"
"""The kind of an OpenAPI document; the other kinds are ``validate``'s."""
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Input:
    role: str
    """``OLD`` or ``NEW``."""
    value: Any
    group: Group
    """Its name, kind and the findings of its validation."""

    @property
    def kind(self) -> str:
        return self.group.kind

    @property
    def valid(self) -> bool:
        return not any(found.fails for found in self.group.findings)


def read_input(role: str, source: str, kind: str | None, limits: specload.Limits) -> Input:
    """Read, tell the kind of (unless given) and validate one input (``-`` is stdin)."""
    name = specload.display_name(source)
    file = None if source == "-" else source
    largest = max(limits.max_bytes, limits.max_payload_bytes)
    raw = specload.read_source(source, limits.max_bytes if kind == OPENAPI else largest)
    chosen = kind
    if chosen is None and source.lower().endswith(_YAML_SUFFIXES):
        chosen = OPENAPI
    if chosen == OPENAPI:
        return document_input(role, specload.load_bytes(raw, name, limits=limits), file)
    try:
        value = specload.parse_json(raw, name)
    except specload.MalformedJSON:
        # Not JSON: a YAML document piped in (git show ... |), unless named as JSON.
        document = None if kind or specload.syntax_of(name) == "json" else _yaml(raw, name, limits)
        if document is None:
            raise
        return document_input(role, document, file)
    if chosen is None and _is_document(value):
        document = specload.load_bytes(raw, name, limits=limits, syntax="json")
        return document_input(role, document, file)
    payload = check_payload(raw, name, chosen, file=file, value=value)
    description = f"{role}, {payload.group.description}"
    return Input(role, payload.value, dataclasses.replace(payload.group, description=description))


def embedded_input(role: str, counterpart: Input) -> Input:
    """The document the tool carries for the same API as ``counterpart`` (a document)."""
    from generated._documents import DOCUMENTS

    carried = {name: specload.load_text(text, name) for name, text in DOCUMENTS.items()}
    base = os.path.basename(counterpart.group.name)
    paths = _paths(counterpart.value)
    matches = [name for name in DOCUMENTS if name == base]
    matches = matches or [
        name for name, document in carried.items() if paths & _paths(document.value)
    ]
    if len(matches) != 1:
        names = ", ".join(sorted(DOCUMENTS))
        raise UsageError(
            f"--embedded: no document the tool carries matches {counterpart.group.name} "
            f"by file name or paths (it carries {names})"
        )
    document = dataclasses.replace(carried[matches[0]], name=f"embedded {matches[0]}")
    return document_input(role, document, None)


def document_input(role: str, document: specload.Document, file: str | None) -> Input:
    """A document checked as ``lint`` checks it (its examples aside)."""
    if not isinstance(document.value, dict):
        raise InputError(f"{document.name}: not an OpenAPI document (not a mapping)")
    checked = specload.check(document)
    findings = [problem_finding(problem) for problem in checked.problems]
    findings = findings or _version_findings(document)
    description = f"{role}, OpenAPI document"
    group = Group(document.name, OPENAPI, findings, file=file, description=description)
    return Input(role, document.value, group)


def _version_findings(document: specload.Document) -> list[Finding]:
    """``diff`` compares OpenAPI 3.0 documents only (``nullable``, not 3.1's type lists)."""
    version = str(document.value.get("openapi", ""))
    if version.startswith("3.0."):
        return []
    found = finding("openapi", f"openapi {version!r}: not an OpenAPI 3.0 document", pointer=())
    line, column = document.position(("openapi",))
    return [dataclasses.replace(found, line=line, column=column)]


def _is_document(value: Any) -> bool:
    return isinstance(value, dict) and "openapi" in value


def _yaml(raw: bytes, name: str, limits: specload.Limits) -> specload.Document | None:
    """``raw`` as a YAML OpenAPI document, or None when it is not one (the JSON error is then
    the one that says what is wrong)."""
    try:
        document = specload.load_bytes(raw, name, limits=limits, syntax="yaml")
    except specload.SpecLoadError:
        return None
    return document if _is_document(document.value) else None


def _paths(document: Any) -> set[str]:
    paths = document.get("paths") if isinstance(document, dict) else None
    return set(paths) if isinstance(paths, dict) else set()
