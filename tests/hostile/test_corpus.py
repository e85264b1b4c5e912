"""Every hostile document gets its one outcome from ``lint``: offline, bounded, calm.

Each case runs the real CLI in a subprocess limited in memory and CPU time, under audit hooks
that kill it on any network connection or on opening the folder beside the document's (which
holds a tempting ``common.yaml``), while a loopback server that would answer every fetch
counts connections. Nothing may be contacted, nothing outside may be opened, no traceback may
be printed, and the exit code, the finding and its line, or the one error line, must be the
case's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hostile.conftest import Trap, run_guarded
from tests.hostile.corpus import _COMMON, CASES, DOCUMENT, Case


def _write(case: Case, root: Path, port: int) -> Path:
    folder, outside = root / "folder", root / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "common.yaml").write_text(_COMMON, encoding="utf-8")
    for name, text in case.files.items():
        expanded = text.replace("{port}", str(port)).replace("{outside}", str(outside))
        (folder / name).write_text(expanded, encoding="utf-8")
    for link, target in case.symlinks.items():
        (folder / link).symlink_to(target.replace("{outside}", str(outside)))
    return folder


def _line_of(folder: Path, case: Case) -> int:
    """Where the trap is written: the line in the document holding it (or the $ref that
    brings in the file it is in)."""
    text = (folder / DOCUMENT).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(text, 1) if case.trap in line)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_document(case: Case, tmp_path: Path, trap: Trap) -> None:
    folder = _write(case, tmp_path, trap.port)
    document = folder / DOCUMENT
    output = () if case.code == 2 else ("--format", "json")  # text: stderr holds errors only
    result = run_guarded(
        "lint",
        str(document),
        "--no-baseline",
        *output,
        *case.options,
        forbidden=(tmp_path / "outside", Path("/etc/passwd")),
        cwd=folder,
    )
    assert trap.connections == []
    assert "Traceback" not in result.stderr
    assert "guard:" not in result.stderr
    assert result.returncode == case.code, result.stderr
    if case.code == 2:
        (line,) = result.stderr.splitlines()
        pattern = rf"helicone-contract: error: {re.escape(str(document))}(:\d+:\d+)?: {case.error}"
        assert re.fullmatch(pattern, line), line
        return
    assert result.stderr.splitlines()[-1].startswith("1 file checked")
    (group,) = json.loads(result.stdout)["files"]
    found = [(f["check"], f["line"]) for f in group["findings"]]
    if case.trap.startswith("$ref: '#"):  # a loop: one finding at each reference into it
        assert [check for check, _ in found] == list(case.findings)
        assert all(line >= _line_of(folder, case) for _, line in found)
    else:
        assert found == [(check, _line_of(folder, case)) for check in case.findings]


def test_the_trap_server_would_answer(trap: Trap) -> None:
    """The trap is real: a client that fetches gets a schema, and is counted."""
    from urllib.request import urlopen

    with urlopen(f"http://127.0.0.1:{trap.port}/model.json", timeout=5) as answer:
        assert json.load(answer) == {"Model": {"type": "string"}}
    assert len(trap.connections) == 1


def test_the_guard_stops_an_open_of_a_forbidden_file(tmp_path: Path) -> None:
    """The guard is real: a tool that opens a forbidden file is stopped, and says so."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("openapi: 3.0.0\n", encoding="utf-8")
    result = run_guarded("lint", str(secret), forbidden=(secret,))
    assert result.returncode == 97
    assert result.stderr == f"guard: opened {secret.resolve()}\n"
