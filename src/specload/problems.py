"""What is wrong with a document that could be read: each problem with its check id and place.

The ids are those of the tool's check catalog, which describes them; a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from specload.openapi import Location

OPENAPI = "openapi"
"""Not a valid OpenAPI 3.0 document (openapi-spec-validator)."""
EXTERNAL_REF = "openapi.external-ref"
"""A reference outside the document: a URL of any scheme, or a file that may not be read."""
REF_UNRESOLVED = "openapi.ref-unresolved"
"""A reference whose target does not exist."""
REF_CYCLE = "openapi.ref-cycle"
"""References that lead to each other without ever reaching a value."""
CHECKS = (OPENAPI, EXTERNAL_REF, REF_UNRESOLVED, REF_CYCLE)


@dataclass(frozen=True, slots=True)
class Problem:
    check: str
    """One of ``CHECKS``."""
    pointer: Location
    """Where it is: for a reference, its ``$ref`` member."""
    message: str
    line: int
    column: int
