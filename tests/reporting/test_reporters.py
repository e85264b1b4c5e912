"""Reporters work on any grouping of findings: files (validate, lint) or targets (conformance)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conformance.findings import Finding
from conformance.reporting import Group, render_github, render_json, render_junit, render_text

ERROR = Finding("schema", "error", "'pdf' is not one of ['text']", "$.data[0].x", 3, 7)
WARNING = Finding("registry.training-date-format", "warning", "not a date-time", "$.d", 9, 1)
ACKED = Finding(
    "schema",
    "error",
    "null, really",
    "$.models[0]",
    51,
    29,
    pointer="/paths/~1x/get",
    acknowledged=True,
)
TARGETED = Finding(
    "http.status", "error", "expected 200,\ngot 500: 100%", None, target="gateway",
    reproduce="curl -s http://127.0.0.1:9/v1/models",
)  # fmt: skip

FILES = [
    Group("a.json", "registry-response", [ERROR, WARNING], file="a.json"),
    Group("b.json", "models", [], file="b.json"),
]
LINT = [Group("specs/x.yaml", "openapi", [ACKED], file="specs/x.yaml")]
TARGETS = [Group("gateway", "gateway", [TARGETED])]


def test_text_lines_start_with_file_line_column() -> None:
    assert render_text(FILES).splitlines() == [
        "== a.json (registry-response): 1 error, 1 warning",
        "a.json:3:7: error[schema] $.data[0].x: 'pdf' is not one of ['text']",
        "a.json:9:1: warning[registry.training-date-format] $.d: not a date-time",
        "== b.json (models): valid",
        "2 files checked: 1 error, 1 warning",
    ]


def test_text_for_lint_and_for_targets() -> None:
    assert render_text(LINT).splitlines()[1] == (
        "specs/x.yaml:51:29: error[schema] /paths/~1x/get $.models[0]: null, really (acknowledged)"
    )
    assert render_text(TARGETS).splitlines()[1:3] == [
        "gateway: error[http.status] expected 200,\\ngot 500: 100%",  # one line per finding
        "    reproduce: curl -s http://127.0.0.1:9/v1/models",
    ]


def test_colour_is_opt_in() -> None:
    assert "\033[" not in render_text(FILES)
    coloured = render_text(FILES, colour=True)
    assert "\033[31merror[schema]\033[0m" in coloured
    assert "\033[33mwarning[registry.training-date-format]\033[0m" in coloured


def test_json_documented_shape_and_optional_keys() -> None:
    report = json.loads(render_json(FILES + LINT, ok=False))
    assert report["ok"] is False
    assert report["files"][0]["findings"][0] == {
        "check": "schema", "severity": "error", "path": "$.data[0].x", "line": 3,
        "column": 7, "message": "'pdf' is not one of ['text']",
    }  # fmt: skip
    assert report["files"][2]["findings"][0]["pointer"] == "/paths/~1x/get"
    assert report["files"][2]["findings"][0]["acknowledged"] is True


def test_json_for_targets_renames_groups_and_adds_top_level_fields() -> None:
    report = json.loads(
        render_json(TARGETS, ok=False, groups_key="targets", name_key="target", extra={"seed": 7})
    )
    assert list(report) == ["ok", "seed", "targets"]
    finding = report["targets"][0]["findings"][0]
    assert (finding["target"], finding["reproduce"]) == ("gateway", TARGETED.reproduce)


def test_github_annotations_escape_per_runner_rules() -> None:
    assert render_github(FILES).splitlines() == [
        "::error file=a.json,line=3,col=7,title=schema::$.data[0].x: 'pdf' is not one of ['text']",
        "::warning file=a.json,line=9,col=1,title=registry.training-date-format::"
        "$.d: not a date-time",
    ]
    assert render_github(TARGETS) == (
        "::error title=http.status::gateway: expected 200,%0Agot 500: 100%25\n"
    )
    assert render_github(LINT).startswith(
        "::notice file=specs/x.yaml,line=51,col=29,title=schema::"
    )
    odd = [Group("a,b:c.json", "models", [ERROR], file="a,b:c.json")]
    assert render_github(odd).startswith("::error file=a%2Cb%3Ac.json,line=3")


def test_junit_failures_skips_and_passes() -> None:
    root = ET.fromstring(render_junit(FILES + LINT + TARGETS))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "2", "1")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert [c.get("name") for c in suites["b.json"].iter("testcase")] == ["valid"]
    assert [f.get("type") for f in suites["a.json"].iter("failure")] == ["schema"]
    assert suites["a.json"].find("testcase/system-out") is not None
    assert suites["specs/x.yaml"].find("testcase/skipped") is not None
    (failure,) = suites["gateway"].iter("failure")
    assert (failure.text or "").startswith("gateway: error[http.status]")
