"""``helicone-contract serve``: refuses bad input in one line, serves, stops on a signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.server import GATEWAY_PATH, REGISTRY_PATH, default_registry
from tests.checks import own
from tests.support.fetch import fetch
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, REPO, needs_real_data


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    try:
        code = main(["serve", *argv])
    except SystemExit as refused_by_argparse:
        code = refused_by_argparse.code
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_an_invalid_registry_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(default_registry().body)
    document["data"]["models"][3]["inputModalities"][0] = "pdf"
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(document, indent=2))
    before = path.read_bytes(), path.stat().st_mtime_ns
    line = _refused(capsys, "--registry", str(path))
    assert line.startswith(
        f"helicone-contract: error: {path}:850:11: "
        "error[schema] $.data.models[3].inputModalities[0]"
    )
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_gateway_list_is_refused_as_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "models.json"
    path.write_text(json.dumps(own.served_gateway()))
    line = _refused(capsys, "--registry", str(path))
    assert line == (
        f"helicone-contract: error: {path}: this is a /v1/models list, not a registry; "
        "serve takes a registry response ({data, error}) or its data object"
    )


def test_malformed_json_is_refused_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{\n  "data": NaN\n}')
    line = _refused(capsys, "--registry", str(path))
    assert f"{path}:2:" in line


def test_a_missing_registry_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _refused(capsys, "--registry", str(tmp_path / "absent.json"))
    assert "no such file" in line


def test_an_impossible_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert "not a port number" in _refused(capsys, "--port", "70000")


@contextmanager
def _serve(*argv: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "conformance", "serve", "--port", "0", *argv]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("serving "), first + process.stderr.read()  # type: ignore[union-attr]
        url = first.rsplit(" on ", 1)[1].strip()
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serves_the_default_registry_on_loopback_and_stops_cleanly(
    stop_signal: signal.Signals,
) -> None:
    with _serve() as (process, url):
        assert url.startswith("http://127.0.0.1:")
        assert fetch(url + REGISTRY_PATH).body == default_registry().body
        assert fetch(url + GATEWAY_PATH).status == 200
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        assert out.splitlines()[-1] == "stopped"
        assert err == ""


@needs_real_data
def test_serves_a_given_file_unchanged() -> None:
    with _serve("--registry", str(REAL_REGISTRY)) as (process, url):
        assert fetch(url + REGISTRY_PATH).body == REAL_REGISTRY.read_bytes()
        assert fetch(url + GATEWAY_PATH).body == REAL_GATEWAY.read_bytes()
        process.terminate()
        process.communicate(timeout=30)
        assert process.returncode == 0


def test_a_registry_over_the_size_limit_names_an_option_serve_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (1024 * 1024 + 1))
    line = _refused(capsys, "--registry", str(path), "--max-size", "1")
    assert line.endswith("big.json: larger than the 1 MiB limit (1 MiB or more)")
    assert "--max-size MIB" in _help(capsys)


def test_the_connection_cap_is_an_option_with_the_servers_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from conformance.server.transport import ServerLimits

    help_text = " ".join(_help(capsys).split())
    assert f"(default: {ServerLimits().max_connections})" in help_text
    refused = _refused(capsys, "--max-connections", "0")
    assert refused.endswith("--max-connections: expected a positive integer, got '0'")


def _help(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    return capsys.readouterr().out
