"""Every command that reads a file meets the same hostile inputs, under the same memory and
CPU limits (``conftest.run_guarded``), and refuses each one at once with one line: ``lint``,
``make generate`` (codegen), ``diff`` (either side; documents and registries), ``validate``
and ``serve --registry``. The large inputs are written once per session."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.conftest import run_guarded
from tests.hostile.corpus import _BOMB, _LOOP, gateway
from tests.support.paths import SPECS

GATEWAY = SPECS / "ai-gateway.openapi.yaml"
_MIB = 1024 * 1024
_DIGITS = "7" * 6000


@dataclass(frozen=True)
class Hostile:
    name: str
    file: str
    """Its name in the session's folder (a device is linked there)."""
    document: str | None
    """What a command reading an OpenAPI document says after the file's name and place, or
    None when the input is no document (JSON payload commands only)."""
    payload: str | None
    """What ``validate`` and ``serve --registry`` say, or None when the input is a document
    that only document commands read."""


CASES = [
    Hostile("device", "zero.json", "not a regular file", "not a regular file"),
    Hostile("FIFO with no writer", "fifo.json", "not a regular file", "not a regular file"),
    Hostile("alias bomb in a schema example", "bomb.yaml",
            r"aliases would expand \d+ YAML nodes to \d+, more than 10 times as many", None),
    Hostile("20 MB YAML", "large.yaml", r"larger than the 16 MiB limit \(20 MiB or more\)",
            "not valid JSON: expected a JSON value"),
    Hostile("malformed 20 MB JSON", "large.json", r"larger than the 16 MiB limit",
            "not valid JSON: EOF while parsing"),
    Hostile("6,000-digit integer in YAML", "digits.yaml", "a number of 6000 characters is too long",
            None),
    Hostile("6,000-digit integer in JSON", "digits.json", "not valid JSON: a number too long",
            "not valid JSON: a number too long"),
    Hostile("NUL byte in YAML", "nul.yaml", r"not valid YAML: character U\+0000 is not allowed",
            None),
    Hostile("NUL byte in JSON", "nul.json", "not valid JSON: ", "not valid JSON: "),
    Hostile("NaN in a .json document", "nan.json", "not valid JSON: expected a JSON value",
            "not valid JSON: expected a JSON value"),
    Hostile("infinite number in a .json document", "inf.json",
            "not valid JSON: a number too large for a double is not a JSON number here", None),
    Hostile("duplicate key", "twice.yaml", "duplicate key 'openapi'", None),
    Hostile("!!binary", "binary.yaml", "tag !!binary has no JSON value", None),
    Hostile("!!set", "set.yaml", "tag !!set has no JSON value", None),
]  # fmt: skip


def _head(text: str) -> str:
    return text.split("\ncomponents:", 1)[0]


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("hostile-inputs")
    valid = GATEWAY.read_text("utf-8")
    (folder / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.json")
    bomb = "{" + ", ".join(_BOMB.strip().splitlines()) + "}"  # 2 KB, in flow style
    schema = gateway({"$ref": "#/components/schemas/M"}, {"M": {"type": "object", "example": 0}})
    (folder / "bomb.yaml").write_text(schema.replace("example: 0", f"example: {bomb}"))
    (folder / "large.yaml").write_text(valid + "x-padding: '" + "a" * (20 * _MIB) + "'\n")
    (folder / "large.json").write_text('{"openapi": "3.0.0", "x": [' + "1," * (10 * _MIB))
    (folder / "digits.yaml").write_text(f"{valid}x-count: {_DIGITS}\n")
    (folder / "digits.json").write_text(f'{{"openapi": "3.0.0", "data": {_DIGITS}}}')
    (folder / "nul.yaml").write_text(valid + "x-nul: a\0b\n")
    (folder / "nul.json").write_text('{"openapi": "3.0.0", "x": "a\0b"}')
    (folder / "nan.json").write_text('{"openapi": "3.0.0", "data": NaN}')
    (folder / "inf.json").write_text('{"openapi": "3.0.0", "x-big": 1e999999}')
    (folder / "twice.yaml").write_text("openapi: 3.0.0\nopenapi: 3.0.1\n")
    (folder / "binary.yaml").write_text(valid + "x-blob: !!binary aGVsbG8=\n")
    (folder / "set.yaml").write_text(valid + "x-set: !!set {a, b}\n")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _one_line(
    result: subprocess.CompletedProcess[str], prefix: str, path: Path, problem: str
) -> None:
    stderr = result.stderr
    assert "Traceback" not in stderr, stderr
    assert "guard:" not in stderr, stderr
    (line,) = stderr.splitlines()
    pattern = rf"{prefix}: error: {re.escape(str(path))}(:\d+:\d+)?: {problem}.*"
    assert re.fullmatch(pattern, line), line


DOCUMENT_CASES = [case for case in CASES if case.document is not None]
PAYLOAD_CASES = [case for case in CASES if case.payload is not None]


@pytest.mark.parametrize("case", DOCUMENT_CASES, ids=[c.name for c in DOCUMENT_CASES])
def test_lint_and_diff_refuse_it_as_a_document(case: Hostile, inputs: Path) -> None:
    path = inputs / case.file
    assert case.document is not None
    linted = run_guarded("lint", str(path), "--no-baseline")
    assert linted.returncode == 2, linted.stderr
    _one_line(linted, "helicone-contract", path, case.document)
    for sides in ((str(path), str(GATEWAY)), (str(GATEWAY), str(path))):
        diffed = run_guarded("diff", *sides)
        assert diffed.returncode == 2, diffed.stderr
        problem = case.payload if path.suffix == ".json" and case.payload else case.document
        _one_line(diffed, "helicone-contract", path, problem)


@pytest.mark.parametrize("case", PAYLOAD_CASES, ids=[c.name for c in PAYLOAD_CASES])
def test_validate_serve_and_diff_refuse_it_as_a_payload(case: Hostile, inputs: Path) -> None:
    path = inputs / case.file
    assert case.payload is not None
    for command in (("validate", str(path)), ("serve", "--port", "0", "--registry", str(path))):
        result = run_guarded(*command)
        assert result.returncode == 2, result.stderr
        _one_line(result, "helicone-contract", path, case.payload)
    registry = str(inputs / "registry.json")
    Path(registry).write_text('{"data": null, "error": "down"}')
    diffed = run_guarded("diff", "--kind", "registry-response", str(path), registry)
    assert diffed.returncode == 2, diffed.stderr
    _one_line(diffed, "helicone-contract", path, case.payload)


CODEGEN_CASES = [
    case
    for case in DOCUMENT_CASES
    if case.file.endswith(".yaml") or "not a regular" in case.document
]  # type: ignore[operator]


@pytest.mark.parametrize("case", CODEGEN_CASES, ids=[c.name for c in CODEGEN_CASES])
def test_make_generate_refuses_it(case: Hostile, inputs: Path, tmp_path: Path) -> None:
    specs, out = tmp_path / "specs", tmp_path / "generated"
    shutil.copytree(SPECS, specs)
    spec = specs / GATEWAY.name
    spec.unlink()
    spec.symlink_to(inputs / case.file)
    out.mkdir()
    result = run_guarded("codegen", "generate", "--specs", str(specs), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert case.document is not None
    _one_line(result, "codegen", spec, case.document)
    assert list(out.iterdir()) == []


def test_stdin_is_read_no_further_than_the_limit(inputs: Path) -> None:
    """``-`` may be anything: /dev/zero as stdin is read up to the limit, then refused."""
    for command in (("validate", "-"), ("diff", "-", str(GATEWAY))):
        result = run_guarded(*command, stdin=Path("/dev/zero"))
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.splitlines()
        assert (
            line
            == "helicone-contract: error: <stdin>: larger than the 128 MiB limit (128 MiB or more)"
        )


def test_diff_reports_a_reference_loop_as_lint_does(tmp_path: Path) -> None:
    """A loop of bare references is a finding of both, at the same places, never a crash."""
    document = tmp_path / "loop.yaml"
    document.write_text(gateway({"$ref": "#/components/schemas/A"}, _LOOP))
    linted = run_guarded("lint", str(document), "--no-baseline", "--format", "json")
    diffed = run_guarded("diff", str(GATEWAY), str(document), "--format", "json")
    assert (linted.returncode, diffed.returncode) == (1, 1), linted.stderr + diffed.stderr
    (linted_group,) = json.loads(linted.stdout)["files"]
    new = json.loads(diffed.stdout)["inputs"][1]
    places = {(f["check"], f["line"], f["column"]) for f in linted_group["findings"]}
    assert places == {(f["check"], f["line"], f["column"]) for f in new["findings"]}
    assert {check for check, _, _ in places} == {"openapi.ref-cycle"}
