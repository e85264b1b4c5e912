"""How every reporter words a finding: its place, its message and its notes, said once.

Locations are data until here: ``location`` becomes a JSONPath, ``pointer`` a JSON Pointer.
"""

from __future__ import annotations

from conformance.exit_codes import ExitCode, describe_exit
from conformance.findings import Finding
from conformance.jsonpath import to_jsonpath, to_pointer
from conformance.reporting.model import Report, Skipped, count


def path_of(finding: Finding) -> str | None:
    return None if finding.location is None else to_jsonpath(finding.location)


def pointer_of(finding: Finding) -> str | None:
    return None if finding.pointer is None else to_pointer(finding.pointer)


def place(finding: Finding) -> str:
    """Pointer (to an embedded payload) and JSONPath (inside it), whichever it has."""
    return " ".join(part for part in (pointer_of(finding), path_of(finding)) if part)


def notes(finding: Finding, *, breaks: bool = True) -> list[str]:
    """What a reader should know beside the message, in reading order (whom a change breaks
    too, unless a reporter shows that in a place of its own)."""
    found: list[str] = []
    if breaks and finding.breaks:
        found.append(f"breaks {', '.join(finding.breaks)}")
    if finding.seen_in is not None:
        seen, judged = finding.seen_in
        found.append(f"in {seen} of {judged} answers")
    if finding.maybe_consequence:
        found.append("maybe a consequence of a schema error")
    if finding.acknowledged:
        found.append("acknowledged")
    return found


def message(finding: Finding, *, breaks: bool = True) -> str:
    """The message on one line, with its notes: ``... (in 20 of 20 answers)``."""
    text = finding.message.replace("\r", "\\r").replace("\n", "\\n")
    extra = notes(finding, breaks=breaks)
    return f"{text} ({'; '.join(extra)})" if extra else text


def not_run(skipped: Skipped) -> str:
    where = f"{skipped.target} " if skipped.target else ""
    return f"{where}{skipped.family}: not run: {skipped.reason}"


def truncated_line(check: str, hidden: int) -> str:
    return f"{check}: {hidden} more not shown"


def summary(report: Report, code: ExitCode) -> str:
    """The last line of every human report: what was checked, the counts, and the exit code."""
    groups = sum(1 for group in report.groups if not group.changes)
    noun = report.noun if groups == 1 else f"{report.noun}s"
    stats = f"; {report.stats}" if report.stats else ""
    counts = count(report.findings).describe(changes=any(g.changes for g in report.groups))
    return f"{groups} {noun} checked: {counts}{stats}. {describe_exit(code)}"
