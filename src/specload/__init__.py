"""Read untrusted inputs safely: offline, bounded, and located line by line.

Every reader of an OpenAPI document (``lint``, ``make generate``, the conformance plan,
``diff``) and of a JSON payload (``validate``, ``diff``, ``serve --registry``) goes through
this package (an import-linter contract keeps ``yaml`` and ``openapi_spec_validator`` inside
it), so that an input from a pull request or a newly published upstream version cannot make
the tool fetch a URL, read a file outside its folder, or exhaust memory or time:

- ``read_source(source, max_bytes)`` is the one reader of bytes: a regular file or stdin
  (``-``), never more than ``max_bytes`` read; a device, pipe or FIFO path is refused at once;
- ``parse_json(data, name)`` is strict RFC 8259 JSON; ``locate(text, places)`` the line and
  column of places in JSON text;
- ``load_path(path)`` / ``load_text(text, name)`` read a document within ``Limits`` (size,
  nesting depth, alias expansion; JSON's values only) into a ``Document``: its text, its JSON
  value and ``position(location)``, the line and column of any place. A ``.json`` document
  is read with JSON's rules, any other with YAML's;
- ``check(document)`` makes every ``$ref`` local and sound without fetching anything (with
  ``allow_file_refs``, files inside the document's folder are bundled in), then runs
  openapi-spec-validator with resolvers that refuse everything, and returns ``Checked``: the
  self-contained value and the ``Problem``s (check id, location, message, line, column);
- ``require_valid(document)`` is ``check`` raising ``InvalidDocument`` for the first problem,
  for readers that cannot go on with an invalid document (codegen, the conformance plan);
- ``Location`` (a tuple of keys and indexes) is the tool's one type for a place in a value,
  ``pointer_text`` its JSON Pointer (``parse_fragment`` back), ``OPERATION_METHODS`` the
  operations of a path item.

Errors, each one line (``str(error)``: ``name[:line:column]: message``):

    SpecLoadError                 base
    ├── UnreadableDocument        missing, a directory or not a regular file, unreadable,
    │                             not UTF-8, empty
    ├── MalformedYAML             not YAML, a duplicate key, a key that is not text, a tag
    │                             JSON has no value for (!!python/..., !!binary), NaN/Infinity,
    │                             a NUL byte, an integer too long for Python to read
    ├── MalformedJSON             not RFC 8259 JSON (NaN, a duplicate key, a number of more
    │                             than 4,300 digits...), or in a document a number beyond a double
    ├── LimitExceeded             nested deeper than max_depth, aliases expanding beyond
    │   │                         max_expansion times the document, an alias inside itself
    │   └── DocumentTooLarge      more than max_bytes (the document and its files together)
    ├── InvalidDocument           require_valid: the first problem
    └── ValidatorFailed           openapi-spec-validator raised: the document and where it was

It imports only PyYAML, openapi-spec-validator (and its jsonschema-path), jiter, jsonschema-rs
and the standard library, so that ``codegen`` and ``conformance`` share it without importing
each other. What only OpenAPI documents need (``check``, ``require_valid``, ``Checked`` and the
problems) is imported on first use: reading a JSON payload never pays for it.
"""

from typing import TYPE_CHECKING, Any

from specload.errors import (
    DocumentTooLarge,
    InvalidDocument,
    LimitExceeded,
    MalformedJSON,
    MalformedYAML,
    SpecLoadError,
    UnreadableDocument,
    ValidatorFailed,
)
from specload.jsontext import line_column, locate, parse_json
from specload.openapi import OPERATION_METHODS, Location, parse_fragment, pointer_text
from specload.reading import (
    DEFAULT_LIMITS,
    Document,
    Limits,
    Syntax,
    load_bytes,
    load_path,
    load_text,
    syntax_of,
)
from specload.source import STDIN, display_name, read_source

if TYPE_CHECKING:
    from specload.problems import (
        CHECKS,
        EXTERNAL_REF,
        OPENAPI,
        REF_CYCLE,
        REF_UNRESOLVED,
        Problem,
    )
    from specload.validate import Checked, check, require_valid

_LAZY = {
    **dict.fromkeys(
        ("CHECKS", "EXTERNAL_REF", "OPENAPI", "REF_CYCLE", "REF_UNRESOLVED", "Problem"),
        "specload.problems",
    ),
    **dict.fromkeys(("Checked", "check", "require_valid"), "specload.validate"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'specload' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "CHECKS",
    "DEFAULT_LIMITS",
    "EXTERNAL_REF",
    "OPENAPI",
    "OPERATION_METHODS",
    "REF_CYCLE",
    "REF_UNRESOLVED",
    "STDIN",
    "Checked",
    "Document",
    "DocumentTooLarge",
    "InvalidDocument",
    "LimitExceeded",
    "Limits",
    "Location",
    "MalformedJSON",
    "MalformedYAML",
    "Problem",
    "SpecLoadError",
    "Syntax",
    "UnreadableDocument",
    "ValidatorFailed",
    "check",
    "display_name",
    "line_column",
    "load_bytes",
    "load_path",
    "load_text",
    "locate",
    "parse_fragment",
    "parse_json",
    "pointer_text",
    "read_source",
    "require_valid",
    "syntax_of",
]
