"""Read a spec file and prove it is a valid OpenAPI document before anything is generated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from openapi_spec_validator import OpenAPIV30SpecValidator

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
    errors = list(OpenAPIV30SpecValidator(document).iter_errors())
    if errors:
        raise _spec_error(str(path), text, errors) from None
    return LoadedSpec(name=name, text=text, document=document)


def _spec_error(file: str, text: str, errors: list[ValidationError]) -> SpecError:
    """Locate the first error in the document; explain it by the deepest sub-error available.

    openapi-spec-validator reports a bad schema as "<whole response> is not valid under any of
    the schemas listed in the 'oneOf' keyword"; its later errors carry the schema-relative cause.
    """
    first = errors[0]
    steps = list(first.absolute_path)
    pointer = "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in steps) or "/"
    line = _line_of(text, steps)
    location = f"{pointer} (line {line})" if line else pointer
    cause = max((e for error in errors for e in _all(error)), key=lambda e: len(e.absolute_path))
    problem = cause.message.splitlines()[0]
    if cause is not first:
        inside = "/".join(str(s) for s in cause.absolute_path)
        problem = f"{problem} (at {inside})" if inside else problem
    if len(problem) > 300:
        problem = problem[:297] + "..."
    return SpecError(file, location, problem)


def _all(error: ValidationError) -> list[ValidationError]:
    """The error and every sub-error of its anyOf/oneOf failures, depth first."""
    return [error, *(e for sub in error.context or [] for e in _all(sub))]


def _line_of(text: str, steps: list[str | int]) -> int | None:
    """1-based line of the YAML node at ``steps``, or None if the path leaves the document."""
    node: yaml.Node | None = yaml.compose(text)
    for step in steps:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            return None
    return node.start_mark.line + 1 if node is not None else None
