"""Reporters work on any report: files (validate, lint) or targets (conformance), with what
was not run, truncation and merged findings; locations are rendered only here."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting import (
    Group,
    Report,
    Skipped,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)

ERROR = Finding("schema", "error", "'pdf' is not one of ['text']", ("data", 0, "x"), 3, 7)
WARNING = Finding("registry.training-date-format", "warning", "not a date-time", ("d",), 9, 1)
ACKED = Finding(
    "schema", "error", "null, really", ("models", 0), 51, 29,
    pointer=("paths", "/x", "get"), acknowledged=True,
)  # fmt: skip
TARGETED = Finding(
    "contract.status", "error", "expected 200,\ngot 500: 100%", None, target="gateway",
    reproduce="curl -s http://127.0.0.1:9/v1/models", seen_in=(20, 20),
)  # fmt: skip
CONSEQUENCE = Finding(
    "registry.total-mismatch", "error", "total is 3", ("data", "total"), target="registry",
    maybe_consequence=True,
)  # fmt: skip

FILES = Report(
    "validate",
    [
        Group("a.json", "registry-response", [ERROR, WARNING], "a.json", "a registry response"),
        Group("b.json", "models", [], file="b.json"),
    ],
)
LINT = Report("lint", [Group("specs/x.yaml", "openapi", [ACKED], file="specs/x.yaml")])
TARGETS = Report(
    "conformance",
    [
        Group("gateway", "AI Gateway API", [TARGETED]),
        Group("registry", "registry API", [CONSEQUENCE]),
    ],
    layout="findings",
    skipped=[Skipped("cross", None, "the registry answer failed its schema")],
    noun="target",
    extra={"seed": 7},
)
MANY = Report(
    "validate",
    [Group("c.json", "registry", [ERROR] * 5 + [WARNING], file="c.json")],
    per_check_limit=2,
)


def test_text_lines_start_with_file_line_column_and_end_with_the_verdict() -> None:
    assert render_text(FILES, ExitCode.FINDINGS).splitlines() == [
        "== a.json [a registry response]: 1 error, 1 warning",
        "a.json:3:7: error[schema] $.data[0].x: 'pdf' is not one of ['text']",
        "a.json:9:1: warning[registry.training-date-format] $.d: not a date-time",
        "== b.json [models]: valid",
        "2 files checked: 1 error, 1 warning. exit 1: failing findings",
    ]


def test_text_for_lint_and_for_targets() -> None:
    assert render_text(LINT, ExitCode.OK).splitlines()[1] == (
        "specs/x.yaml:51:29: error[schema] /paths/~1x/get $.models[0]: null, really (acknowledged)"
    )
    lines = render_text(TARGETS, ExitCode.FINDINGS).splitlines()
    assert lines[1:3] == [
        "gateway: error[contract.status] expected 200,\\ngot 500: 100% (in 20 of 20 answers)",
        "    reproduce: curl -s http://127.0.0.1:9/v1/models",
    ]
    assert lines[4] == (
        "registry: error[registry.total-mismatch] $.data.total: total is 3 "
        "(maybe a consequence of a schema error)"
    )
    assert "cross: not run: the registry answer failed its schema" in lines
    assert lines[-1] == "2 targets checked: 2 errors, 0 warnings. exit 1: failing findings"


def test_colour_is_opt_in() -> None:
    assert "\033[" not in render_text(FILES, ExitCode.FINDINGS)
    coloured = render_text(FILES, ExitCode.FINDINGS, colour=True)
    assert "\033[31merror[schema]\033[0m" in coloured
    assert "\033[33mwarning[registry.training-date-format]\033[0m" in coloured


def test_truncation_is_metadata_and_the_summary_counts_everything() -> None:
    text = render_text(MANY, ExitCode.FINDINGS).splitlines()
    assert sum(line.startswith("c.json:3:7: error[schema]") for line in text) == 2
    assert "schema: 3 more not shown" in text
    assert text[-1].startswith("1 file checked: 5 errors, 1 warning.")
    report = json.loads(render_json(MANY, ExitCode.FINDINGS))
    assert report["truncated"] == {"schema": 3}
    assert [f["check"] for f in report["files"][0]["findings"]] == [
        "schema",
        "schema",
        "registry.training-date-format",
    ]
    assert all("more" not in f["message"] for f in report["files"][0]["findings"])


def test_json_documented_shape_and_optional_keys() -> None:
    report = json.loads(
        render_json(Report("lint", [*FILES.groups, *LINT.groups]), ExitCode.FINDINGS)
    )
    assert (report["ok"], report["command"], report["tool"]) == (False, "lint", "helicone-contract")
    assert report["files"][0]["findings"][0] == {
        "check": "schema", "severity": "error", "path": "$.data[0].x", "line": 3,
        "column": 7, "message": "'pdf' is not one of ['text']",
    }  # fmt: skip
    assert report["files"][0]["description"] == "a registry response"
    assert report["files"][2]["findings"][0]["pointer"] == "/paths/~1x/get"
    assert report["files"][2]["findings"][0]["acknowledged"] is True
    assert "skipped" not in report


def test_json_for_conformance_is_flat_with_skipped_beside_findings() -> None:
    report = json.loads(render_json(TARGETS, ExitCode.FINDINGS))
    assert list(report)[:4] == ["ok", "seed", "findings", "skipped"]
    first, second = report["findings"]
    assert first == {
        "check": "contract.status", "severity": "error", "target": "gateway", "path": None,
        "message": TARGETED.message, "reproduce": TARGETED.reproduce,
        "seen_in": {"answers": 20, "of": 20},
    }  # fmt: skip
    assert (second["path"], second["maybe_consequence"]) == ("$.data.total", True)
    assert report["skipped"] == [
        {"family": "cross", "target": None, "reason": "the registry answer failed its schema"}
    ]


def test_github_annotations_escape_per_runner_rules_and_carry_the_reproduction() -> None:
    assert render_github(FILES, ExitCode.FINDINGS).splitlines()[1:3] == [
        "::error file=a.json,line=3,col=7,title=schema::$.data[0].x: 'pdf' is not one of ['text']",
        "::warning file=a.json,line=9,col=1,title=registry.training-date-format::"
        "$.d: not a date-time",
    ]
    lines = render_github(TARGETS, ExitCode.FINDINGS).splitlines()
    assert lines[1] == (
        "::error title=contract.status::gateway: expected 200,\\ngot 500: 100%25 "
        "(in 20 of 20 answers)%0Areproduce: curl -s http://127.0.0.1:9/v1/models"
    )
    assert "::notice title=not run::cross: not run: the registry answer failed its schema" in lines
    assert (
        render_github(LINT, ExitCode.OK)
        .splitlines()[1]
        .startswith("::notice file=specs/x.yaml,line=51,col=29,title=schema::")
    )
    odd = Report("validate", [Group("a,b:c.json", "models", [ERROR], file="a,b:c.json")])
    assert (
        render_github(odd, ExitCode.FINDINGS)
        .splitlines()[1]
        .startswith("::error file=a%2Cb%3Ac.json,line=3")
    )


def test_junit_failures_skips_and_passes() -> None:
    everything = Report("conformance", [*FILES.groups, *LINT.groups, *TARGETS.groups],
                        skipped=TARGETS.skipped)  # fmt: skip
    root = ET.fromstring(render_junit(everything, ExitCode.FINDINGS))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("7", "3", "2")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert [c.get("name") for c in suites["b.json"].iter("testcase")] == ["valid"]
    assert [f.get("type") for f in suites["a.json"].iter("failure")] == ["schema"]
    assert suites["a.json"].find("testcase/system-out") is not None
    assert suites["specs/x.yaml"].find("testcase/skipped") is not None
    (failure,) = suites["gateway"].iter("failure")
    assert (failure.text or "").startswith("gateway: error[contract.status]")
    (not_run,) = suites["not run"].iter("skipped")
    assert not_run.get("message") == "not run: the registry answer failed its schema"


def test_junit_holds_any_text_a_server_sent_as_well_formed_xml() -> None:
    said = "body: \x00\x1b[31m\ud800 \ufffe end"
    hostile = Finding("contract.json", "error", said, None, target="gateway")
    report = Report("conformance", [Group("gateway\x07", "AI Gateway API", [hostile])])
    root = ET.fromstring(render_junit(report, ExitCode.FINDINGS))
    (failure,) = root.iter("failure")
    assert failure.get("message") == "body: \\u0000\\u001b[31m\\ud800 \\ufffe end"
    assert [suite.get("name") for suite in root.iter("testsuite")] == ["gateway\\u0007"]


def test_junit_counts_what_a_limit_left_out() -> None:
    root = ET.fromstring(render_junit(MANY, ExitCode.FINDINGS))
    (suite,) = root.iter("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["truncated.schema"] == "3"


def test_sarif_has_rules_results_locations_and_suppressions() -> None:
    sarif = json.loads(
        render_sarif(Report("lint", [*FILES.groups, *LINT.groups]), ExitCode.FINDINGS)
    )
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "schema"
    assert first["level"] == "error"
    physical = first["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "a.json"},
        "region": {"startLine": 3, "startColumn": 7},
    }
    assert first["locations"][0]["logicalLocations"][0]["name"] == "$.data[0].x"
    assert run["results"][1]["level"] == "warning"
    assert run["results"][2]["suppressions"] == [
        {"kind": "external", "justification": "acknowledged"}
    ]
    assert run["invocations"][0] == {"executionSuccessful": True, "exitCode": 1}


def test_sarif_for_targets_names_the_target_and_what_was_not_run() -> None:
    (run,) = json.loads(render_sarif(TARGETS, ExitCode.FINDINGS))["runs"]
    first = run["results"][0]
    assert "physicalLocation" not in first["locations"][0]
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "gateway: $"
    assert first["properties"]["reproduce"] == TARGETED.reproduce
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes == [
        {
            "level": "note",
            "message": {"text": "cross: not run: the registry answer failed its schema"},
            "descriptor": {"id": "not-run.cross"},
            "properties": {"target": None, "family": "cross"},
        }
    ]


def test_a_truncation_note_ends_its_own_checks_block() -> None:
    other = Finding("registry.total-mismatch", "error", "total is 3", ("data", "total"), 2, 2)
    report = Report(
        "validate",
        [Group("c.json", "registry", [ERROR] * 3 + [other], file="c.json")],
        per_check_limit=1,
    )
    for render in (render_text, render_github):
        lines = render(report, ExitCode.FINDINGS).splitlines()
        note = lines.index("schema: 2 more not shown")
        assert "schema" in lines[note - 1]
        assert "registry.total-mismatch" in lines[note + 1]


def test_strict_warnings_are_failures_in_every_format() -> None:
    strict = dataclasses.replace(FILES, strict=True)
    text = render_text(strict, ExitCode.FINDINGS)
    assert "(fails the run under --strict)" in text
    assert text.rstrip().endswith("exit 1: failing findings: 1 error and 1 warning (--strict)")
    github = render_github(strict, ExitCode.FINDINGS)
    assert "::error file=a.json,line=9,col=1,title=registry.training-date-format::" in github
    assert "::warning" not in github
    assert "::warning file=a.json,line=9" in render_github(FILES, ExitCode.FINDINGS)
    suites = ET.fromstring(render_junit(strict, ExitCode.FINDINGS))
    assert (
        suites.get("failures"),
        ET.fromstring(render_junit(FILES, ExitCode.FINDINGS)).get("failures"),
    ) == ("2", "1")
    levels = [
        r["level"]
        for r in json.loads(render_sarif(strict, ExitCode.FINDINGS))["runs"][0]["results"]
    ]
    assert levels == ["error", "error"]
