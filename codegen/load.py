"""Read a spec file and prove it is a valid OpenAPI document before anything is generated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate as validate_spec
from openapi_spec_validator.exceptions import OpenAPISpecValidatorError
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from codegen.errors import SpecError


@dataclass(frozen=True)
class LoadedSpec:
    name: str  # file name, e.g. "model-registry.openapi.yaml"
    text: str  # the document byte-for-byte as published (UTF-8)
    document: dict[str, Any]


def load_spec(path: Path) -> LoadedSpec:
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise SpecError(str(path), "file", exc.strerror or str(exc)) from None
    except UnicodeDecodeError as exc:
        raise SpecError(str(path), f"byte {exc.start}", "not UTF-8") from None
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "document"
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(str(path), where, f"not valid YAML: {problem}") from None
    if not isinstance(document, dict):
        raise SpecError(str(path), "document", "not an OpenAPI document (expected a mapping)")
    try:
        validate_spec(document)
    except OpenAPIValidationError as exc:
        location = "/" + "/".join(str(p) for p in exc.absolute_path) if exc.absolute_path else "/"
        raise SpecError(str(path), location, exc.message) from None
    except OpenAPISpecValidatorError as exc:
        raise SpecError(str(path), "document", str(exc).splitlines()[0]) from None
    return LoadedSpec(name=name, text=text, document=document)
