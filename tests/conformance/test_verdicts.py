"""Verdicts that never overstate: what was chosen to run, honest merged counts, the consistent
pair the cross-API checks need, hints and words, and every exit saying why in every format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.catalog import finding
from conformance.findings import Finding
from conformance.harness.judge import MergedFindings
from conformance.reporting import a_or_an, message, plural
from conformance.server import ReferenceApp, Response
from conformance.server.jsonbytes import encode_json
from tests.conformance.apps import ChangingTotal
from tests.conformance.conftest import Runner, both
from tests.support.mutations import BY_NAME
from tests.support.servers import start_server


def test_one_check_at_one_place_with_different_values_is_one_line_that_says_so(
    run_cli: Runner,
) -> None:
    with start_server(app=ChangingTotal()) as server:
        run = run_cli("--registry-url", server.url, "--max-examples", "4")
    (line,) = [line for line in run.out.splitlines() if "registry.total-mismatch" in line]
    assert "e.g. total is 1001 but the document holds 10 models" in line
    assert line.endswith("(in 4 of 4 answers, 4 different values)")


def test_the_cross_api_checks_need_answers_their_repeats_agree_with(run_cli: Runner) -> None:
    with start_server(BY_NAME["alternating-description"]) as server:
        run = run_cli(*both(server.url), "--format", "json")
    assert ("transport.inconsistent", "registry") in run.checks()
    cross = [s for s in run.document["families"] if s["target"] == "cross"]
    assert [(s["state"], s["reason"]) for s in cross] == [
        (
            "not run",
            "the model registry API gave no successful, schema-valid 200 (3 answers to requests "
            "whose repeats got different answers (transport.inconsistent): no consistent pair)",
        )
    ]


def test_checks_runs_only_the_families_chosen(run_cli: Runner) -> None:
    with start_server(BY_NAME["total-wrong"]) as server:
        everything = run_cli("--registry-url", server.url, "--format", "json")
        schema_only = run_cli(
            "--registry-url", server.url, "--checks", "schema", "--format", "json"
        )
        text = run_cli("--registry-url", server.url, "--checks", "schema,contract")
    assert (everything.code, schema_only.code) == (1, 0)
    assert schema_only.document["findings"] == []
    states = {s["family"]: (s["state"], s["reason"]) for s in schema_only.document["families"]}
    assert states["schema"] == ("passed", None)
    assert states["semantic"] == ("not run", "not selected by --checks")
    assert "registry semantic: not run: not selected by --checks" in text.out


def test_exclude_checks_takes_check_ids_too(run_cli: Runner) -> None:
    with start_server(BY_NAME["total-wrong"]) as server:
        run = run_cli(
            "--registry-url", server.url, "--exclude-checks", "registry.total-mismatch",
            "--exclude-checks", "hygiene", "--format", "json",
        )  # fmt: skip
    assert (run.code, run.document["findings"]) == (0, [])
    states = {s["family"]: (s["state"], s["reason"]) for s in run.document["families"]}
    assert states["semantic"] == ("passed", None)  # its other checks ran
    assert states["hygiene"] == ("not run", "excluded by --exclude-checks")


def test_an_unknown_check_name_is_a_usage_error(run_cli: Runner) -> None:
    run = run_cli("--checks", "schema,semantics")
    assert run.code == 2
    assert run.err == (
        "helicone-contract: error: --checks 'semantics': not a check family (transport, "
        "contract, schema, semantic, cross, hygiene) or check id\n"
    )


class WrongKey(ReferenceApp):
    """A wrong key answered with 400, as the LiteLLM proxy does without a database."""

    def gateway_response(self) -> Response:
        error = {"message": "Invalid proxy server token passed.", "type": "auth_error"}
        return Response(400, encode_json({"error": error}), "application/json")


def test_any_4xx_on_a_run_given_a_header_hints_at_the_key(run_cli: Runner) -> None:
    with start_server(app=WrongKey()) as server:
        keyed = run_cli(
            "--gateway-url", server.url, "--header", "X-Key: k-0123456789", "--format", "json"
        )
        bare = run_cli("--gateway-url", server.url, "--format", "json")
    (found,) = keyed.document["findings"]
    assert found["message"].endswith(
        "(is the key right, and for this API? --gateway-header or --header)"
    )
    (unhinted,) = bare.document["findings"]
    assert unhinted["message"].endswith("the document declares only 200, 500")


def test_a_reproduction_names_the_masked_header_and_cross_findings_give_both_requests(
    run_cli: Runner,
) -> None:
    with start_server(BY_NAME["gateway-owner-differs"]) as server:
        run = run_cli(*both(server.url), "--header", "Authorization: Bearer k-0123456789abcdef")
    lines = run.out.splitlines()
    at = next(i for i, line in enumerate(lines) if "error[cross.owned-by]" in line)
    assert lines[at + 1].startswith(f"    reproduce: curl -sS -i {server.url}/v1/models ")
    assert lines[at + 1].endswith('-H "Authorization: $GATEWAY_AUTHORIZATION"')
    assert lines[at + 2].startswith(f"    reproduce: curl -sS -i {server.url}/v1/public/")
    assert lines[at + 2].endswith('-H "Authorization: $REGISTRY_AUTHORIZATION"')
    assert "k-0123456789abcdef" not in run.out


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "a 1-byte"), (8, "an 8-byte"), (11, "an 11-byte"), (18, "an 18-byte"), (82, "an 82-byte"),
     (7, "a 7-byte"), (100, "a 100-byte"), (800, "an 800-byte"), (11_000, "an 11000-byte"),
     (110_000, "a 110000-byte")],
)  # fmt: skip
def test_articles_and_plurals(number: int, words: str) -> None:
    assert f"{a_or_an(number)} {number}-byte" == words
    assert (plural(1, "model"), plural(2, "request")) == ("1 model", "2 requests")


@pytest.fixture
def closed_url() -> str:
    with start_server() as server:
        return server.url


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_an_unreachable_target_says_why_in_every_format(
    run_cli: Runner, closed_url: str, tmp_path: Path, fmt: str
) -> None:
    junit, sarif, markdown = tmp_path / "r.xml", tmp_path / "r.sarif", tmp_path / "r.md"
    run = run_cli(
        "--gateway-url", closed_url, "--format", fmt,
        "--junit-xml", str(junit), "--sarif", str(sarif), "--markdown", str(markdown),
    )  # fmt: skip
    assert run.code == 3
    reason = f"unreachable: gateway API at {closed_url}: connection refused"
    assert run.err.splitlines()[-1] == f"helicone-contract: {reason}"
    assert run.err.count("\n") == (2 if fmt == "markdown" else 1)  # markdown: the seed line too
    (case,) = ET.fromstring(junit.read_text()).iter("testcase")
    (error,) = case.iter("error")
    assert error.get("message") == reason
    invocation = json.loads(sarif.read_text())["runs"][0]["invocations"][0]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (False, 3)
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == reason
    if fmt == "github":
        assert run.out.splitlines()[-1] == (
            "::error title=could not run (exit 3%3A a target was unreachable)::" + reason
        )
    if fmt == "json":
        assert (run.document["ok"], run.document["error"]) == (False, reason)
    heading = "### helicone-contract conformance\n\n**exit 3: a target was unreachable**"
    comment = f"{heading}: {reason}\n"
    assert markdown.read_text() == comment
    if fmt == "markdown":
        assert run.out == comment


def test_a_usage_error_says_why_in_github_and_junit(run_cli: Runner, tmp_path: Path) -> None:
    junit = tmp_path / "r.xml"
    run = run_cli("--header", "no colon here", "--format", "github", "--junit-xml", str(junit))
    assert run.code == 2
    reason = "error: --header (number 1): expected 'Name: value'"
    assert (
        run.out
        == f"::error title=could not run (exit 2%3A usage error or unusable input)::{reason}\n"
    )
    assert "no colon" not in run.out + run.err + junit.read_text()
    (error,) = ET.fromstring(junit.read_text()).iter("error")
    assert error.get("message") == reason


def test_nothing_that_did_not_run_is_a_passing_test_case(run_cli: Runner, tmp_path: Path) -> None:
    junit = tmp_path / "r.xml"
    with start_server(BY_NAME["invalid-input-modality"]) as server:
        run_cli(*both(server.url), "--junit-xml", str(junit))
    root = ET.fromstring(junit.read_text())
    (cross,) = [suite for suite in root.iter("testsuite") if suite.get("name") == "cross"]
    (case,) = cross.iter("testcase")
    assert case.get("name") == "cross"
    (skipped,) = case.iter("skipped")
    assert skipped.get("message", "").startswith("not run: the model registry API gave no")
    assert (cross.get("tests"), cross.get("skipped"), cross.get("failures")) == ("1", "1", "0")
    names = {case.get("name") for case in root.iter("testcase") if not list(case)}
    assert "valid" not in names


def _total(message: str, location: tuple[str | int, ...] = ("data", "total")) -> Finding:
    return finding("registry.total-mismatch", message, location, target="registry")


def test_findings_merge_only_when_identical_or_one_per_answer_at_their_place() -> None:
    merged = MergedFindings()
    merged.add([_total("total is 1"), _total("x", ("data",))])
    merged.add([_total("total is 2"), _total("x", ("data",))])
    merged.add([_total("x", ("data",))])
    by_place = {f.location: f for f in merged.findings()}
    assert (by_place["data", "total"].seen_in, by_place["data", "total"].variants) == ((2, 3), 2)
    assert message(by_place["data", "total"]) == (
        "e.g. total is 1 (in 2 of 3 answers, 2 different values)"
    )
    assert (by_place["data",].seen_in, by_place["data",].variants) == ((3, 3), 1)


def test_two_findings_at_one_place_in_one_answer_stay_two_lines() -> None:
    merged = MergedFindings()
    merged.add([_total("total is 1"), _total("total is 2")])
    merged.add([_total("total is 1")])
    assert [(f.message, f.seen_in, f.variants) for f in merged.findings()] == [
        ("total is 1", (2, 2), 1),
        ("total is 2", (1, 2), 1),
    ]
    single = MergedFindings()
    single.add([_total("total is 1"), _total("total is 2")])
    assert [f.message for f in single.findings()] == ["total is 1", "total is 2"]


@pytest.mark.parametrize("fmt", [["--format", "github"], ["--format=github"]])
def test_an_argument_argparse_refuses_is_an_annotation_with_format_github(
    run_cli: Runner, fmt: list[str]
) -> None:
    run = run_cli(*fmt, "--timeout", "0")
    reason = "error: argument --timeout: expected a positive number, got '0'"
    assert run.code == 2
    assert run.out == (
        f"::error title=could not run (exit 2%3A usage error or unusable input)::{reason}\n"
    )
    assert run.err == f"helicone-contract conformance: {reason}\n"


def test_an_argument_argparse_refuses_is_written_into_every_report_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conformance.cli import main

    data = tmp_path / "registry.json"
    data.write_text("{}")
    junit, markdown = tmp_path / "report.xml", tmp_path / "summary.md"
    with pytest.raises(SystemExit) as ended:
        main(["validate", str(data), "--junit-xml", str(junit), "--markdown", str(markdown),
              "--max-size", "0"])  # fmt: skip
    assert ended.value.code == 2
    reason = "error: argument --max-size: expected a positive integer, got '0'"
    (error,) = ET.fromstring(junit.read_text()).iter("error")
    assert error.get("message") == reason
    assert reason in markdown.read_text()
    assert capsys.readouterr().err == f"helicone-contract validate: {reason}\n"


def test_an_argparse_refusal_never_writes_a_report_over_an_input(tmp_path: Path) -> None:
    from conformance.cli import main

    data = tmp_path / "registry.json"
    data.write_text("{}")
    with pytest.raises(SystemExit):
        main(["validate", str(data), "--junit-xml", str(data), "--max-size", "0"])
    assert data.read_text() == "{}"
