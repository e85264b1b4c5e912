"""Step 4, report: the judged run becomes a ``conformance.reporting.Report``.

One group per target (gateway, registry, and cross when both were tested), every finding
already redacted; the summary counts every finding, while a reporter prints at most
``MAX_PER_CHECK`` of one check and says how many it left out. The report ends with an overview
per API: which check families ran, on how many answers, and how many passed.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.harness.judge import FAMILIES, Coverage, Judgement
from conformance.harness.options import API_NAMES, Target
from conformance.harness.redaction import Redactor
from conformance.reporting import Group, Report

MAX_PER_CHECK = 50
_FAMILY_NAMES = {"document": "schema", "semantic": "semantics", "cross": "cross-API"}
_UNITS = {"transport": "requests", "cross": "pair"}


def build_report(
    targets: Sequence[Target],
    judgement: Judgement,
    *,
    seed: int,
    seconds: float,
    redactor: Redactor,
) -> Report:
    names = [target.name for target in targets] + (["cross"] if len(targets) == 2 else [])
    urls = {target.name: target.base_url for target in targets}
    findings = [redactor.finding(finding) for finding in judgement.findings]
    groups = [
        Group(
            name,
            API_NAMES[name],
            [finding for finding in findings if finding.target == name],
            description=f"{API_NAMES[name]} at {urls[name]}" if name in urls else None,
        )
        for name in names
    ]
    return Report(
        "conformance",
        groups,
        layout="findings",
        skipped=judgement.skipped,
        per_check_limit=MAX_PER_CHECK,
        noun="target",
        stats=f"{judgement.requests} requests in {seconds:.1f}s, seed {seed}",
        overview=overview(judgement.coverage, names),
        extra={"seed": seed, "coverage": coverage_dict(judgement.coverage)},
    )


def header_line(targets: Sequence[Target], seed: int) -> str:
    """The first line of a human report: printed before the run, so a killed run shows its seed."""
    where = ", ".join(f"{target.name} {target.base_url}" for target in targets)
    return f"helicone-contract conformance: {where} (seed {seed})"


def overview(coverage: Coverage, names: Sequence[str]) -> list[str]:
    """``registry: contract 20/20 answers passed, schema 20/20, ...`` per API that was judged."""
    lines = []
    for name in names:
        tallies = coverage.get(name, {})
        parts: list[str] = []
        for family in (f for f in FAMILIES if f in tallies):
            tally = tallies[family]
            label = _FAMILY_NAMES.get(family, family)
            unit = _UNITS.get(family, "answers")
            first = not parts
            text = f"{label} {tally.passed}/{tally.ran}"
            if first or family in _UNITS:
                text += f" {unit}"
            parts.append(text + (" passed" if first else ""))
        if parts:
            lines.append(f"{name}: {', '.join(parts)}")
    return lines


def coverage_dict(coverage: Coverage) -> dict[str, dict[str, dict[str, int]]]:
    """The overview as JSON metadata: ``{target: {family: {"ran": n, "passed": n}}}``."""
    return {
        name: {
            family: {"ran": tallies[family].ran, "passed": tallies[family].passed}
            for family in FAMILIES
            if family in tallies
        }
        for name, tallies in coverage.items()
    }
