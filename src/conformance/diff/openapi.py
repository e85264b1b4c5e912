"""OpenAPI documents as ``diff`` reads them: the one loader function, and their validation.

``load_openapi`` is the only place a document's text becomes a value (YAML, which JSON is a
part of, with every mapping key as text); ``openapi_findings`` is openapi-spec-validator's
verdict, asked only once every ``$ref`` is known to stay inside the document and to resolve,
so validating never fetches anything and never fails on a reference to nothing.
"""

from __future__ import annotations

from typing import Any

import yaml

from conformance.catalog import finding
from conformance.errors import InputError
from conformance.findings import Finding
from conformance.jsonpath import to_pointer
from conformance.jsontree import lookup, ref_target, references


def load_openapi(text: str, name: str) -> Any:
    """An OpenAPI document's value: the one place ``diff`` parses a document. Mapping keys are
    text, as in the JSON the document stands for (YAML reads an unquoted ``200:`` as a number,
    which validators refuse)."""
    try:
        return _text_keys(yaml.safe_load(text), {})
    except RecursionError:
        raise InputError(f"{name}: nested too deeply to be an OpenAPI document") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise InputError(f"{name}{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {exc}") from None


def openapi_findings(document: dict[str, Any], name: str) -> list[Finding]:
    """openapi-spec-validator's verdict, once every ``$ref`` is known local and resolvable
    (it would fetch a remote one, and it fails on a local one that resolves to nothing)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    unresolved = []
    for at, ref in references(document):
        target = ref_target(ref)
        if target is None:
            raise InputError(
                f"{name}: {to_pointer(at) or '/'}: $ref {ref!r} is not local; only "
                "references inside the document are followed"
            )
        if lookup(document, target) is None:
            unresolved.append(finding("openapi", f"$ref {ref!r} does not resolve", pointer=at))
    if unresolved:
        return unresolved
    version = str(document.get("openapi", ""))
    if not version.startswith("3.0."):
        return [finding("openapi", f"openapi {version!r}: not an OpenAPI 3.0 document", pointer=())]
    # The first error is placed in the document; the validator places later ones inside the
    # schema it was checking, which would read as places in the document: they are counted.
    errors = list(OpenAPIV30SpecValidator(document).iter_errors())
    if not errors:
        return []
    message = str(errors[0].message).splitlines()[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return [finding("openapi", message + more, pointer=tuple(errors[0].absolute_path))]


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


def decoded(raw: bytes, name: str) -> str:
    """A document's bytes as text (UTF-8, a BOM allowed)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (byte 0x{raw[exc.start]:02x})") from None
