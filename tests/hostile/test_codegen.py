"""`make generate` on a hostile `specs/` file: lint's own one-line error, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.conftest import Trap, run_guarded
from tests.hostile.corpus import _COMMON, CASES, Case
from tests.support.paths import SPECS

HOSTILE = [
    case
    for case in CASES
    if (case.code == 2 or (case.findings and case.findings[0].startswith("openapi")))
    and not case.options
    and len(case.files) == 1
]
"""Every case that makes the document itself unusable or invalid, with no option needed."""


@pytest.mark.parametrize("case", HOSTILE, ids=[case.name for case in HOSTILE])
def test_hostile_spec_stops_codegen_with_lints_line(case: Case, tmp_path: Path, trap: Trap) -> None:
    specs, outside, out = tmp_path / "specs", tmp_path / "outside", tmp_path / "generated"
    shutil.copytree(SPECS, specs)
    outside.mkdir()
    (outside / "common.yaml").write_text(_COMMON, encoding="utf-8")
    (text,) = case.files.values()
    spec = specs / "ai-gateway.openapi.yaml"
    spec.write_text(
        text.replace("{port}", str(trap.port)).replace("{outside}", str(outside)), "utf-8"
    )
    out.mkdir()
    (out / "gateway.py").write_text("# the committed models\n", encoding="utf-8")
    forbidden = (outside, Path("/etc/passwd"))

    generated = run_guarded(
        "codegen", "generate", "--specs", str(specs), "--out", str(out), forbidden=forbidden
    )
    linted = run_guarded("lint", str(spec), "--no-baseline", forbidden=forbidden)

    assert trap.connections == []
    assert generated.returncode == 1, generated.stderr
    (line,) = generated.stderr.splitlines()
    assert line.startswith(f"codegen: error: {spec}")
    assert "Traceback" not in generated.stderr
    if case.code == 2:  # unusable: the very line lint prints
        assert line.removeprefix("codegen: error: ") == linted.stderr.strip().removeprefix(
            "helicone-contract: error: "
        )
    else:  # a finding of lint: codegen names it at the same line and with the same words
        (finding,) = [row for row in linted.stdout.splitlines() if "error[" in row][:1]
        where, message = finding.split(" ", 1)[0], finding.split(": ", 2)[-1]
        assert line.removeprefix("codegen: error: ").startswith(where)
        assert line.endswith(message)
    assert [path.name for path in out.iterdir()] == ["gateway.py"]
    assert (out / "gateway.py").read_text("utf-8") == "# the committed models\n"
