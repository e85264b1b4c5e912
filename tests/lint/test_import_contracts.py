"""The layers of ARCHITECTURE.md are import-linter contracts (``.importlinter``), run by
``make lint``: they hold on the tree, and a deliberate wrong import breaks them."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = {"specload": "src/specload", "generated": "src/generated",
            "conformance": "src/conformance", "codegen": "codegen"}  # fmt: skip


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts, on the packages found first in ``root``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(REPO / ".importlinter"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the four packages, side by side, to break on purpose."""
    root = tmp_path_factory.mktemp("tree")
    for package, where in PACKAGES.items():
        shutil.copytree(REPO / where, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_contracts_cover_every_package_and_the_one_reader() -> None:
    config = configparser.ConfigParser()
    config.read(REPO / ".importlinter")
    assert config["importlinter"]["root_packages"].split() == list(PACKAGES)
    reader = config["importlinter:contract:one-reader"]
    assert reader["forbidden_modules"].split() == ["yaml", "openapi_spec_validator"]
    assert reader["source_modules"].split() == ["conformance", "codegen", "generated"]


def test_the_tree_keeps_every_contract(tree: Path) -> None:
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("specload/openapi.py", "import conformance.findings", "specload nothing of ours"),
        ("generated/schemas.py", "import specload", "generated imports nothing of ours"),
        ("codegen/naming.py", "import conformance", "codegen and conformance never"),
        ("conformance/findings.py", "import codegen", "nor specload imports codegen"),
        ("conformance/jsonpath.py", "import yaml", "only specload reads YAML"),
        ("codegen/naming.py", "import openapi_spec_validator", "only specload reads YAML"),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    tree: Path, module: str, bad_import: str, contract: str
) -> None:
    path = tree / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{bad_import}  # noqa\n", encoding="utf-8")
    try:
        result = _lint_imports(tree)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout
