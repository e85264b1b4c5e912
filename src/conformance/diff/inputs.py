"""The two inputs of ``diff``: each read, told apart and fully validated before any comparison.

An input is an OpenAPI document (YAML or JSON, or one the tool carries: ``--embedded``) or a
JSON payload of a kind ``validate`` knows. Payloads go through ``validate``'s own steps (strict
JSON, kind detection, ``check_document``, line and column); documents through
openapi-spec-validator, after every ``$ref`` has been found local and resolvable. What cannot
be used at all (missing, not JSON or YAML, a remote ``$ref``) is an ``InputError``: one line,
exit 2.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml

from conformance.catalog import finding
from conformance.checks import check_document
from conformance.diff.refs import Unresolvable, lookup, ref_target, references
from conformance.errors import InputError, UsageError
from conformance.findings import Finding
from conformance.jsonload import parse_json, read_source
from conformance.jsonpath import to_pointer
from conformance.reporting import Group
from conformance.validation.files import describe, display_name, with_positions
from conformance.validation.kinds import detect_kind

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


def load_openapi(text: str, name: str) -> Any:
    """An OpenAPI document's value: the one place ``diff`` parses a document. Mapping keys are
    text, as in the JSON the document stands for (YAML reads an unquoted ``200:`` as a number,
    which validators refuse)."""
    try:
        return _text_keys(yaml.safe_load(text), {})
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise InputError(f"{name}{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {exc}") from None


def read_input(role: str, source: str, kind: str | None, max_bytes: int) -> Input:
    """Read, tell the kind of (unless given) and validate one input (``-`` is stdin)."""
    name = display_name(source)
    raw = read_source(source, max_bytes)
    value: Any = None
    chosen = kind
    if chosen is None and source.lower().endswith(_YAML_SUFFIXES):
        chosen = OPENAPI
    if chosen is None:
        value = parse_json(raw, name)
        chosen = OPENAPI if isinstance(value, dict) and "openapi" in value else detect_kind(value)
        if chosen is None:
            raise InputError(
                f"{name}: cannot tell what this is (not an OpenAPI document, a registry "
                "response, a registry data object or a /v1/models list); pass --kind"
            )
    file = None if source == "-" else source
    if chosen == OPENAPI:
        return document_input(role, _text(raw, name), name, file)
    if value is None:
        value = parse_json(raw, name)
    findings = with_positions(check_document(value, chosen), raw, value)
    description = f"{role}, {describe(chosen, given=kind is not None)}"
    return Input(role, value, Group(name, chosen, findings, file=file, description=description))


def embedded_input(role: str, counterpart: Input) -> Input:
    """The document the tool carries for the same API as ``counterpart`` (a document)."""
    from generated._documents import DOCUMENTS

    base = os.path.basename(counterpart.group.name)
    paths = _paths(counterpart.value)
    matches = [name for name in DOCUMENTS if name == base]
    matches = matches or [
        name for name, text in DOCUMENTS.items() if paths & _paths(load_openapi(text, name))
    ]
    if len(matches) != 1:
        carried = ", ".join(sorted(DOCUMENTS))
        raise UsageError(
            f"--embedded: no document the tool carries matches {counterpart.group.name} "
            f"by file name or paths (it carries {carried})"
        )
    return document_input(role, DOCUMENTS[matches[0]], f"embedded {matches[0]}", None)


def document_input(role: str, text: str, name: str, file: str | None) -> Input:
    value = load_openapi(text, name)
    if not isinstance(value, dict):
        raise InputError(f"{name}: not an OpenAPI document (not a mapping)")
    findings = openapi_findings(value, name)
    description = f"{role}, OpenAPI document"
    return Input(role, value, Group(name, OPENAPI, findings, file=file, description=description))


def openapi_findings(document: dict[str, Any], name: str) -> list[Finding]:
    """openapi-spec-validator's verdict, once every ``$ref`` is known local and resolvable."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    unresolved = []
    for at, ref in references(document):
        target = ref_target(ref)
        if target is None:
            raise InputError(
                f"{name}: {to_pointer(at) or '/'}: $ref {ref!r} is not local; only "
                "references inside the document are followed"
            )
        if lookup(document, target) is None:
            unresolved.append(finding("openapi", str(Unresolvable(ref, at)), pointer=at))
    if unresolved:
        return unresolved
    version = str(document.get("openapi", ""))
    if not version.startswith(("3.0.", "3.1.")):
        return [finding("openapi", f"openapi {version!r}: not OpenAPI 3.0 or 3.1", pointer=())]
    validator = OpenAPIV30SpecValidator if version.startswith("3.0.") else OpenAPIV31SpecValidator
    return [
        finding("openapi", str(error.message).splitlines()[0], pointer=tuple(error.path))
        for error in validator(document).iter_errors()
    ]


def _text_keys(value: Any, done: dict[int, Any]) -> Any:
    """``value`` with every mapping key as text; a node shared by YAML aliases is built once."""
    if not isinstance(value, dict | list):
        return value
    if id(value) not in done:
        if isinstance(value, dict):
            done[id(value)] = {str(k): _text_keys(v, done) for k, v in value.items()}
        else:
            done[id(value)] = [_text_keys(item, done) for item in value]
    return done[id(value)]


def _text(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02x})") from None


def _paths(document: Any) -> set[str]:
    paths = document.get("paths") if isinstance(document, dict) else None
    return set(paths) if isinstance(paths, dict) else set()
