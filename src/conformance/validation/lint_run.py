"""``lint`` of several documents: documents, their example files, then the baselines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conformance.errors import InputError, UsageError
from conformance.reporting import Group
from conformance.validation.baseline import BASELINE_NAME, Baseline, apply_baselines, load_baseline
from conformance.validation.example_files import MANIFEST, lint_example_files
from conformance.validation.lint_document import lint_document
from conformance.validation.yamldoc import YamlDocument

DEFAULT_SPECS = Path("specs")


@dataclass
class LintResult:
    groups: list[Group] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)
    """One line per input that could not be used at all."""


def default_specs() -> list[str]:
    found = sorted(str(path) for path in DEFAULT_SPECS.glob("*.openapi.yaml"))
    if not found:
        raise UsageError(f"no *.openapi.yaml in {DEFAULT_SPECS}/ here; pass the documents to lint")
    return found


def lint_specs(specs: list[str], baseline: str | None, use_baseline: bool) -> LintResult:
    result = LintResult()
    documents: dict[Path, dict[str, YamlDocument]] = {}
    for spec in specs:
        try:
            group, document = lint_document(_read_text(spec), spec, file=spec)
        except InputError as exc:
            result.unusable.append(str(exc))
            continue
        result.groups.append(group)
        documents.setdefault(Path(spec).parent, {})[Path(spec).name] = document
    for directory, by_name in documents.items():
        if (directory / "examples" / MANIFEST).is_file():
            try:
                result.groups += lint_example_files(directory / "examples", by_name)
            except InputError as exc:
                result.unusable.append(str(exc))
    if use_baseline:
        try:
            baselines = _baselines(baseline, list(documents))
        except InputError as exc:
            result.unusable.append(str(exc))
        else:
            result.groups = apply_baselines(result.groups, baselines)
    return result


def _baselines(explicit: str | None, directories: list[Path]) -> list[Baseline]:
    if explicit is not None:
        return [load_baseline(explicit)]
    candidates = [directory / BASELINE_NAME for directory in directories]
    return [load_baseline(str(path)) for path in candidates if path.is_file()]


def _read_text(spec: str) -> str:
    from conformance.jsonload import read_source

    raw = read_source(spec)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{spec}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
