"""How every reporter words a finding: its place, its message and its notes, said once.

Locations are data until here: ``location`` becomes a JSONPath, ``pointer`` a JSON Pointer.
"""

from __future__ import annotations

from conformance.exit_codes import ExitCode, describe_exit
from conformance.findings import Finding
from conformance.jsonpath import to_jsonpath, to_pointer
from conformance.reporting.model import Group, Report, Skipped, count, plural


def path_of(finding: Finding) -> str | None:
    return None if finding.location is None else to_jsonpath(finding.location)


def pointer_of(finding: Finding) -> str | None:
    return None if finding.pointer is None else to_pointer(finding.pointer)


def place(finding: Finding) -> str:
    """Pointer (to an embedded payload) and JSONPath (inside it), whichever it has."""
    return " ".join(part for part in (pointer_of(finding), path_of(finding)) if part)


def notes(finding: Finding, *, breaks: bool = True, strict: bool = False) -> list[str]:
    """What a reader should know beside the message, in reading order (whom a change breaks
    too, unless a reporter shows that in a place of its own; that a warning fails the run,
    under ``strict``)."""
    found: list[str] = []
    if breaks and finding.breaks:
        found.append(f"breaks {', '.join(finding.breaks)}")
    if finding.seen_in is not None:
        seen, judged = finding.seen_in
        found.append(f"in {seen} of {plural(judged, 'answer')}")
        if finding.variants > 1:
            found[-1] += f", {finding.variants} different values"
    if finding.maybe_consequence:
        found.append("maybe a consequence of a schema error")
    if finding.acknowledged:
        found.append("acknowledged")
    elif strict and finding.severity == "warning":
        found.append("fails the run under --strict")
    return found


def message(finding: Finding, *, breaks: bool = True, strict: bool = False) -> str:
    """The message on one line, with its notes: ``... (in 20 of 20 answers)``; when merged
    answers said different things, ``e.g. <the first> (in 9 of 20 answers, 9 different
    values)``."""
    text = finding.message.replace("\r", "\\r").replace("\n", "\\n")
    if finding.variants > 1:
        text = f"e.g. {text}"
    extra = notes(finding, breaks=breaks, strict=strict)
    return f"{text} ({'; '.join(extra)})" if extra else text


def not_run(skipped: Skipped) -> str:
    where = f"{skipped.target} " if skipped.target not in (None, skipped.family) else ""
    return f"{where}{skipped.family}: not run: {skipped.reason}"


def truncated_line(check: str, hidden: int) -> str:
    return f"{check}: {hidden} more not shown"


def summary(report: Report, code: ExitCode) -> str:
    """The last line of every human report: what was checked, the counts, and the exit code
    with why (under ``--strict``: which warnings failed the run)."""
    groups = sum(1 for group in report.groups if not group.changes)
    noun = report.noun if groups == 1 else f"{report.noun}s"
    stats = f"; {report.stats}" if report.stats else ""
    counts = count(report.findings)
    described = counts.describe(changes=any(g.changes for g in report.groups))
    verdict = describe_exit(code)
    failing_warnings = sum(
        1 for f in report.findings if f.severity == "warning" and report.fails(f)
    )
    if code == ExitCode.FINDINGS and failing_warnings:
        failing = counts.errors + counts.breaking
        others = f"{plural(failing, 'error')} and " if failing else ""
        verdict += f": {others}{plural(failing_warnings, 'warning')} (--strict)"
    return f"{groups} {noun} checked: {described}{stats}. {verdict}"


def family_verdict(report: Report, group: Group) -> str | None:
    """What a group without findings says, from its families' states: "valid" only when every
    family ran and passed; None when the report has no family states for it."""
    states = report.families_of(group.name)
    if not states:
        return None
    skipped = [state.family for state in states if state.state == "not run"]
    if len(skipped) == len(states):
        return "not run"
    if skipped:
        return f"no findings; not run: {', '.join(skipped)}"
    return "valid"
