"""What the real implementation guarantees beyond the schema, checked on a schema-valid body.

The registry and gateway guarantees are ``validate``'s checks (``conformance.checks.registry``
and ``conformance.checks.gateway``), so a file and a live answer are judged alike; the one
guarantee only an HTTP exchange can break (an error envelope must come with 500) is here.
"""

from __future__ import annotations

from typing import Any

from conformance.findings import Finding
from conformance.harness.catalog import finding


def semantic_findings(target: str, status: int, document: Any) -> list[Finding]:
    if target == "registry":
        return _registry(status, document)
    if target == "gateway" and status == 200:
        from conformance.checks.gateway import check_model_list

        return list(check_model_list(document, base_path="$"))
    return []


def _registry(status: int, document: dict[str, Any]) -> list[Finding]:
    if document.get("data") is None:
        if status == 500:
            return []
        message = f"an error envelope ({document.get('error')!r}) came with {status}, not 500"
        return [finding("semantic.error-status", message, "registry", path="$.error")]
    from conformance.checks.registry import check_registry

    return list(check_registry(document["data"], base_path="$.data"))
