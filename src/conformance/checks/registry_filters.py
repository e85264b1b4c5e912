"""``filters`` of a registry: what the real implementation derives from the models.

Read off Helicone's code and confirmed on captured responses: providers and authors are exactly
the sets used by the models, sorted; capabilities come from endpoint pricing. The exact pricing
rule for capabilities is not documented, so the strict direction is "listed needs some pricing
evidence" (an error) and the loose one "pricing implies a listed capability" is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.catalog import finding
from conformance.findings import Finding, Location
from conformance.jsonpath import to_jsonpath

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


def indexed_dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a list with their own index (other items are the schema's business)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


@dataclass(slots=True)
class Usage:
    """What the models use, each with where it is first used (relative to the data object)."""

    providers: dict[str, Location] = field(default_factory=dict)
    authors: dict[str, Location] = field(default_factory=dict)
    priced: set[str] = field(default_factory=set)
    """Capability pricing fields present in any pricing or tier."""
    positive: set[str] = field(default_factory=set)
    """Capability pricing fields with a positive price in an endpoint's main pricing."""

    def add_model(
        self, model: dict[str, Any], index: int, endpoints: list[tuple[int, dict[str, Any]]]
    ) -> None:
        author = model.get("author")
        if isinstance(author, str) and author not in self.authors:
            self.authors[author] = ("models", index)
        providers, priced, positive = self.providers, self.priced, self.positive
        for e_index, endpoint in endpoints:
            provider = endpoint.get("provider")
            if isinstance(provider, str) and provider not in providers:
                providers[provider] = ("models", index, "endpoints", e_index)
            pricing = endpoint.get("pricing")
            if isinstance(pricing, dict):
                keys = _PRICE_FIELDS.intersection(pricing)
                if keys:
                    priced |= keys
                    if not keys <= positive:  # usually every field is known positive by now
                        positive.update(k for k in keys - positive if _positive(pricing[k]))
            tiers = endpoint.get("pricingTiers")
            if isinstance(tiers, list):
                for tier in tiers:
                    if isinstance(tier, dict):
                        priced.update(_PRICE_FIELDS.intersection(tier))


def check_filters(filters: dict[str, Any], usage: Usage, at: Location) -> list[Finding]:
    """Every finding of ``filters`` (at ``at``) against what the models use."""
    data_at = at[:-1]
    return (
        _providers(filters.get("providers"), usage, at, data_at)
        + _authors(filters.get("authors"), usage, at, data_at)
        + _capabilities(filters.get("capabilities"), usage, at)
    )


def _providers(value: Any, usage: Usage, at: Location, data_at: Location) -> list[Finding]:
    entries = indexed_dicts(value)
    names = {index: entry.get("name") for index, entry in entries}
    check = "registry.providers-mismatch"
    findings = _set_mismatch(names, usage.providers, (*at, "providers"), data_at, check)
    findings += _duplicates_and_order(names, (*at, "providers"), "registry.providers-unsorted")
    for index, entry in entries:
        display = entry.get("displayName")
        if isinstance(display, str) and not display.strip():
            message = f"provider {entry.get('name')!r} has an empty display name"
            where = (*at, "providers", index, "displayName")
            findings.append(finding("registry.provider-display-name", message, where))
    return findings


def _authors(value: Any, usage: Usage, at: Location, data_at: Location) -> list[Finding]:
    names = dict(enumerate(value)) if isinstance(value, list) else {}
    check = "registry.authors-mismatch"
    findings = _set_mismatch(names, usage.authors, (*at, "authors"), data_at, check)
    return findings + _duplicates_and_order(names, (*at, "authors"), "registry.authors-unsorted")


def _capabilities(value: Any, usage: Usage, at: Location) -> list[Finding]:
    fields = CAPABILITY_FIELDS.items()
    evidence = {cap for cap, names in fields if usage.priced.intersection(names)}
    implied = {cap for cap, names in fields if usage.positive.intersection(names)}
    names = dict(enumerate(value)) if isinstance(value, list) else {}
    where = (*at, "capabilities")
    findings: list[Finding] = []
    for index, name in names.items():
        if isinstance(name, str) and name not in evidence:
            message = f"capability {name!r} is listed but no endpoint pricing supports it"
            findings.append(finding("registry.capability-unsupported", message, (*where, index)))
    for name in sorted(implied - {name for name in names.values() if isinstance(name, str)}):
        message = f"endpoint pricing implies capability {name!r}, which is not listed"
        findings.append(finding("registry.capability-not-listed", message, where))
    return findings + _duplicates_and_order(names, where, "registry.capabilities-unsorted")


def _set_mismatch(
    listed: dict[int, Any], used: dict[str, Location], at: Location, data_at: Location, check: str
) -> list[Finding]:
    """Listed but unused (at the entry), used but unlisted (at the list, naming one user)."""
    what = str(at[-1]).removesuffix("s")
    findings: list[Finding] = []
    for index, name in listed.items():
        if isinstance(name, str) and name not in used:
            message = f"{what} {name!r} is listed but no model uses it"
            findings.append(finding(check, message, (*at, index)))
    listed_set = {name for name in listed.values() if isinstance(name, str)}
    for name, user in used.items():
        if name not in listed_set:
            message = f"{what} {name!r} (used by {to_jsonpath((*data_at, *user))}) is not listed"
            findings.append(finding(check, message, at))
    return findings


def _duplicates_and_order(names: dict[int, Any], at: Location, unsorted: str) -> list[Finding]:
    """Each repeated entry, and one finding when the list is not sorted."""
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for index, name in names.items():
        if not isinstance(name, str):  # the schema reports it; it may not even be hashable
            continue
        if name in first:
            message = f"{name!r} already listed at {to_jsonpath((*at, first[name]))}"
            findings.append(finding("registry.filters-duplicate", message, (*at, index)))
        else:
            first[name] = index
    strings = [name for name in names.values() if isinstance(name, str)]
    if strings != sorted(strings):
        wrong = next(i for i in range(1, len(strings)) if strings[i - 1] > strings[i])
        message = f"not sorted: {strings[wrong - 1]!r} comes before {strings[wrong]!r}"
        findings.append(finding(unsorted, message, at))
    return findings


def _positive(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_positive(item) for item in value.values())
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
