"""Acknowledged findings: reviewed defects of upstream documents that must not fail CI.

    {"acknowledged": [{"document": "model-registry.openapi.yaml", "check": "schema",
      "pointer": "/paths/...", "path": "$.models[0].inputModalities[0]", "reason": "..."}]}

A finding matches an entry on document file name, check, pointer and path, rendered as the
reports render them (never on line or wording, which change with unrelated edits). It is then
still reported, marked acknowledged, and does not fail. An entry for a linted document that
matches nothing is reported as ``lint.baseline-stale`` (a warning): the defect may have been
fixed upstream.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from conformance.catalog import finding
from conformance.errors import InputError
from conformance.findings import Finding
from conformance.reporting import Group, path_of, pointer_of
from specload import DEFAULT_LIMITS, locate, parse_json, read_source

BASELINE_NAME = "lint-baseline.json"
_KEYS = ("document", "check", "pointer", "path")

Key = tuple[str, str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Baseline:
    source: str
    entries: list[Key]
    text: str


def load_baseline(source: str) -> Baseline:
    return parse_baseline(read_source(source, DEFAULT_LIMITS.max_payload_bytes), source)


def parse_baseline(raw: bytes, source: str) -> Baseline:
    """A baseline from its bytes; ``source`` names it in messages and reports."""
    value = parse_json(raw, source)
    entries = value.get("acknowledged") if isinstance(value, dict) else None
    if not isinstance(entries, list):
        raise InputError(f'{source}: expected {{"acknowledged": [...]}}')
    keys: list[Key] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in _KEYS[:2]):
            raise InputError(f"{source}: acknowledged[{index}] needs string document and check")
        keys.append((entry["document"], entry["check"], entry.get("pointer"), entry.get("path")))
    return Baseline(source, keys, raw.decode("utf-8-sig"))


def document_name(group: Group) -> str:
    return PurePath(group.name).name


def key_of(group: Group, found: Finding) -> Key:
    """The finding as a baseline entry names it: places rendered as the reports show them,
    so an entry is what a user copies from a report."""
    return (document_name(group), found.check, pointer_of(found), path_of(found))


def apply_baselines(groups: Sequence[Group], baselines: Sequence[Baseline]) -> list[Group]:
    """The groups with matching findings acknowledged, plus one group per baseline with stale
    entries."""
    acknowledged = {key for baseline in baselines for key in baseline.entries}
    used: set[Key] = set()
    result = []
    for group in groups:
        keys = [key_of(group, found) for found in group.findings]
        used.update(key for key in keys if key in acknowledged)
        findings = [
            dataclasses.replace(found, acknowledged=True) if key in acknowledged else found
            for found, key in zip(group.findings, keys, strict=True)
        ]
        result.append(dataclasses.replace(group, findings=findings))
    linted = {document_name(group) for group in groups}
    for baseline in baselines:
        stale = _stale(baseline, used, linted)
        if stale:
            source = baseline.source
            result.append(Group(source, "baseline", stale, source, "lint baseline"))
    return result


def _stale(baseline: Baseline, used: set[Key], linted: set[str]) -> list[Finding]:
    unused = [i for i, key in enumerate(baseline.entries) if key not in used and key[0] in linted]
    positions = locate(baseline.text, [("acknowledged", i) for i in unused])
    stale = []
    for index in unused:
        document, check, pointer, path = baseline.entries[index]
        where = " ".join(part for part in (pointer, path) if part)
        message = f"acknowledges {check} at {where} in {document}, which no longer occurs"
        line, column = positions[("acknowledged", index)]
        stale.append(
            dataclasses.replace(
                finding("lint.baseline-stale", message, ("acknowledged", index)),
                line=line,
                column=column,
            )
        )
    return stale
