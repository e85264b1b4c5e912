"""`validate` as a user and a CI job see it: output formats, exit codes, stdin, reports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import weakref
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.checks import own
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, needs_real_data
from tests.validate.conftest import Cli
from tests.validate.snapshot import assert_matches

SNAPSHOTS = Path(__file__).parent / "snapshots"
BROKEN = ("small-registry-broken.json", "gateway-broken.json", "small-registry.json")


@needs_real_data
def test_real_files_are_valid(cli: Cli) -> None:
    result = cli("validate", str(REAL_REGISTRY), str(REAL_GATEWAY))
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith(
        "2 files checked: 0 errors, 0 warnings. exit 0: no failing finding\n"
    )


def test_text_report_snapshot(workdir: Path, cli: Cli) -> None:
    result = cli("validate", *BROKEN)
    assert result.code == 1
    assert_matches(result.out, SNAPSHOTS / "validate-broken.txt")


def test_github_report_snapshot(workdir: Path, cli: Cli) -> None:
    result = cli("validate", "--format", "github", *BROKEN)
    assert result.code == 1
    assert_matches(result.out, SNAPSHOTS / "validate-broken.github.txt")


def test_json_report_has_the_documented_shape(workdir: Path, cli: Cli) -> None:
    result = cli("validate", "--format", "json", *BROKEN)
    report = json.loads(result.out)
    assert result.code == 1
    assert set(report) == {"ok", "files", "tool", "version", "command"}
    assert report["command"] == "validate"
    assert report["ok"] is False
    assert [(f["file"], f["kind"], len(f["findings"])) for f in report["files"]] == [
        ("small-registry-broken.json", "registry-response", 7),
        ("gateway-broken.json", "models", 4),
        ("small-registry.json", "registry-response", 0),
    ]
    first = report["files"][0]["findings"][0]
    assert first == {
        "check": "registry.price-invalid",
        "severity": "error",
        "path": "$.data.models[0].endpoints[0].pricing.prompt",
        "line": 15,
        "column": 15,
        "message": "price -1.25 is negative",
    }


def test_json_ok_is_true_with_warnings_only(workdir: Path, cli: Cli) -> None:
    document = json.loads(Path("small-registry.json").read_text())
    document["data"]["models"][0]["trainingDate"] = "2025-08-05"
    Path("warned.json").write_text(json.dumps(document))
    result = cli("validate", "--format", "json", "warned.json")
    assert (result.code, json.loads(result.out)["ok"]) == (0, True)
    strict = cli("validate", "--strict", "--format", "json", "warned.json")
    assert (strict.code, json.loads(strict.out)["ok"]) == (1, False)


def test_stdin_is_read_for_dash(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.dumps(own.gateway()).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body)))
    result = cli("validate", "-")
    assert result.code == 0
    assert result.out.startswith("== <stdin> [/v1/models list, detected]: valid\n")


def test_kind_overrides_detection(workdir: Path, cli: Cli) -> None:
    result = cli("validate", "--kind", "models", "small-registry.json")
    assert result.code == 1
    assert "== small-registry.json [/v1/models list]:" in result.out
    assert "required property 'object' is missing" in result.out


def test_bare_data_object_is_detected_and_valid(workdir: Path, cli: Cli) -> None:
    data = json.loads(Path("small-registry.json").read_text())["data"]
    Path("bare.json").write_text(json.dumps(data))
    detected = cli("validate", "bare.json").out
    assert detected.startswith(
        "== bare.json [registry data object (no {data, error} wrapper), detected; "
        "an HTTP answer? --kind registry-response]: valid"
    )
    wrapped = cli("validate", "--kind", "registry-response", "bare.json")
    assert wrapped.code == 1
    assert "error[schema.wrapper-missing] $:" in wrapped.out


def test_junit_xml_counts_failures_and_passes(workdir: Path, cli: Cli) -> None:
    result = cli("validate", "--junit-xml", "report.xml", *BROKEN)
    root = ET.parse("report.xml").getroot()
    assert result.code == 1
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("12", "10", "0")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert [case.get("name") for case in suites["small-registry.json"].iter("testcase")] == [
        "valid"
    ]
    assert len(list(suites["gateway-broken.json"].iter("failure"))) == 4


def test_junit_xml_refuses_to_overwrite_an_input(workdir: Path, cli: Cli) -> None:
    before = Path("small-registry.json").read_bytes()
    result = cli("validate", "--junit-xml", "small-registry.json", "small-registry.json")
    assert result.code == 2
    assert "that is an input file" in result.err
    assert Path("small-registry.json").read_bytes() == before


def test_unwritable_report_path_is_one_line_and_exit_2_before_any_work(
    workdir: Path, cli: Cli
) -> None:
    result = cli("validate", "--junit-xml", "no/such/dir/report.xml", "small-registry.json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "helicone-contract: error: --junit-xml no/such/dir/report.xml: "
        "directory no/such/dir does not exist\n"
    )
    same = cli("validate", "--junit-xml", "r.xml", "--sarif", "r.xml", "small-registry.json")
    assert (same.code, same.err.count("\n")) == (2, 1)


def test_the_command_ends_its_process_with_every_output_written(workdir: Path, cli: Cli) -> None:
    """The installed command (``console_main``) ends the process at once after ``validate``:
    stdout buffered in a pipe, stderr, both report files and the exit code are still whole,
    the same as the in-process run's."""
    reports = ("--junit-xml", "process.xml", "--sarif", "process.sarif")
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    command = [sys.executable, "-m", "conformance", "validate", "--format", "json"]
    completed = subprocess.run(
        [*command, *reports, *BROKEN], capture_output=True, text=True, env=environment, check=False
    )
    expected = cli("validate", "--format", "json", "--junit-xml", "own.xml", "--sarif", "own.sarif",
                   *BROKEN)  # fmt: skip
    assert (completed.returncode, completed.stdout, completed.stderr) == (
        expected.code,
        expected.out,
        expected.err,
    )
    assert expected.code == 1
    assert json.loads(completed.stdout)["ok"] is False
    assert Path("process.xml").read_bytes() == Path("own.xml").read_bytes()
    assert Path("process.sarif").read_bytes() == Path("own.sarif").read_bytes()


def test_main_in_a_process_that_goes_on_keeps_nothing_until_exit() -> None:
    """Only the installed command keeps its last document until the process ends."""
    from conformance.cli import keep_until_exit

    class Document:
        pass

    document = Document()
    watched = weakref.ref(document)
    keep_until_exit(document)
    del document
    assert watched() is None


def test_colour_only_on_a_terminal(workdir: Path) -> None:
    from conformance.reporting.text import use_colour

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour(Tty()) is True
    assert use_colour(io.StringIO()) is False


def test_sarif_file_is_written_beside_the_chosen_format(workdir: Path, cli: Cli) -> None:
    result = cli("validate", "--sarif", "report.sarif", "--format", "github", *BROKEN)
    sarif = json.loads(Path("report.sarif").read_text("utf-8"))
    assert result.code == 1
    assert result.out.startswith("== small-registry-broken.json")
    (run,) = sarif["runs"]
    assert len(run["results"]) == 11
    artifacts = {a["location"]["uri"]: a["description"]["text"] for a in run["artifacts"]}
    assert artifacts["gateway-broken.json"] == "/v1/models list, detected"


def test_strict_warnings_fail_the_run_and_the_last_line_says_so(workdir: Path, cli: Cli) -> None:
    document = json.loads(Path("small-registry.json").read_text())
    document["data"]["models"][0]["trainingDate"] = "2025-08-05"
    Path("warned.json").write_text(json.dumps(document))
    strict = cli("validate", "--strict", "warned.json")
    assert strict.code == 1
    assert "warning[registry.training-date-format]" in strict.out
    assert "(fails the run under --strict)" in strict.out
    assert strict.out.endswith(
        "0 errors, 1 warning. exit 1: failing findings: 1 warning (--strict)\n"
    )


def test_a_bug_is_one_line_exit_4_and_still_a_json_document(
    workdir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret-token-123 leaked into a message")

    monkeypatch.setattr("conformance.validation.files.check_document", broken)
    result = cli("validate", "--format", "json", "small-registry.json")
    assert result.code == 4
    assert result.err.count("\n") == 1
    assert result.err.startswith("helicone-contract: internal error: RuntimeError at conformance/")
    assert "secret-token-123" not in result.err + result.out
    document = json.loads(result.out)
    assert (document["ok"], document["exit_code"], document["command"]) == (False, 4, "validate")


def test_a_usage_error_under_json_is_still_a_json_document(
    workdir: Path, cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    result = cli("validate", "--format", "json", "-", "-")
    assert result.code == 2
    assert json.loads(result.out)["error"] == "error: stdin (-) can be read only once"
    from conformance.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as done:  # refused by argparse, before any command runs
        main(["validate", "--format=json", "--max-size", "0", "small-registry.json"])
    assert done.value.code == 2
    message = "error: argument --max-size: expected a positive integer, got '0'"
    assert json.loads(capsys.readouterr().out)["error"] == message


def test_top_level_help_names_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert all(name in out for name in COMMANDS)
    assert "exit codes: 0 no failing finding, 1 failing findings, 2 usage error" in out
    assert "4 internal error" in out


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main

    with pytest.raises(SystemExit) as done:
        main(["valdiate", "x.json"])
    assert done.value.code == 2
    assert "invalid choice: 'valdiate'" in capsys.readouterr().err
