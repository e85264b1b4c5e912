"""Semantic checks of a gateway ``/v1/models`` list: what the real implementation guarantees.

``created`` is the registry's ``trainingDate`` in Unix seconds; a JavaScript ``getTime()`` left
in milliseconds makes it a thousand times too large, which no real creation date is.
"""

from __future__ import annotations

from typing import Any

from conformance.catalog import finding
from conformance.findings import Finding, Location
from conformance.jsonpath import to_jsonpath

MAX_UNIX_SECONDS = 10**11
"""The year 5138 in seconds, but only March 1973 in milliseconds."""


def check_model_list(doc: Any, base: Location = ()) -> list[Finding]:
    """Every semantic finding of a ``{object: "list", data: [...]}`` document (at ``base``)."""
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, list):
        return []
    findings: list[Finding] = []
    first: dict[str, int] = {}

    def path(*steps: str | int) -> Location:
        return (*base, *steps)

    for index, model in enumerate(data):
        if not isinstance(model, dict):
            continue
        model_id = model.get("id")
        if isinstance(model_id, str) and model_id in first:
            earlier = to_jsonpath(path("data", first[model_id]))
            message = f"model id {model_id!r} already used by {earlier}"
            findings.append(finding("models.duplicate-id", message, path("data", index, "id")))
        elif isinstance(model_id, str):
            first[model_id] = index
        created = model.get("created")
        if type(created) is int and created >= MAX_UNIX_SECONDS:
            message = f"created {created} is not Unix seconds (milliseconds?)"
            at = path("data", index, "created")
            findings.append(finding("models.created-milliseconds", message, at))
    return findings
