"""What a user sees, kept as files under ``tests/conformance/snapshots/`` (``UPDATE_SNAPSHOTS=1``
rewrites them; review the diff): the text, GitHub, JUnit and SARIF outputs of one run that
shows a family that did not run, warnings failing under ``--strict`` and a finding merged over
answers with different values, and of a run whose target was unreachable (exit 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conformance.apps import ChangingTotalLikeExpress
from tests.conformance.conftest import Runner, both
from tests.support.servers import start_server
from tests.validate.snapshot import assert_matches

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _stable(text: str, url: str) -> str:
    """Without what changes from run to run: the port, the time taken."""
    text = text.replace(url, "http://127.0.0.1:PORT")
    return re.sub(r" in \d+\.\ds,", " in 0.0s,", text)


def _run(run_cli: Runner, tmp_path: Path, url: str, fmt: str, *extra: str) -> dict[str, str]:
    junit, sarif = tmp_path / "report.xml", tmp_path / "report.sarif"
    run = run_cli(*extra, "--format", fmt, "--junit-xml", str(junit), "--sarif", str(sarif))
    return {
        fmt: _stable(run.out + run.err, url),
        "junit": _stable(junit.read_text(), url),
        "sarif": _stable(sarif.read_text(), url),
    }


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_run_with_every_kind_of_verdict(run_cli: Runner, tmp_path: Path, fmt: str) -> None:
    with start_server(app=ChangingTotalLikeExpress()) as server:
        shown = _run(run_cli, tmp_path, server.url, fmt, *both(server.url), "--strict")
    for name, text in shown.items():
        assert_matches(text, SNAPSHOTS / f"verdicts.{name}")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_an_unreachable_run(run_cli: Runner, tmp_path: Path, fmt: str) -> None:
    with start_server() as server:
        url = server.url
    shown = _run(run_cli, tmp_path, url, fmt, "--gateway-url", url)
    for name, text in shown.items():
        assert_matches(text, SNAPSHOTS / f"unreachable.{name}")
