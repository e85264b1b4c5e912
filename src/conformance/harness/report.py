"""Step 4, report: the judged run becomes a ``conformance.reporting.Report``.

One group per target (gateway, registry, and cross when both were tested), every finding
already redacted and ordered by what explains the rest: a group's findings come check by check,
transport and contract first, then schema, semantics, cross-API, hygiene
(``catalog.FAMILY_ORDER``). The summary counts every finding, while a reporter prints at most
``MAX_PER_CHECK`` of one check and says how many it left out, at the end of that check's block.
``Report.families`` holds every family's state on every target (passed, failed, not run and
why); the overview lines say the same in words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from conformance.catalog import CHECKS, FAMILY_ORDER
from conformance.findings import Finding
from conformance.harness.judge import Judgement
from conformance.harness.options import API_NAMES, Settings, Target
from conformance.harness.redaction import Redactor
from conformance.reporting import FamilyState, Group, Report, Skipped, plural

MAX_PER_CHECK = 50
_UNITS = {"transport": "request", "cross": "pair"}


def build_report(
    targets: Sequence[Target],
    judgement: Judgement,
    *,
    seed: int,
    seconds: float,
    redactor: Redactor,
    strict: bool = False,
) -> Report:
    names = [target.name for target in targets] + (["cross"] if len(targets) == 2 else [])
    urls = {target.name: target.base_url for target in targets}
    findings = [redactor.finding(finding) for finding in judgement.findings]
    groups = [
        Group(
            name,
            API_NAMES[name],
            by_check([finding for finding in findings if finding.target == name]),
            description=f"{API_NAMES[name]} at {urls[name]}" if name in urls else None,
        )
        for name in names
    ]
    families = [redacted(state, redactor) for state in judgement.families]
    return Report(
        "conformance",
        groups,
        layout="findings",
        skipped=[
            Skipped(state.family, state.target, state.reason or "")
            for state in families
            if state.state == "not run"
        ],
        per_check_limit=MAX_PER_CHECK,
        noun="target",
        stats=f"{plural(judgement.requests, 'request')} in {seconds:.1f}s, seed {seed}",
        overview=overview(families, names),
        extra={"seed": seed, "coverage": coverage_dict(families)},
        families=families,
        strict=strict,
    )


def by_check(findings: Sequence[Finding]) -> list[Finding]:
    """Check by check, in family order; each check's findings in the order they were found."""
    first_seen: dict[str, int] = {}
    for index, finding in enumerate(findings):
        first_seen.setdefault(finding.check, index)

    def key(finding: Finding) -> tuple[int, int]:
        return FAMILY_ORDER.index(CHECKS[finding.check].family), first_seen[finding.check]

    return sorted(findings, key=key)


def redacted(state: FamilyState, redactor: Redactor) -> FamilyState:
    if state.reason is None:
        return state
    return dataclasses.replace(state, reason=redactor.text(state.reason))


def header_line(settings: Settings) -> str:
    """The first line of a human report: printed before the run, so a killed run shows its seed."""
    where = ", ".join(f"{name} {url}" for name, url in settings.urls.items())
    where = where or "the embedded reference server"
    return f"helicone-contract conformance: {where} (seed {settings.seed})"


def overview(families: Sequence[FamilyState], names: Sequence[str]) -> list[str]:
    """``registry: transport 23/23 requests passed, contract 20/20 answers, schema 20/20, ...,
    not run: cross`` per target: every family that ran, on how much, how much passed it."""
    lines = []
    for name in names:
        parts: list[str] = []
        previous_unit = None
        for state in (s for s in families if s.target == name and s.state != "not run"):
            unit = _UNITS.get(state.family, "answer")
            text = f"{state.family} {state.passed}/{state.ran}"
            if unit != previous_unit:
                text += f" {unit}{'' if state.ran == 1 else 's'}"
            previous_unit = unit
            parts.append(text + (" passed" if not parts else ""))
        skipped = [s.family for s in families if s.target == name and s.state == "not run"]
        if skipped and not parts:
            parts.append("not run")
        elif skipped:
            parts.append(f"not run: {', '.join(skipped)}")
        lines.append(f"{name}: {', '.join(parts)}")
    return lines


def coverage_dict(families: Sequence[FamilyState]) -> dict[str, dict[str, dict[str, int]]]:
    """The families that ran, as JSON metadata: ``{target: {family: {"ran": n, "passed": n}}}``."""
    coverage: dict[str, dict[str, dict[str, int]]] = {}
    for state in families:
        if state.state != "not run":
            entry = {"ran": state.ran, "passed": state.passed}
            coverage.setdefault(state.target, {})[state.family] = entry
    return coverage
