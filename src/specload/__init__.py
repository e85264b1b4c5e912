"""Read untrusted OpenAPI documents safely: offline, bounded, and located line by line.

Every reader of an OpenAPI document (``lint``, ``make generate``, the conformance plan,
``diff``) goes through this package, so that a document from a pull request or a newly
published upstream version cannot make the tool fetch a URL, read a file outside its folder,
or exhaust memory or time:

- ``load_path(path)`` / ``load_text(text, name)`` read YAML or JSON within ``Limits`` (size,
  nesting depth, alias expansion; JSON's values only) into a ``Document``: its text, its JSON
  value and ``position(pointer)``, the line and column of any place (a tuple of keys and
  indexes);
- ``check(document)`` makes every ``$ref`` local and sound without fetching anything (with
  ``allow_file_refs``, files inside the document's folder are bundled in), then runs
  openapi-spec-validator with resolvers that refuse everything, and returns ``Checked``: the
  self-contained value and the ``Problem``s (check id, pointer, message, line, column);
- ``require_valid(document)`` is ``check`` raising ``InvalidDocument`` for the first problem,
  for readers that cannot go on with an invalid document (codegen, the conformance plan).

Errors, each one line (``str(error)``: ``name[:line:column]: message``):

    SpecLoadError                 base
    ├── UnreadableDocument        missing, a directory or not a regular file, unreadable,
    │                             not UTF-8, empty
    ├── MalformedYAML             not YAML, a duplicate key, a key that is not text, a tag
    │                             JSON has no value for (!!python/..., !!binary), NaN/Infinity
    ├── LimitExceeded             nested deeper than max_depth, aliases expanding beyond
    │   │                         max_expansion times the document, an alias inside itself
    │   └── DocumentTooLarge      more than max_bytes (the document and its files together)
    ├── InvalidDocument           require_valid: the first problem
    └── ValidatorFailed           openapi-spec-validator raised: the document and where it was

It imports only PyYAML, openapi-spec-validator (and its jsonschema-path) and the standard
library, so that ``codegen`` and ``conformance`` share it without importing each other.
"""

from specload.errors import (
    DocumentTooLarge,
    InvalidDocument,
    LimitExceeded,
    MalformedYAML,
    SpecLoadError,
    UnreadableDocument,
    ValidatorFailed,
)
from specload.problems import CHECKS, EXTERNAL_REF, OPENAPI, REF_CYCLE, REF_UNRESOLVED, Problem
from specload.reading import DEFAULT_LIMITS, Document, Limits, Pointer, load_path, load_text
from specload.refs import pointer_text
from specload.validate import Checked, check, require_valid

__all__ = [
    "CHECKS",
    "DEFAULT_LIMITS",
    "EXTERNAL_REF",
    "OPENAPI",
    "REF_CYCLE",
    "REF_UNRESOLVED",
    "Checked",
    "Document",
    "DocumentTooLarge",
    "InvalidDocument",
    "LimitExceeded",
    "Limits",
    "MalformedYAML",
    "Pointer",
    "Problem",
    "SpecLoadError",
    "UnreadableDocument",
    "ValidatorFailed",
    "check",
    "load_path",
    "load_text",
    "pointer_text",
    "require_valid",
]
