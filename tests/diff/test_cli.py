"""`diff` as a spec maintainer, a registry publisher and a CI job see it: formats, exit codes,
invalid and unusable inputs, --embedded, stdin."""

from __future__ import annotations

import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Literal

import pytest

from conformance.diff import DiffOptions, diff_exit_code, run_diff
from conformance.findings import Breaks
from tests.checks import own
from tests.diff.cases import REGISTRY_SPEC
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, needs_real_data
from tests.validate.conftest import Cli
from tests.validate.snapshot import assert_matches

SNAPSHOTS = Path(__file__).parent / "snapshots"
CHANGE_KEYS = ["check", "severity", "breaks", "pointer", "path", "message"]


@pytest.mark.parametrize("form", ["text", "markdown", "github"])
def test_registry_report_snapshot(workdir: Path, cli: Cli, form: str) -> None:
    result = cli("diff", "--format", form, "old.json", "new.json")
    assert (result.code, result.err) == (1, "")
    assert_matches(result.out, SNAPSHOTS / f"registry.{form}")


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_document_report_snapshot(workdir: Path, cli: Cli, form: str) -> None:
    result = cli("diff", "--format", form, "old.yaml", "new.yaml")
    assert (result.code, result.err) == (0, "")
    assert_matches(result.out, SNAPSHOTS / f"document.{form}")


def test_json_report_has_the_documented_shape(workdir: Path, cli: Cli) -> None:
    result = cli("diff", "--format", "json", "old.json", "new.json")
    report = json.loads(result.out)
    assert result.code == 1
    assert list(report) == ["ok", "kind", "old", "new", "changes", "inputs", "tool", "version",
                            "command"]  # fmt: skip
    assert (report["ok"], report["kind"], report["command"]) == (False, "registry-response", "diff")
    assert all(list(change) == CHANGE_KEYS for change in report["changes"])
    removed = [c for c in report["changes"] if c["check"] == "diff.model-removed"]
    assert removed == [{
        "check": "diff.model-removed", "severity": "breaking",
        "breaks": ["strict-clients", "tolerant-clients"], "pointer": None,
        "path": "$.data.models[1]", "message": "model 'claude-3.5-haiku' removed",
    }]  # fmt: skip
    assert [(i["file"], i["findings"]) for i in report["inputs"]] == [
        ("old.json", []), ("new.json", [])
    ]  # fmt: skip


def test_json_document_changes_have_a_pointer_and_no_path(workdir: Path, cli: Cli) -> None:
    report = json.loads(cli("diff", "--format", "json", "old.yaml", "new.yaml").out)
    assert (report["ok"], report["kind"]) == (True, "openapi")
    assert {(c["check"], c["pointer"] is not None, c["path"]) for c in report["changes"]} == {
        ("diff.enum-value-added", True, None),
        ("diff.property-added", True, None),
        ("diff.description-changed", True, None),
    }


def test_fail_on_warning_fails_on_warnings(workdir: Path, cli: Cli) -> None:
    assert cli("diff", "old.yaml", "new.yaml").code == 0
    assert cli("diff", "--fail-on", "warning", "old.yaml", "new.yaml").code == 1
    assert cli("diff", "--strict", "old.yaml", "new.yaml").code == 1
    report = json.loads(cli("diff", "--fail-on", "warning", "--format", "json", "old.yaml",
                            "new.yaml").out)  # fmt: skip
    assert report["ok"] is False


def test_a_file_against_itself_is_exit_0_and_no_changes(workdir: Path, cli: Cli) -> None:
    result = cli("diff", "old.json", "old.json")
    assert result.code == 0
    assert "== changes [old.json → old.json]: no changes" in result.out
    assert result.out.endswith("2 files checked: 0 breaking, 0 warnings, 0 info. exit 0: no "
                               "failing finding\n")  # fmt: skip


def test_an_invalid_input_is_reported_and_nothing_is_compared(workdir: Path, cli: Cli) -> None:
    broken = json.loads(Path("new.json").read_text())
    broken["data"]["models"][0]["contextLength"] = "lots"  # the reader models refuse it too
    Path("broken.json").write_text(json.dumps(broken))
    result = cli("diff", "old.json", "broken.json")
    assert result.code == 1
    assert "== broken.json [NEW, model registry response ({data, error}), detected]: 1 error" in (
        result.out
    )
    assert "broken.json:1:" in result.out
    assert "error[schema]" in result.out
    assert "diff: not run: NEW not valid: changes found in it could not be trusted" in result.out
    assert "== changes" not in result.out
    report = json.loads(cli("diff", "--format", "json", "old.json", "broken.json").out)
    assert (report["changes"], len(report["inputs"][1]["findings"])) == ([], 1)
    assert report["skipped"][0]["family"] == "diff"


def test_a_new_registry_the_strict_schema_refuses_is_diffed_with_its_drift(
    workdir: Path, cli: Cli
) -> None:
    new = json.loads(Path("old.json").read_text())
    model = new["data"]["models"][0]
    model["inputModalities"].append("pdf")  # unknown to the strict schema, read by the readers
    model["endpoints"][0]["pricing"]["prompt"] *= 20
    model["endpoints"][0]["endpoint"]["pricing"][0]["input"] *= 20  # the record's own prices
    Path("drift.json").write_text(json.dumps(new))
    report = json.loads(cli("diff", "--format", "json", "old.json", "drift.json").out)
    assert report["inputs"][1]["findings"] == []
    found = {(c["check"], c["path"], c["severity"]) for c in report["changes"]}
    assert found == {
        ("diff.schema-drift", "$.data.models[0].inputModalities[2]", "warning"),
        ("diff.modalities-changed", "$.data.models[0].inputModalities", "info"),
        ("diff.price-jump", "$.data.models[0].endpoints[0].pricing.prompt", "warning"),
        ("diff.price-jump", "$.data.models[0].endpoints[0].endpoint.pricing[0].input", "warning"),
    }
    assert cli("diff", "old.json", "drift.json").code == 0
    assert cli("diff", "--fail-on", "warning", "old.json", "drift.json").code == 1


def test_fail_on_breaks_chooses_whom_a_failure_is_about(workdir: Path, cli: Cli) -> None:
    # old.yaml -> new.yaml: an enum value and a property added to a closed object (strict
    # clients), a description (nobody).
    assert cli("diff", "old.yaml", "new.yaml").code == 0
    strict = ["--fail-on", "warning", "old.yaml", "new.yaml"]
    assert cli("diff", *strict).code == 1
    assert cli("diff", "--fail-on-breaks", "strict-clients", *strict).code == 1
    assert cli("diff", "--fail-on-breaks", "implementations,tolerant-clients", *strict).code == 0
    # old.json -> new.json: a model removed breaks clients, not implementations.
    assert cli("diff", "old.json", "new.json").code == 1
    assert cli("diff", "--fail-on-breaks", "implementations", "old.json", "new.json").code == 0
    assert cli("diff", "--fail-on-breaks", "tolerant-clients", "old.json", "new.json").code == 1
    with pytest.raises(SystemExit) as refused:  # argparse: one line on stderr, exit 2
        cli("diff", "--fail-on-breaks", "servers", "old.json", "new.json")
    assert refused.value.code == 2


@pytest.mark.parametrize(
    ("groups", "fail_on", "old", "new", "code"),
    [
        (("implementations",), "breaking", "old.json", "new.json", 0),
        (("tolerant-clients",), "breaking", "old.json", "new.json", 1),
        (("implementations", "tolerant-clients"), "warning", "old.yaml", "new.yaml", 0),
        (("strict-clients",), "warning", "old.yaml", "new.yaml", 1),
    ],
)
def test_every_verdict_follows_fail_on_breaks(
    workdir: Path,
    cli: Cli,
    groups: tuple[Breaks, ...],
    fail_on: Literal["breaking", "warning"],
    old: str,
    new: str,
    code: int,
) -> None:
    # report.ok from Python, JSON's ok and GitHub's ::error all say what the exit code says.
    options = DiffOptions(old=old, new=new, fail_on=fail_on, fail_on_breaks=groups)
    report = run_diff(options)
    assert (report.ok, diff_exit_code(report, options)) == (code == 0, code)
    arguments = ["--fail-on-breaks", ",".join(groups), "--fail-on", fail_on, old, new]
    run = cli("diff", "--format", "json", *arguments)
    assert (run.code, json.loads(run.out)["ok"]) == (code, code == 0)
    github = cli("diff", "--format", "github", *arguments).out
    assert ("::error" in github) == (code == 1)


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_an_unusable_input_says_why_in_every_format(workdir: Path, cli: Cli, fmt: str) -> None:
    reports = ["--junit-xml", "r.xml", "--sarif", "r.sarif", "--markdown", "r.md"]
    run = cli("diff", "--format", fmt, *reports, "missing.json", "new.json")
    reason = "error: missing.json: no such file"
    assert (run.code, run.err) == (2, f"helicone-contract: {reason}\n")
    (error,) = ET.parse("r.xml").iter("error")
    assert error.get("message") == reason
    invocation = json.loads(Path("r.sarif").read_text())["runs"][0]["invocations"][0]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (False, 2)
    comment = f"### helicone-contract diff\n\n**exit 2: usage error or unusable input**: {reason}\n"
    assert Path("r.md").read_text() == comment
    annotation = f"::error title=could not run (exit 2%3A usage error or unusable input)::{reason}"
    if fmt == "json":
        assert (json.loads(run.out)["ok"], json.loads(run.out)["error"]) == (False, reason)
    else:
        assert run.out == {"text": "", "github": annotation + "\n", "markdown": comment}[fmt]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["missing.json", "new.json"], "missing.json: no such file"),
        (["old.json", "not-json.json"], "not-json.json:1:1: not valid JSON: expected a JSON "
         "value (NaN, Infinity and bare words are not JSON)"),
        (["old.json", "gateway.json"], "old.json (registry-response) and gateway.json (models) "
         "are not the same kind of input: nothing to compare; pass --kind if one was "
         "misdetected"),
        (["error.json", "error.json"], "error.json: OLD, /v1/models error body, detected: "
         "nothing to compare"),
        (["failed.json", "old.json"], "failed.json: an error response: no registry to compare"),
        (["old.json"], "diff takes OLD and NEW: 1 given"),
        (["--embedded", "old.yaml", "new.yaml"], "diff takes NEW (OLD is embedded): 2 given"),
        (["--embedded", "old.json"], "--embedded: no document the tool carries matches "
         "old.json by file name or paths (it carries ai-gateway.openapi.yaml, "
         "model-registry.openapi.yaml)"),
        (["--embedded", "--kind", "registry", "new.json"], "--embedded compares OpenAPI "
         "documents: --kind must be openapi"),
        (["-", "-"], "stdin (-) can be read only once"),
    ],
)  # fmt: skip
def test_unusable_input_is_one_line_and_exit_2(
    workdir: Path, cli: Cli, arguments: list[str], error: str
) -> None:
    Path("not-json.json").write_text("NaN")
    Path("gateway.json").write_text(json.dumps(own.gateway()))
    Path("error.json").write_text('{"error": {"message": "down", "type": "internal_error"}}')
    Path("failed.json").write_text('{"data": null, "error": "down"}')
    result = cli("diff", *arguments)
    assert (result.code, result.out, result.err) == (2, "", f"helicone-contract: error: {error}\n")


def test_unusable_input_under_json_is_still_a_json_document(workdir: Path, cli: Cli) -> None:
    result = cli("diff", "--format", "json", "old.json", "missing.json")
    assert result.code == 2
    assert json.loads(result.out)["error"] == "error: missing.json: no such file"


def test_embedded_is_the_carried_document_of_the_same_api(workdir: Path, cli: Cli) -> None:
    same = cli("diff", "--embedded", REGISTRY_SPEC)
    assert same.code == 0
    assert "== embedded model-registry.openapi.yaml [OLD, OpenAPI document]: valid" in same.out
    assert "no changes" in same.out
    # Matched by its paths when the file has another name; the changes are NEW's.
    changed = cli("diff", "--embedded", "new.yaml")
    assert changed.code == 0
    assert "warning[diff.enum-value-added] /components/schemas/ModelProviderName/enum/21" in (
        changed.out
    )


def test_stdin_is_read_for_dash(workdir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path("new.json").read_bytes())))
    result = cli("diff", "old.json", "-")
    assert result.code == 1
    assert "== <stdin> [NEW, model registry response ({data, error}), detected]: valid" in (
        result.out
    )


def test_kind_is_detected_or_given(workdir: Path, cli: Cli) -> None:
    data = json.loads(Path("new.json").read_text())["data"]
    Path("bare.json").write_text(json.dumps(data))
    mixed = cli("diff", "--format", "json", "old.json", "bare.json")
    report = json.loads(mixed.out)
    assert (mixed.code, report["kind"]) == (1, "registry")
    assert cli("diff", "--kind", "openapi", "old.yaml", "new.yaml").code == 0
    wrong = cli("diff", "--kind", "models", "old.json", "new.json")
    assert wrong.code == 1
    assert "diff: not run: OLD and NEW not valid" in wrong.out


def test_junit_and_sarif_reports_are_written_too(workdir: Path, cli: Cli) -> None:
    result = cli("diff", "--junit-xml", "diff.xml", "--sarif", "diff.sarif", "old.json", "new.json")
    assert result.code == 1
    root = ET.parse("diff.xml").getroot()
    assert (root.get("failures"), root.get("tests")) == ("1", "5")
    levels = [r["level"] for r in json.loads(Path("diff.sarif").read_text())["runs"][0]["results"]]
    assert sorted(levels) == ["error", "note", "warning"]


def test_markdown_is_offered_where_the_report_is_a_review(workdir: Path, cli: Cli) -> None:
    with pytest.raises(SystemExit) as raised:
        cli("lint", "--format", "markdown", "old.json")
    assert raised.value.code == 2


@needs_real_data
def test_real_files_against_themselves(cli: Cli) -> None:
    for path in (REAL_REGISTRY, REAL_GATEWAY):
        result = cli("diff", str(path), str(path))
        assert (result.code, result.err) == (0, "")
        assert "no changes" in result.out


@pytest.mark.parametrize(
    ("edit", "finding"),
    [
        ({"$ref": "#/components/schemas/Nowhere"},
         r"invalid\.yaml:\d+:\d+: error\[openapi\.ref-unresolved\] "
         r"/components/schemas/ModelRegistryItem/\$ref: '#/components/schemas/Nowhere' points "
         "to nothing in the document"),
        ({"type": "objekt"}, r"invalid\.yaml:\d+:\d+: error\[openapi\] "
         r"/components/schemas/ModelRegistryItem/type: 'objekt' is not one of "),
        ({"$ref": "https://example.com/item.json"},
         r"invalid\.yaml:\d+:\d+: error\[openapi\.external-ref\] "
         r"/components/schemas/ModelRegistryItem/\$ref: 'https://example\.com/item\.json' is a "
         "URL: only references inside the document are resolved, and nothing is ever fetched"),
    ],
)  # fmt: skip
def test_an_invalid_document_is_reported_and_nothing_is_compared(
    workdir: Path, cli: Cli, edit: dict[str, str], finding: str
) -> None:
    document = json.loads(Path("new.yaml").read_text())
    document["components"]["schemas"]["ModelRegistryItem"] = edit
    Path("invalid.yaml").write_text(json.dumps(document))
    result = cli("diff", "old.yaml", "invalid.yaml")
    assert result.code == 1
    assert "== invalid.yaml [NEW, OpenAPI document]: " in result.out
    assert re.search(finding, result.out), result.out
    assert "diff: not run: NEW not valid" in result.out


def test_a_document_of_another_openapi_version_is_invalid(workdir: Path, cli: Cli) -> None:
    document = json.loads(Path("old.yaml").read_text())
    document["openapi"] = "3.1.0"
    Path("v31.yaml").write_text(json.dumps(document))
    result = cli("diff", "v31.yaml", "new.yaml")
    assert result.code == 1
    assert "v31.yaml:1:2: error[openapi] openapi '3.1.0': not an OpenAPI 3.0 document" in result.out


def test_a_document_nested_beyond_reason_is_unusable(workdir: Path, cli: Cli) -> None:
    deep = "a:\n" + "".join(" " * (2 * depth) + "- \n" for depth in range(1, 3)) + "[" * 5000
    Path("deep.yaml").write_text(deep)
    result = cli("diff", "deep.yaml", "new.yaml")
    assert result.code == 2
    assert result.err.startswith("helicone-contract: error: deep.yaml")
    assert result.err.count("\n") == 1


def test_a_yaml_document_on_stdin_is_recognised(
    workdir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # git show HEAD~1:specs/model-registry.openapi.yaml | helicone-contract diff - new.yaml
    text = Path(REGISTRY_SPEC).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    result = cli("diff", "-", "new.yaml")
    assert result.code == 0
    assert "== <stdin> [OLD, OpenAPI document]: valid" in result.out
    assert "warning[diff.enum-value-added]" in result.out
