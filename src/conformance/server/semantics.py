"""The semantic gate of ``serve``: refuse a registry the real implementation could not produce.

The checks themselves belong to ``conformance.checks.registry`` (one implementation, shared with
``validate`` and ``conformance``); this module is the single place the server calls them.
"""

from __future__ import annotations

from typing import Any


def semantic_errors(document: dict[str, Any]) -> list[str]:
    """One line per semantic error in a registry success response; empty when it is sound."""
    from conformance.checks.registry import check_registry

    findings = check_registry(document["data"], base_path="$.data")
    return [
        f"{finding.path}: {finding.message}" if finding.path else finding.message
        for finding in findings
        if finding.is_error
    ]
