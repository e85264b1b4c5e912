"""``--format markdown`` and ``--markdown PATH`` for conformance and validate: one Markdown
document (a job summary, a pull-request comment), each check family's state per API first."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cli import main
from conformance.reporting.markdown import render_markdown
from tests.support.mutations import BY_NAME
from tests.support.paths import REPO
from tests.support.servers import start_server

BROKEN = REPO / "tests" / "validate" / "data" / "small-registry-broken.json"


def test_conformance_markdown_is_one_document_with_the_families_of_each_api(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "summary.md"
    with start_server(BY_NAME["nan-token"]) as server:
        code = main(["conformance", "--gateway-url", server.url, "--registry-url", server.url,
                     "--max-examples", "2", "--seed", "3", "--format", "markdown",
                     "--markdown", str(report)])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 1
    assert out == report.read_text()
    assert out.startswith("### helicone-contract conformance: `gateway`, `registry`, `cross`\n")
    assert "(seed 3)" in err  # the run's first line, kept off the Markdown document
    lines = out.splitlines()
    families = lines[lines.index("| API | check family | state | passed / ran, or why not run |") :]
    assert families[2] == "| gateway | transport | ✅ passed | 8/8 |"  # explains the rest
    assert "| gateway | contract | ✅ passed | 2/2 |" in families
    assert "| registry | contract | ❌ failed | 0/2 |" in families
    not_run = [line for line in families if "⚪ not run" in line]
    assert not_run[0].startswith("| registry | schema | ⚪ not run | no answer got")
    assert any(line.startswith("| cross | cross | ⚪ not run |") for line in not_run)
    assert "| error | `contract.json` | 1 |" in lines
    assert not any(line.startswith("- ") and "not run" in line for line in lines)  # said once


def test_validate_markdown_places_each_finding_by_line_and_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--format", "markdown", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"### helicone-contract validate: `{BROKEN}`\n")
    assert (
        "| error | `registry.total-mismatch` | 71:5 `$.data.total` | "
        "total is 3 but the document holds 2 models |"
    ) in out.splitlines()
    assert out.endswith("**1 file checked: 6 errors, 1 warning. exit 1: failing findings**\n")


def test_reports_without_family_states_have_no_family_table() -> None:
    from conformance.exit_codes import ExitCode
    from conformance.reporting import Group, Report

    text = render_markdown(Report("validate", [Group("a.json", "models")]), ExitCode.OK)
    assert "| API | check family |" not in text
