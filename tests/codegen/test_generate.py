"""`make generate`: deterministic, golden, typed, readable, and refusing a broken spec cleanly."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.pipeline import build
from tests.support.paths import REPO, SPECS

GENERATED = REPO / "src" / "generated"


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    build(SPECS, out)
    return out


def _files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_fresh_build_matches_the_committed_golden_files(fresh_build: Path) -> None:
    built = _files(fresh_build)
    assert built == _files(GENERATED)
    assert {"reader/__init__.py", "reader/registry.py", "reader/gateway.py"} <= set(built)
    for name in built:
        assert (fresh_build / name).read_bytes() == (GENERATED / name).read_bytes(), name


def test_two_builds_are_byte_identical(fresh_build: Path, tmp_path: Path) -> None:
    build(SPECS, tmp_path)
    assert _files(tmp_path) == _files(fresh_build)
    for name in _files(fresh_build):
        assert (tmp_path / name).read_bytes() == (fresh_build / name).read_bytes(), name


def test_generated_code_passes_mypy_strict(fresh_build: Path, tmp_path: Path) -> None:
    package = tmp_path / "generated"
    shutil.copytree(fresh_build, package)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "generated"],
        cwd=tmp_path,
        env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _class_names(module: Path) -> list[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    names += [
        node.targets[0].id
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    ]
    return names


@pytest.mark.parametrize(
    "module", ["registry.py", "gateway.py", "reader/registry.py", "reader/gateway.py"]
)
def test_names_are_readable(module: str) -> None:
    names = _class_names(GENERATED / module)
    assert names
    for name in names:
        assert not re.search(r"\d$", name), name
        assert name not in {"Datum", "String", "Object", "Model1"}, name
        assert "_" not in name, name


@pytest.mark.parametrize("module", ["registry", "gateway"])
def test_the_reader_has_the_strict_models_names(module: str) -> None:
    assert _class_names(GENERATED / f"{module}.py") == _class_names(
        GENERATED / "reader" / f"{module}.py"
    )


READER_USE = """
from typing import Literal
from pydantic import TypeAdapter
from generated.reader.registry import InputModality, ModelRegistryItem, ModelRegistryResult
from generated.reader.registry import ModelRegistrySuccess

def modalities(body: bytes) -> list[str]:
    result = TypeAdapter(ModelRegistryResult).validate_json(body)
    if isinstance(result, ModelRegistrySuccess):
        return [m for item in result.data.models for m in item.inputModalities]
    return []

def known(item: ModelRegistryItem) -> None:
    reveal_type(item.inputModalities)
    text: InputModality = "text"
    unseen: InputModality = "pdf"
"""


def test_reader_passes_mypy_strict_and_keeps_the_known_literals_visible(
    fresh_build: Path, tmp_path: Path
) -> None:
    shutil.copytree(fresh_build, tmp_path / "generated")
    (tmp_path / "use.py").write_text(READER_USE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "use.py"],
        cwd=tmp_path,
        env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    revealed = (
        "list[Literal['text'] | Literal['image'] | Literal['audio'] | Literal['video'] | str]"
    )
    assert revealed in result.stdout


def test_renamed_and_lifted_names_exist() -> None:
    from generated import gateway, registry

    for name in [
        "ModelRegistryResult",
        "ModelRegistrySuccess",
        "ModelRegistryError",
        "EndpointConfigMap",
        "ModelRegistryFilters",
        "ProviderFilter",
        "CacheMultipliers",
        "ModelRegistryItem",
    ]:
        assert hasattr(registry, name), name
    for name in ["ModelList", "Model", "ModelListError", "ModelListErrorDetail"]:
        assert hasattr(gateway, name), name


def test_fields_carry_the_spec_descriptions() -> None:
    source = (GENERATED / "gateway.py").read_text(encoding="utf-8")
    assert "Unix timestamp of model creation" in source


BROKEN = [
    ("not YAML", "model-registry.openapi.yaml", "openapi: [3.0.0", "not valid YAML"),
    (
        "not OpenAPI",
        "ai-gateway.openapi.yaml",
        "openapi: 3.0.0\ninfo: {title: x}\npaths: {}\n",
        "version",
    ),
    (
        "bad schema type",
        "ai-gateway.openapi.yaml",
        (SPECS / "ai-gateway.openapi.yaml")
        .read_text(encoding="utf-8")
        .replace("type: integer", "type: int"),
        "ai-gateway.openapi.yaml:41:27: /paths/~1v1~1models/get/responses/200/content/"
        "application~1json/schema/properties/data/items/properties/created/type: "
        "'int' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string']",
    ),
    (
        "new inline object without a name",
        "ai-gateway.openapi.yaml",
        (SPECS / "ai-gateway.openapi.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "                        id:\n",
            "                        meta:\n                          type: object\n"
            "                          properties:\n                            a:\n"
            "                              type: string\n                        id:\n",
        ),
        "no Python name",
    ),
]


@pytest.mark.parametrize(("why", "file", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_spec_stops_generation_and_touches_nothing(
    why: str, file: str, text: str, expected: str, tmp_path: Path
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs)
    (specs / file).write_text(text, encoding="utf-8")
    out = tmp_path / "generated"
    out.mkdir()
    sentinel = out / "registry.py"
    sentinel.write_text("# the committed models\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--specs", str(specs), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, why
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert file in lines[0]
    assert expected in lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["registry.py"]
    assert sentinel.read_text(encoding="utf-8") == "# the committed models\n"


def test_check_names_a_drifted_reader_file_and_generate_removes_a_stale_one(
    tmp_path: Path,
) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out)
    (out / "reader" / "gateway.py").write_text("# edited by hand\n", encoding="utf-8")
    (out / "reader" / "old_module.py").write_text("# no longer generated\n", encoding="utf-8")
    check = [sys.executable, "-m", "codegen", "check", "--out", str(out)]
    result = subprocess.run(check, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "reader/gateway.py, reader/old_module.py" in result.stderr
    assert "reader/registry.py" not in result.stderr
    generate = [sys.executable, "-m", "codegen", "generate", "--out", str(out)]
    subprocess.run(generate, cwd=REPO, capture_output=True, check=True)
    assert not (out / "reader" / "old_module.py").exists()
    assert _files(out) == _files(GENERATED)
    result = subprocess.run(check, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_check_reports_drift_by_file(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out)
    (out / "gateway.py").write_text("# edited by hand\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "check", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "gateway.py" in result.stderr
    assert "registry.py" not in result.stderr
