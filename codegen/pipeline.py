"""load -> normalise -> render -> write: the whole of `make generate` and `make check-generated`."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from codegen.errors import CodegenError
from codegen.load import load_spec
from codegen.naming import MODULE_NAMES
from codegen.normalise import normalise
from codegen.reader import MODULE_DOCSTRING as READER_MODULE_DOCSTRING
from codegen.reader import PACKAGE as READER
from codegen.reader import PACKAGE_DOCSTRING as READER_PACKAGE_DOCSTRING
from codegen.reader import reader_spec
from codegen.render import (
    BASE_MODULE,
    render_documents,
    render_models,
    render_package_init,
    render_schemas,
)


def build(specs_dir: Path, out_dir: Path) -> list[Path]:
    """Write every generated file into ``out_dir`` (which must exist); return their paths."""
    spec_files = sorted(p for p in specs_dir.glob("*.openapi.yaml"))
    if not spec_files:
        raise CodegenError(f"{specs_dir}: no *.openapi.yaml documents")
    unknown = [p.name for p in spec_files if p.name not in MODULE_NAMES]
    if unknown:
        names = ", ".join(unknown)
        raise CodegenError(f"{specs_dir}: no module name for {names} in codegen/naming.py")
    normalised = [normalise(load_spec(p)) for p in spec_files]
    generator_version = version("datamodel-code-generator")
    files = {
        "__init__.py": render_package_init(normalised, MODULE_NAMES, subpackages=(READER,)),
        "_documents.py": render_documents(normalised, MODULE_NAMES),
        "schemas.py": render_schemas(normalised, MODULE_NAMES),
        "_base.py": BASE_MODULE,
        f"{READER}/__init__.py": render_package_init(
            normalised, MODULE_NAMES, docstring=READER_PACKAGE_DOCSTRING
        ),
    }
    baseline = specs_dir / LINT_BASELINE
    if baseline.is_file():
        files["_lint_baseline.py"] = _carried_baseline(baseline.read_text(encoding="utf-8"))
    for spec in normalised:
        module = MODULE_NAMES[spec.source.name]
        files[f"{module}.py"] = render_models(spec, generator_version)
        files[f"{READER}/{module}.py"] = render_models(
            reader_spec(spec),
            generator_version,
            docstring=READER_MODULE_DOCSTRING.format(file=spec.source.name, module=module),
        )
    written = []
    for name, text in sorted(files.items()):
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    _format(written)
    (out_dir / "py.typed").write_text("", encoding="utf-8")
    return [*written, out_dir / "py.typed"]


LINT_BASELINE = "lint-baseline.json"
"""The reviewed upstream defects of the documents, carried beside them for ``lint``."""


def _carried_baseline(text: str) -> str:
    return (
        f'"""``specs/{LINT_BASELINE}`` as it was when the documents were carried: the reviewed\n'
        'upstream defects ``lint`` acknowledges in them outside a checkout."""\n\n'
        "from typing import Final\n\n"
        f"BASELINE: Final[str] = {json.dumps(text, ensure_ascii=False)}\n"
    )


def _generated_files(folder: Path) -> set[str]:
    """Paths, relative to ``folder`` and in POSIX form, of what a build writes there."""
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and (path.suffix == ".py" or path.name == "py.typed")
    }


_PROJECT_CONFIG = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _format(paths: list[Path]) -> None:
    # The project's own ruff settings, wherever the files sit, so a scratch build is byte-identical.
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(_PROJECT_CONFIG), "--quiet"]
    names = [str(p) for p in paths]
    subprocess.run([*ruff, "check", *config, "--fix", "--select", "I,F401,UP", *names], check=False)
    subprocess.run([*ruff, "format", *config, *names], check=True)


def generate(specs_dir: Path, target: Path) -> list[Path]:
    """Build into a scratch folder; only when every step passed replace ``target``'s files."""
    with tempfile.TemporaryDirectory(prefix="helicone-codegen-") as scratch:
        build(specs_dir, Path(scratch))
        built = _generated_files(Path(scratch))
        target.mkdir(parents=True, exist_ok=True)
        for stale in sorted(_generated_files(target) - built):
            (target / stale).unlink()
        for name in sorted(built):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(scratch) / name, target / name)
        return [target / name for name in sorted(built)]


def drift(specs_dir: Path, target: Path) -> list[str]:
    """Paths (relative to ``target``) of files that differ between a fresh build and ``target``."""
    with tempfile.TemporaryDirectory(prefix="helicone-codegen-") as scratch:
        build(specs_dir, Path(scratch))
        built = _generated_files(Path(scratch))
        committed = _generated_files(target) if target.is_dir() else set()
        return [
            name
            for name in sorted(built | committed)
            if name not in built
            or name not in committed
            or not filecmp.cmp(Path(scratch) / name, target / name, shallow=False)
        ]
