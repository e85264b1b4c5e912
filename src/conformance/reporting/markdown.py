"""Markdown for a pull-request comment or a CI job summary: short tables first, details after.

    ### helicone-contract diff: `old.json` → `new.json`
    | API | check family | state | |      conformance: each family on each API, passed,
                                          failed or not run (and why): ``Report.families``
    | severity | check | count |          one row per check that fired, worst first
    #### changes: 1 breaking, 0 warnings, 2 info
    | severity | check | where | what |   failing and warning rows in full (changes: and
                                          whom each breaks);
    <details> info (2) ... </details>     what breaks nobody folded away

Every cell is escaped (``|``, newlines, backticks in code spans), so input text cannot break
the table or inject markup. The report's overview lines (``diff``: prices that moved together)
come right after the title; the whole stays within GitHub's 65,536 characters of a comment,
the rows that do not fit counted as "N more in the JSON report".
"""

from __future__ import annotations

from collections import Counter

from conformance.exit_codes import ExitCode, describe_exit
from conformance.findings import FAILING, Finding
from conformance.reporting.model import FamilyState, Group, Report, shown
from conformance.reporting.text import group_heading
from conformance.reporting.wording import message, not_run, place, summary, truncated_line

_RANK = {"error": 0, "breaking": 0, "warning": 1, "info": 2}
LIMIT = 65_536
"""Characters of a GitHub comment."""


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    padding = " " if fence == "``" else ""
    return f"{fence}{padding}{_cell(text)}{padding}{fence}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _title(report: Report) -> str:
    names = [group.name for group in report.groups if not group.changes]
    joined = " → " if report.command == "diff" else ", "
    return f"### helicone-contract {report.command}: {joined.join(_code(n) for n in names)}"


def _overview(report: Report) -> list[str]:
    fired = Counter((f.severity, f.check) for f in report.findings if not f.acknowledged)
    if not fired:
        return []
    ordered = sorted(fired.items(), key=lambda item: (_RANK.get(item[0][0], 3), item[0][1]))
    rows = [[severity, _code(check), str(number)] for (severity, check), number in ordered]
    return _table(["severity", "check", "count"], rows)


_STATE_MARKS = {"passed": "✅ passed", "failed": "❌ failed", "not run": "⚪ not run"}


def _detail(state: FamilyState) -> str:
    """How many passed of what it ran on, or why it did not run."""
    return state.reason or "" if state.state == "not run" else f"{state.passed}/{state.ran}"


def _families(report: Report) -> list[str]:
    rows = [
        [_cell(state.target), _cell(state.family), _STATE_MARKS[state.state], _cell(_detail(state))]
        for state in report.families
    ]
    return (
        _table(["API", "check family", "state", "passed / ran, or why not run"], rows)
        if rows
        else []
    )


def _loud(finding: Finding) -> bool:
    return not finding.acknowledged and finding.severity in (*FAILING, "warning")


def _where(finding: Finding) -> str:
    """``51:29 `$.data.total` ``: line and column in the file (when known), then the place."""
    parts = [] if finding.line is None else [f"{finding.line}:{finding.column or 1}"]
    return " ".join([*parts, *([_code(place(finding))] if place(finding) else [])])


def _rows(findings: list[Finding], changes: bool) -> list[list[str]]:
    rows = []
    for f in sorted(findings, key=lambda f: _RANK.get(f.severity, 3)):
        row = [f.severity, _code(f.check), _where(f)]
        row.append(_cell(message(f, breaks=not changes)))
        rows.append([*row, ", ".join(f.breaks) or "nobody"] if changes else row)
    return rows


def _details(group: Group, full: Group, room: list[int]) -> list[str]:
    """``room`` holds how many rows may still be shown; it is spent here."""
    lines = [f"#### {_cell(group_heading(full).removeprefix('== '))}"]
    loud = [f for f in group.findings if _loud(f)]
    quiet = [f for f in group.findings if not _loud(f)]
    loud, quiet = loud[: room[0]], quiet[: max(0, room[0] - len(loud))]
    room[0] -= len(loud) + len(quiet)
    head = ["severity", "check", "where", "what", *(["breaks"] if group.changes else [])]
    if loud:
        lines += ["", *_table(head, _rows(loud, group.changes))]
    if quiet:
        noun = "changes" if group.changes else "findings"
        fold = (
            f"{len(quiet)} more"
            if loud
            else f"{len(quiet)} {noun[:-1] if len(quiet) == 1 else noun}"
        )
        lines += ["", f"<details><summary>{fold}, failing nothing</summary>", ""]
        lines += [*_table(head, _rows(quiet, group.changes)), "", "</details>"]
    return lines


def markdown_failure(command: str, code: ExitCode, reason: str) -> str:
    """The comment of a run that could not happen (exit 2, 3 or 4): the title and why."""
    return f"### helicone-contract {command}\n\n**{_cell(describe_exit(code))}**: {_cell(reason)}\n"


def render_markdown(report: Report, code: ExitCode) -> str:
    text = _render(report, code, len(report.findings))
    if len(text) <= LIMIT:
        return text
    fits, too_many = 0, len(report.findings)
    while fits + 1 < too_many:
        middle = (fits + too_many) // 2
        if len(_render(report, code, middle)) <= LIMIT:
            fits = middle
        else:
            too_many = middle
    return _render(report, code, fits)


def _render(report: Report, code: ExitCode, rows: int) -> str:
    """The comment with at most ``rows`` rows of findings."""
    groups, truncated = shown(report)
    lines = [_title(report), ""]
    families = _families(report)
    if families:  # the families table says what the text overview lines say
        lines += [*families, ""]
    elif report.overview:
        lines += [*(f"- {_cell(line)}" for line in report.overview), ""]
    overview = _overview(report)
    lines += [*overview, ""] if overview else []
    room = [rows]
    for group, full in zip(groups, report.groups, strict=True):
        if full.findings or full.changes:
            lines += [*_details(group, full, room), ""]
    lines += [] if families else [f"- {_cell(not_run(s))}" for s in report.skipped]
    lines += [f"- {_cell(truncated_line(c, hidden))}" for c, hidden in truncated.items()]
    listed = sum(len(group.findings) for group in groups)
    if listed > rows:
        lines.append(f"- {listed - rows} more in the JSON report (`--format json`)")
    lines += ["", f"**{_cell(summary(report, code))}**"]
    return "\n".join(lines).strip("\n").replace("\n\n\n", "\n\n") + "\n"
