"""Unusable input: one line on stderr naming the file (and line:column for broken JSON), exit 2,
never a traceback; the other files are still checked and reported."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checks.own import DEFAULT_REGISTRY
from tests.validate.conftest import Cli

CASES = {
    "empty": (b"", "empty.json: empty, not a JSON document"),
    "blank": (b" \n\t\n", "blank.json: empty, not a JSON document"),
    "latin1": (b'{"name": "caf\xe9"}', "latin1.json:1:14: not UTF-8 (byte 0xe9)"),
    "utf16": ('{"a": 1}'.encode("utf-16"), "utf16.json:1:1: not UTF-8 (byte 0xff)"),
    "not-json": (b"models: []\n", "not-json.json:1:1: not valid JSON: expected a JSON value"),
    "truncated": (
        b'{"data": {"models": [\n  {"id": "x"',
        "truncated.json:2:12: not valid JSON: EOF",
    ),
    "nan": (b'{"total": NaN}', "nan.json:1:11: not valid JSON: expected a JSON value"),
    "infinity": (b'{"total": -Infinity}', "infinity.json:1:12: not valid JSON: invalid number"),
    "duplicate": (
        b'{"data": {"models": [], "total": 0,\n "total": 1, "filters": {}}, "error": null}',
        'duplicate.json:2:2: not valid JSON: duplicate object key "total"',
    ),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "deep.json:1:202: not valid JSON: nesting too deep"),
    "garbage": (
        b'{"object": "list", "data": []} {}',
        "garbage.json:1:32: not valid JSON: trailing",
    ),
    "scalar": (b"42", "scalar.json: cannot tell what this document is"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unusable_file(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    content, expected = CASES[name]
    monkeypatch.chdir(tmp_path)
    Path(f"{name}.json").write_bytes(content)
    result = cli("validate", f"{name}.json")
    assert result.code == 2
    assert (
        result.out
        == "0 files checked: 0 errors, 0 warnings. exit 2: usage error or unusable input\n"
    )
    assert result.err.startswith(f"helicone-contract: error: {expected}")
    assert result.err.count("\n") == 1


def test_missing_file_and_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    result = cli("validate", "absent.json", "folder")
    assert result.code == 2
    assert result.err.splitlines() == [
        "helicone-contract: error: absent.json: no such file",
        "helicone-contract: error: folder: is a directory, not a file",
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    # /proc/self/mem has a size of 0 and fails every read at offset 0 (EIO), even for root,
    # for whom a chmod 000 file is readable.
    result = cli("validate", "/proc/self/mem")
    assert result.code == 2
    assert result.err.startswith("helicone-contract: error: /proc/self/mem: cannot read: ")
    assert result.err.count("\n") == 1


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    real_open = os.open

    def denied(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("secret.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.chdir(tmp_path)
    Path("secret.json").write_text("{}")
    monkeypatch.setattr(os, "open", denied)
    result = cli("validate", "secret.json")
    assert (result.code, result.err) == (
        2,
        "helicone-contract: error: secret.json: permission denied\n",
    )


def test_huge_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    with open("huge.json", "wb") as handle:  # sparse: 600 MB on paper, no disk, no RAM
        handle.truncate(600 * 1024 * 1024)
    result = cli("validate", "huge.json")
    assert result.code == 2
    assert result.err == (
        "helicone-contract: error: huge.json: larger than the 128 MiB limit (600 MiB or more)\n"
    )


def test_max_size_applies_to_stdin(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b" " * (2 * 1024 * 1024))))
    result = cli("validate", "--max-size", "1", "-")
    assert result.code == 2
    assert result.err == (
        "helicone-contract: error: <stdin>: larger than the 1 MiB limit (1 MiB or more)\n"
    )


def test_good_files_are_still_reported_beside_a_bad_one(workdir: Path, cli: Cli) -> None:
    Path("broken.json").write_text('{"data": ')
    result = cli("validate", "small-registry.json", "broken.json", "gateway-broken.json")
    assert result.code == 2
    assert (
        result.err
        == "helicone-contract: error: broken.json:1:9: not valid JSON: EOF while parsing a value\n"
    )
    valid = "== small-registry.json [model registry response ({data, error}), detected]: valid"
    assert valid in result.out
    assert "== gateway-broken.json [/v1/models list, detected]: 4 errors" in result.out


def test_stdin_twice_is_a_usage_error(cli: Cli) -> None:
    result = cli("validate", "-", "-")
    assert (result.code, result.err) == (
        2,
        "helicone-contract: error: stdin (-) can be read only once\n",
    )


def test_real_process_prints_no_traceback_and_stays_light(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"a": 1, "a": 2}')
    heavy = "{'schemathesis', 'hypothesis', 'pydantic', 'yaml'}"
    # Start-up imports only what validate needs: not the other commands, not the package
    # metadata (the version is written in the package itself).
    unwanted = (
        "{'importlib.metadata', 'conformance.commands.conformance', "
        "'conformance.commands.serve', 'conformance.commands.lint', "
        # nor the report formats not asked for, nor what only OpenAPI documents need
        "'conformance.reporting.junit', 'conformance.reporting.sarif', "
        "'conformance.reporting.markdown', 'conformance.reporting.github', "
        "'specload.validate', 'specload.refs'}"
    )
    probe = (
        "import sys; from conformance.cli import main; code = main(sys.argv[1:]);"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {heavy});"
        f"unwanted = sorted(set(sys.modules) & {unwanted});"
        "print(code, heavy, unwanted, file=sys.stderr)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe, "validate", str(DEFAULT_REGISTRY), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in completed.stderr
    assert completed.stdout.startswith(f"== {DEFAULT_REGISTRY} [model registry response")
    assert completed.stderr.splitlines() == [
        f'helicone-contract: error: {bad}:1:10: not valid JSON: duplicate object key "a"',
        "2 [] []",
    ]
