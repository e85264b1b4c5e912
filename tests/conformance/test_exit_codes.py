"""Exit codes 0-3 and the one line that says which; usage errors never print a traceback."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from conformance.server import RunningServer
from tests.conformance import variants
from tests.conformance.conftest import Runner
from tests.conformance.raw_servers import never_accepting
from tests.support.servers import start_server


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
    assert run.out == ""
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


def test_slow_gateway_costs_one_timeout_and_the_registry_is_still_checked(
    run_cli: Runner,
) -> None:
    with start_server(variants.SlowGatewayOnly, delay=30.0) as server:
        started = time.monotonic()
        run = run_cli(
            "--gateway-url", server.url, "--registry-url", server.url,
            "--timeout", "0.5", "--max-examples", "5", "--format", "json",
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert run.code == 1
    assert run.checks() == {("transport.timeout", "gateway")}
    # Not a speed claim: proof that the run did not wait for the 30 s server.
    assert elapsed < 15


def test_error_findings_exit_1_with_the_verdict_last(run_cli: Runner) -> None:
    with start_server(variants.ErrorEnvelopeWith200) as server:
        run = run_cli("--registry-url", server.url)
    assert run.code == 1
    assert run.out.splitlines()[-1].startswith("exit 1: does not conform (1 error, 0 warnings;")


def test_warnings_pass_but_fail_under_strict(run_cli: Runner) -> None:
    with start_server(variants.UnknownMethodsLikeExpress) as server:
        relaxed = run_cli("--registry-url", server.url)
        strict = run_cli("--registry-url", server.url, "--strict")
    assert relaxed.code == 0
    assert relaxed.out.splitlines()[-1].startswith("exit 0: conforms (0 errors, 2 warnings;")
    # Under --strict the warnings are errors in the output too, not only in the exit code.
    assert strict.code == 1
    assert strict.out.splitlines()[-1].startswith("exit 1: does not conform (2 errors, 0 warnings;")


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
    assert "use --header" in run.err


def test_unwritable_junit_path_is_refused_before_the_run(run_cli: Runner, tmp_path: Path) -> None:
    run = run_cli("--junit-xml", str(tmp_path / "missing" / "report.xml"))
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "does not exist" in run.err
