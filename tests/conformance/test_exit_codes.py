"""Exit codes 0-3 and the one line that says which; usage errors never print a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conformance.server import RunningServer
from tests.conformance.conftest import Runner
from tests.conformance.raw_servers import never_accepting
from tests.support.mutations import BY_NAME, Mutation, slow
from tests.support.servers import start_server

SLOW_GATEWAY = Mutation("slow-gateway", "transport.timeout", "gateway", rewrite=slow(30.0))


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_target_exits_3_with_one_line(run_cli: Runner) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    run = run_cli("--gateway-url", url, "--format", "json")
    assert run.code == 3
    # stdout stays one complete JSON document, saying what happened
    assert (run.document["ok"], run.document["exit_code"]) == (False, 3)
    assert run.document["error"] == f"unreachable: gateway API at {url}: connection refused"
    assert run.err.count("\n") == 1
    assert run.err.startswith("helicone-contract: unreachable: gateway API at " + url)
    assert "connection refused" in run.err


def test_a_server_that_never_accepts_is_unreachable(run_cli: Runner) -> None:
    with never_accepting() as url:
        run = run_cli("--registry-url", url, "--timeout", "0.3")
    assert run.code == 3
    assert (
        run.err
        == f"helicone-contract: unreachable: registry API at {url}: no connection within 0.3s\n"
    )


def test_one_unreachable_target_stops_the_run_before_any_check(
    run_cli: Runner, reference_server: RunningServer
) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    run = run_cli("--gateway-url", reference_server.url, "--registry-url", dead)
    assert run.code == 3
    assert "registry API at" in run.err


@pytest.mark.timeout(25)  # the slow server sleeps 30 s: finishing at all proves the deadline
def test_slow_gateway_costs_one_timeout_and_the_registry_is_still_checked(
    run_cli: Runner,
) -> None:
    with start_server(SLOW_GATEWAY) as server:
        run = run_cli(
            "--gateway-url", server.url, "--registry-url", server.url,
            "--timeout", "0.5", "--max-examples", "5", "--format", "json",
        )  # fmt: skip
    assert run.code == 1
    assert run.checks() == {("transport.timeout", "gateway")}


def test_error_findings_exit_1_with_the_verdict_last(run_cli: Runner) -> None:
    with start_server(BY_NAME["error-envelope-with-200"]) as server:
        run = run_cli("--registry-url", server.url)
    assert run.code == 1
    last = run.out.splitlines()[-1]
    assert last.startswith("1 target checked: 1 error, 0 warnings; ")
    assert last.endswith("exit 1: failing findings")


def test_warnings_pass_but_fail_under_strict_and_stay_warnings(run_cli: Runner) -> None:
    with start_server(BY_NAME["unknown-methods-like-express"]) as server:
        relaxed = run_cli("--registry-url", server.url, "--format", "json")
        strict = run_cli("--registry-url", server.url, "--strict", "--format", "json")
    assert (relaxed.code, relaxed.document["ok"]) == (0, True)
    assert (strict.code, strict.document["ok"]) == (1, False)
    # --strict means what it means everywhere: warnings stay warnings, and fail the run.
    assert strict.document["findings"] == relaxed.document["findings"]
    assert {f["severity"] for f in strict.document["findings"]} == {"warning"}
    assert strict.err.startswith("1 target checked: 0 errors, 2 warnings;")
    assert strict.err.rstrip().endswith("exit 1: failing findings: 2 warnings (--strict)")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--gateway-url", "ftp://127.0.0.1/"],
            "--gateway-url: expected an http:// or https:// URL",
        ),
        (["--registry-url", "http://127.0.0.1:99999"], "--registry-url: not a valid URL"),
        (["--registry-url", "http://127.0.0.1/?x=1"], "takes no query string"),
        (["--header", "NoColonHere"], "--header (number 1): expected 'Name: value'"),
        (["--header", "Host: example.org"], "--header Host: set by the harness itself"),
        (["--max-examples", "0"], "argument --max-examples: expected a positive integer"),
        (["--max-examples", "100000"], "--max-examples: at most 10000"),
        (["--timeout", "-1"], "argument --timeout: expected a positive number"),
        (["--timeout", "nan"], "argument --timeout: expected a finite number"),
        (["--rate-limit", "x"], "argument --rate-limit: expected a number"),
        (["--seed=-3"], "argument --seed: expected a non-negative integer"),
        (["--format", "xml"], "argument --format: invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run_cli: Runner, args: list[str], expected: str) -> None:
    run = run_cli(*args)
    assert run.code == 2
    assert run.out == ""
    assert run.err.count("\n") == 1
    assert expected in run.err
    assert "Traceback" not in run.err


def test_credentials_in_a_url_are_refused_without_echoing_them(run_cli: Runner) -> None:
    run = run_cli("--registry-url", "http://admin:hunter22secret@127.0.0.1:1/")
    assert run.code == 2
    assert "hunter22secret" not in run.err
    assert "use a header option" in run.err


def test_unwritable_junit_path_is_refused_before_the_run(run_cli: Runner, tmp_path: Path) -> None:
    run = run_cli("--junit-xml", str(tmp_path / "missing" / "report.xml"))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "does not exist" in run.err
