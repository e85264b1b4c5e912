"""Checks: each turns a parsed document into Findings; none reads files or prints.

``check_document(document, kind)`` is the one entry point (schema, then semantics); ``schema``
checks against the spec and the generated types, ``registry`` and ``gateway`` check what the
schema cannot express. Every check id and severity is in ``conformance.catalog``.
"""

from conformance.checks.document import check_document

__all__ = ["check_document"]
