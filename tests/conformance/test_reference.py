"""The correct server passes: default data, the real data, and the embedded no-URL run."""

from __future__ import annotations

from conformance.server import RunningServer
from tests.conformance.conftest import Runner, both
from tests.support.mutations import BY_NAME
from tests.support.servers import start_server


def test_reference_server_has_no_finding_even_under_strict(
    run_cli: Runner, reference_server: RunningServer
) -> None:
    run = run_cli(*both(reference_server.url), "--strict", "--format", "json")
    assert (run.code, run.document["ok"], run.document["findings"]) == (0, True, [])
    assert run.document["skipped"] == []


def test_real_data_has_no_finding_even_under_strict(
    run_cli: Runner, real_data_server: RunningServer
) -> None:
    run = run_cli(*both(real_data_server.url), "--strict", "--format", "json")
    assert (run.code, run.document["findings"]) == (0, [])


def test_no_url_starts_and_stops_the_reference_server(run_cli: Runner) -> None:
    run = run_cli()
    assert run.code == 0, run.out
    lines = run.out.splitlines()
    # Printed before the server starts, so that even a killed run shows its seed.
    assert lines[0] == "helicone-contract conformance: the embedded reference server (seed 7)"
    assert "== gateway [AI Gateway API at http://127.0.0.1:" in lines[1]
    assert lines[-1].startswith("3 targets checked: 0 errors, 0 warnings; ")
    assert lines[-1].endswith("exit 0: no failing finding")


def test_the_run_ends_with_what_ran_on_each_api(run_cli: Runner) -> None:
    run = run_cli("--max-examples", "4")
    overview = run.out.splitlines()[-4:-1]
    assert overview == [
        "gateway: transport 10/10 requests passed, contract 4/4 answers, schema 4/4, "
        "semantic 4/4, hygiene 10/10",
        "registry: transport 10/10 requests passed, contract 4/4 answers, schema 4/4, "
        "semantic 4/4, hygiene 10/10",
        "cross: cross 1/1 pair passed",
    ]


def test_the_overview_says_what_failed(run_cli: Runner) -> None:
    with start_server(BY_NAME["total-wrong"]) as server:
        run = run_cli("--registry-url", server.url, "--max-examples", "4")
        document = run_cli("--registry-url", server.url, "--max-examples", "4", "--format", "json")
    assert (
        "registry: transport 10/10 requests passed, contract 4/4 answers, schema 4/4, " in run.out
    )
    assert "semantic 0/4, hygiene 10/10\n" in run.out
    assert document.document["coverage"]["registry"]["semantic"] == {"ran": 4, "passed": 0}
