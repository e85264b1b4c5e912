"""The markdown reporter: summary first, details after, and no input text can break a table."""

from __future__ import annotations

from conformance.catalog import finding
from conformance.exit_codes import ExitCode
from conformance.reporting import Group, Report, render_markdown


def test_cells_are_escaped_and_code_spans_hold_backticks() -> None:
    change = finding("diff.model-changed", "name 'a|b' →\n'c'", ("data", "models", 0, "na`me"))
    report = Report("diff", [Group("old.json", "registry"), Group("new.json", "registry"),
                             Group("changes", "registry", [change], changes=True)])  # fmt: skip
    text = render_markdown(report, ExitCode.OK)
    row = next(line for line in text.splitlines() if line.endswith("| nobody |"))
    assert row == (
        "| info | `diff.model-changed` | `` $.data.models[0]['na`me'] `` | "
        "name 'a\\|b' →\\\\n'c' | nobody |"  # the message's \\n, its backslash escaped
    )
    assert text.index("| severity | check | count |") < text.index("#### changes")
    assert text.startswith("### helicone-contract diff: `old.json` → `new.json`\n")


def test_a_report_without_findings_is_a_title_and_a_verdict() -> None:
    report = Report("diff", [Group("a.json", "models"), Group("b.json", "models"),
                             Group("changes", "models", [], changes=True)])  # fmt: skip
    assert render_markdown(report, ExitCode.OK) == (
        "### helicone-contract diff: `a.json` → `b.json`\n\n"
        "#### changes [models]: no changes\n\n"
        "**2 files checked: 0 breaking, 0 warnings, 0 info. exit 0: no failing finding**\n"
    )
