"""``filters`` of a registry: what the real implementation derives from the models.

Read off Helicone's code and confirmed on the captured data (shared/data README): providers and
authors are exactly the sets used by the models, sorted; capabilities come from endpoint
pricing. The exact pricing rule for capabilities is not in the README, so the strict direction
is "listed needs some pricing evidence" (an error) and the loose one "pricing implies a listed
capability" is a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conformance.checks.catalog import finding
from conformance.findings import Finding

Location = tuple[str | int, ...]
Path = Callable[..., str]
"""Builds a JSONPath from steps below the registry data object."""

CAPABILITY_FIELDS: dict[str, tuple[str, ...]] = {
    "audio": ("audio",),
    "video": ("video",),
    "image": ("image",),
    "thinking": ("thinking",),
    "web_search": ("web_search",),
    "caching": ("cacheRead", "cacheWrite"),
    "reasoning": (),  # in the enum, never produced
}
_PRICE_FIELDS = frozenset(field for fields in CAPABILITY_FIELDS.values() for field in fields)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def duplicates_and_order(names: list[Any], field: str, path: Path, unsorted: str) -> list[Finding]:
    """Each repeated entry, and one finding when the list is not sorted."""
    findings: list[Finding] = []
    first: dict[Any, int] = {}
    for index, name in enumerate(names):
        if not isinstance(name, str):  # the schema reports it; it may not even be hashable
            continue
        if name in first:
            message = f"{name!r} already listed at {path('filters', field, first[name])}"
            at = path("filters", field, index)
            findings.append(finding("registry.filters-duplicate", message, at))
        else:
            first[name] = index
    strings = [name for name in names if isinstance(name, str)]
    if strings != sorted(strings):
        wrong = next(i for i in range(1, len(strings)) if strings[i - 1] > strings[i])
        message = f"not sorted: {strings[wrong - 1]!r} comes before {strings[wrong]!r}"
        findings.append(finding(unsorted, message, path("filters", field)))
    return findings


def set_mismatch(
    listed: list[Any], used: dict[Any, Location], field: str, check: str, path: Path
) -> list[Finding]:
    """Listed but unused (at the entry), used but unlisted (at the list, naming one user)."""
    what = field.removesuffix("s")
    findings: list[Finding] = []
    for index, name in enumerate(listed):
        if isinstance(name, str) and name not in used:
            message = f"{what} {name!r} is listed but no model uses it"
            findings.append(finding(check, message, path("filters", field, index)))
    listed_set = {name for name in listed if isinstance(name, str)}
    for name, user in used.items():
        if name not in listed_set:
            message = f"{what} {name!r} (used by {path(*user)}) is not listed"
            findings.append(finding(check, message, path("filters", field)))
    return findings


def check_providers(
    filters: dict[str, Any], models: list[dict[str, Any]], path: Path
) -> list[Finding]:
    used: dict[Any, Location] = {}
    for m_index, model in enumerate(models):
        for e_index, endpoint in enumerate(_dicts(model.get("endpoints"))):
            provider = endpoint.get("provider")
            if isinstance(provider, str) and provider not in used:
                used[provider] = ("models", m_index, "endpoints", e_index)
    entries = _dicts(filters.get("providers"))
    names = [entry.get("name") for entry in entries]
    findings = set_mismatch(names, used, "providers", "registry.providers-mismatch", path)
    findings += duplicates_and_order(names, "providers", path, "registry.providers-unsorted")
    for index, entry in enumerate(entries):
        display = entry.get("displayName")
        if isinstance(display, str) and not display.strip():
            message = f"provider {entry.get('name')!r} has an empty display name"
            at = path("filters", "providers", index, "displayName")
            findings.append(finding("registry.provider-display-name", message, at))
    return findings


def check_authors(
    filters: dict[str, Any], models: list[dict[str, Any]], path: Path
) -> list[Finding]:
    used: dict[Any, Location] = {}
    for index, model in enumerate(models):
        author = model.get("author")
        if isinstance(author, str) and author not in used:
            used[author] = ("models", index)
    authors = filters.get("authors")
    names = list(authors) if isinstance(authors, list) else []
    findings = set_mismatch(names, used, "authors", "registry.authors-mismatch", path)
    return findings + duplicates_and_order(names, "authors", path, "registry.authors-unsorted")


def _positive(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_positive(item) for item in value.values())
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _capability_fields(models: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Capability pricing fields present in any pricing or tier; those positive in a main one."""
    present: set[str] = set()
    positive: set[str] = set()
    for model in models:
        for endpoint in _dicts(model.get("endpoints")):
            pricing = endpoint.get("pricing")
            if isinstance(pricing, dict):
                keys = pricing.keys() & _PRICE_FIELDS
                present |= keys
                positive.update(key for key in keys - positive if _positive(pricing[key]))
            for tier in _dicts(endpoint.get("pricingTiers")):
                present |= tier.keys() & _PRICE_FIELDS
    return present, positive


def check_capabilities(
    filters: dict[str, Any], models: list[dict[str, Any]], path: Path
) -> list[Finding]:
    present, positive = _capability_fields(models)
    evidence = {cap for cap, fields in CAPABILITY_FIELDS.items() if present.intersection(fields)}
    implied = {cap for cap, fields in CAPABILITY_FIELDS.items() if positive.intersection(fields)}
    listed = filters.get("capabilities")
    names = list(listed) if isinstance(listed, list) else []
    findings: list[Finding] = []
    for index, name in enumerate(names):
        if isinstance(name, str) and name not in evidence:
            message = f"capability {name!r} is listed but no endpoint pricing supports it"
            at = path("filters", "capabilities", index)
            findings.append(finding("registry.capability-unsupported", message, at))
    for name in sorted(implied - {name for name in names if isinstance(name, str)}):
        message = f"endpoint pricing implies capability {name!r}, which is not listed"
        findings.append(
            finding("registry.capability-not-listed", message, path("filters", "capabilities"))
        )
    unsorted = "registry.capabilities-unsorted"
    return findings + duplicates_and_order(names, "capabilities", path, unsorted)
