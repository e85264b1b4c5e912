"""The correct server passes: default data, the real data, and the embedded no-URL run."""

from __future__ import annotations

from conformance.server import RunningServer
from tests.conformance.conftest import Runner, both


def test_reference_server_has_no_error_findings(
    run_cli: Runner, reference_server: RunningServer
) -> None:
    run = run_cli(*both(reference_server.url), "--format", "json")
    assert (run.code, run.document) == (0, {"ok": True, "seed": 7, "findings": []})


def test_real_data_has_no_error_findings(run_cli: Runner, real_data_server: RunningServer) -> None:
    run = run_cli(*both(real_data_server.url), "--strict", "--format", "json")
    assert (run.code, run.document["findings"]) == (0, [])


def test_no_url_starts_and_stops_the_reference_server(run_cli: Runner) -> None:
    run = run_cli()
    assert run.code == 0, run.out
    lines = run.out.splitlines()
    assert lines[0].startswith("helicone-contract conformance: gateway http://127.0.0.1:")
    assert "registry http://127.0.0.1:" in lines[0]
    assert lines[-1].startswith("exit 0: conforms (0 errors, 0 warnings;")
