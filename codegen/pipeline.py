"""load -> normalise -> render -> write: the whole of `make generate` and `make check-generated`."""

from __future__ import annotations

import filecmp
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
        "__init__.py": render_package_init(normalised, MODULE_NAMES),
        "_documents.py": render_documents(normalised, MODULE_NAMES),
        "schemas.py": render_schemas(normalised, MODULE_NAMES),
        "_base.py": BASE_MODULE,
    }
    for spec in normalised:
        files[f"{MODULE_NAMES[spec.source.name]}.py"] = render_models(spec, generator_version)
    written = []
    for name, text in sorted(files.items()):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    _format(written)
    (out_dir / "py.typed").write_text("", encoding="utf-8")
    return [*written, out_dir / "py.typed"]


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
        built = build(specs_dir, Path(scratch))
        target.mkdir(parents=True, exist_ok=True)
        for stale in target.glob("*.py"):
            if not (Path(scratch) / stale.name).exists():
                stale.unlink()
        for path in built:
            shutil.copyfile(path, target / path.name)
        return [target / p.name for p in built]


def drift(specs_dir: Path, target: Path) -> list[str]:
    """Names of files that differ between a fresh build and ``target``."""
    with tempfile.TemporaryDirectory(prefix="helicone-codegen-") as scratch:
        built = {p.name for p in build(specs_dir, Path(scratch))}
        committed = {p.name for p in target.glob("*.py")} | (
            {"py.typed"} if (target / "py.typed").exists() else set()
        )
        differing = [
            name
            for name in sorted(built | committed)
            if name not in built
            or name not in committed
            or not filecmp.cmp(Path(scratch) / name, target / name, shallow=False)
        ]
        return differing
