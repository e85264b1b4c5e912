"""README.md and docs/ show the catalog's tables, rendered from it: a drift fails here.

Fix a failure with ``python -m conformance.catalog write README.md docs/checks-*.md``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.catalog import CHECKS, named_table, render_tables
from tests.support.paths import REPO

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("checks-*.md"))]
_MARKER = re.compile(r"<!-- checks: ([a-z+-]+) -->")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_every_table_is_the_catalogs(path: Path) -> None:
    text = path.read_text("utf-8")
    assert _MARKER.search(text), f"{path}: no generated check table"
    assert render_tables(text) == text


def test_the_readme_shows_the_conformance_validate_lint_and_diff_tables() -> None:
    names = _MARKER.findall((REPO / "README.md").read_text("utf-8"))
    assert names == ["conformance-only", "validate", "lint-only", "diff-only"]


def test_every_check_is_documented_in_docs() -> None:
    documented = "".join(path.read_text("utf-8") for path in DOCUMENTS[1:])
    assert {check for check in CHECKS if f"| `{check}` |" not in documented} == set()


def test_a_drifted_table_is_found_and_rewritten(tmp_path: Path) -> None:
    page = REPO / "docs" / "checks-validate.md"
    drifted = page.read_text("utf-8").replace("Two models share an id.", "Models share ids.")
    copy = tmp_path / "page.md"
    copy.write_text(drifted, "utf-8")
    run = [sys.executable, "-m", "conformance.catalog"]
    check = subprocess.run([*run, "check", str(copy)], capture_output=True, text=True, check=False)
    assert (check.returncode, check.stderr) == (
        1,
        f"{copy}: check tables differ from the catalog\n",
    )
    subprocess.run([*run, "write", str(copy)], check=True, capture_output=True)
    assert copy.read_text("utf-8") == page.read_text("utf-8")


def test_unknown_table_names_are_refused() -> None:
    for name in ("nope", "validate-all", "lint+colour"):
        with pytest.raises(ValueError, match="unknown table name"):
            named_table(name)
