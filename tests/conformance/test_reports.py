"""The documented outputs: JSON shape, JUnit XML, SARIF, GitHub annotations, the seed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance import __version__
from conformance.server import RunningServer
from tests.conformance.conftest import Runner, both
from tests.support.mutations import BY_NAME
from tests.support.servers import start_server

FINDING_KEYS = ["check", "severity", "target", "path", "message", "reproduce"]
TOP_LEVEL = [
    "ok", "seed", "coverage", "findings", "skipped", "families", "tool", "version", "command",
]  # fmt: skip


def test_json_document_has_the_documented_shape(run_cli: Runner) -> None:
    with start_server(BY_NAME["invalid-input-modality"]) as server:
        run = run_cli(*both(server.url), "--format", "json", "--seed", "42")
    document = run.document
    assert list(document) == TOP_LEVEL  # the documented fields, and metadata only
    assert (document["ok"], document["seed"]) == (False, 42)
    assert (document["tool"], document["version"], document["command"]) == (
        "helicone-contract", __version__, "conformance",
    )  # fmt: skip
    (finding,) = document["findings"]
    assert list(finding)[: len(FINDING_KEYS)] == FINDING_KEYS
    assert finding["severity"] == "error"
    assert finding["target"] == "registry"
    assert finding["path"] == "$.data.models[2].inputModalities[2]"
    assert "'pdf' is not one of" in finding["message"]
    assert finding["reproduce"] == (
        f"curl -sS -i {server.url}/v1/public/model-registry/models -H 'Accept: application/json'"
    )
    assert run.err.rstrip().endswith("exit 1: failing findings")  # the verdict goes to stderr


def test_exchange_findings_have_a_null_path(run_cli: Runner) -> None:
    with start_server(BY_NAME["undocumented-status"]) as server:
        run = run_cli("--registry-url", server.url, "--format", "json")
    (finding,) = run.document["findings"]
    assert finding["path"] is None
    assert "418" in finding["message"]


def test_trailing_slash_and_none_give_the_same_urls(run_cli: Runner) -> None:
    with start_server(BY_NAME["undocumented-status"]) as server:
        plain = run_cli("--registry-url", server.url, "--format", "json")
        slashed = run_cli("--registry-url", server.url + "/", "--format", "json")
    assert plain.document["findings"] == slashed.document["findings"]
    assert "//v1" not in plain.document["findings"][0]["reproduce"]


def test_seed_is_printed_and_a_random_one_too(
    run_cli: Runner, reference_server: RunningServer
) -> None:
    chosen = run_cli("--registry-url", reference_server.url, "--seed", "123")
    assert "(seed 123)" in chosen.out.splitlines()[0]
    assert "seed 123. exit 0" in chosen.out.splitlines()[-1]
    random = run_cli("--registry-url", reference_server.url, "--format", "json", fast=False)
    assert isinstance(random.document["seed"], int)
    assert f"seed {random.document['seed']}. exit 0" in random.err


def test_junit_xml_has_a_suite_per_target_and_fails_only_the_broken_check(
    run_cli: Runner, tmp_path: Path
) -> None:
    report = tmp_path / "conformance.xml"
    report.write_text("old report")  # replaced, as any report
    with start_server(BY_NAME["gateway-order-differs"]) as server:
        run = run_cli(*both(server.url), "--junit-xml", str(report))
    assert run.code == 1
    root = ET.parse(report).getroot()
    assert (root.tag, root.get("name"), root.get("failures")) == (
        "testsuites", "helicone-contract conformance", "1",
    )  # fmt: skip
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == ["gateway", "registry", "cross"]
    failures = [
        (name, case.get("name"), failure.get("type"))
        for name, suite in suites.items()
        for case in suite.iter("testcase")
        for failure in case.iter("failure")
    ]
    assert failures == [("cross", "cross.order $.data[3].id", "cross.order")]
    assert "reproduce: curl -sS -i" in ET.tostring(root, encoding="unicode")


def test_sarif_names_the_rules_and_the_results(run_cli: Runner, tmp_path: Path) -> None:
    report = tmp_path / "conformance.sarif"
    with start_server(BY_NAME["total-wrong"]) as server:
        run = run_cli("--registry-url", server.url, "--sarif", str(report))
    assert run.code == 1
    (sarif_run,) = json.loads(report.read_text())["runs"]
    assert [r["ruleId"] for r in sarif_run["results"]] == ["registry.total-mismatch"]
    location = sarif_run["results"][0]["locations"][0]["logicalLocations"][0]
    assert location["fullyQualifiedName"] == "registry: $.data.total"
    assert "hygiene.charset" in {rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]}


def test_github_format_annotates_each_finding(run_cli: Runner) -> None:
    with start_server(BY_NAME["unknown-methods-like-express"]) as server:
        run = run_cli("--registry-url", server.url, "--format", "github")
        strict = run_cli("--registry-url", server.url, "--format", "github", "--strict")
    annotations = [line for line in run.out.splitlines() if line.startswith("::warning")]
    assert len(annotations) == 2  # 501 to POST..DELETE, 404 to TRACE
    assert all(
        line.startswith("::warning title=hygiene.method::registry: ") for line in annotations
    )
    assert all("%0Areproduce: curl -sS -i -X " in line for line in annotations)
    assert run.out.splitlines()[0].startswith("helicone-contract conformance: registry http://")
    assert run.out.splitlines()[-1].endswith("exit 0: no failing finding")
    # Under --strict the warnings fail the run, and are shown as the failures they are.
    failing = [line for line in strict.out.splitlines() if line.startswith("::error")]
    assert len(failing) == 2
    assert all(line.startswith("::error title=hygiene.method::registry: ") for line in failing)
    assert all("fails the run under --strict" in line for line in failing)
    assert not [line for line in strict.out.splitlines() if line.startswith("::warning")]
    assert "::notice title=not run::cross: not run: it needs both APIs" in run.out
    assert strict.code == 1
    assert strict.out.splitlines()[-1].endswith("exit 1: failing findings: 2 warnings (--strict)")
