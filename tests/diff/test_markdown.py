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


def test_a_fold_that_is_the_only_content_is_named_for_what_it_holds() -> None:
    change = finding("diff.model-added", "model 'x' added", ("data", "models", 0))
    report = Report("diff", [Group("a.json", "registry"), Group("b.json", "registry"),
                             Group("changes", "registry", [change], changes=True)])  # fmt: skip
    text = render_markdown(report, ExitCode.OK)
    assert "<summary>1 change, failing nothing</summary>" in text
    assert "more, failing nothing" not in text


def test_a_mass_price_change_fits_one_comment_summary_first() -> None:
    from conformance.diff.data import price_moves
    from conformance.reporting.markdown import LIMIT

    changes = [
        finding("diff.price-changed",
                f"model 'vendor/model-{i}', provider 'p{i % 7}': {key} 2.5 → 2.25 (x0.9)",
                ("data", "models", i, "endpoints", 0, "pricing", key))
        for i in range(1500) for key in ("prompt", "completion")
    ]  # fmt: skip
    overview = price_moves(changes)
    assert overview == ["completion, prompt prices -10% (x0.9) on 1500 models: 3000 prices"]
    report = Report("diff", [Group("a.json", "registry"), Group("b.json", "registry"),
                             Group("changes", "registry", changes, changes=True)],
                    overview=overview)  # fmt: skip
    text = render_markdown(report, ExitCode.OK)
    assert len(text) <= LIMIT
    assert text.index(overview[0]) < text.index("| severity | check | count |")
    shown = text.count("| `diff.price-changed` |") - 1  # the count table's row
    assert 100 < shown < 3000
    assert f"- {3000 - shown} more in the JSON report (`--format json`)" in text
