"""``lint`` of several documents: documents, their example files, then the baselines.

With no document named, ``lint`` takes ``specs/*.openapi.yaml`` here; where there is none (an
installed tool outside a checkout), the documents the tool carries, which it was built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import specload
from conformance.reporting import Group
from conformance.validation.baseline import (
    BASELINE_NAME,
    Baseline,
    apply_baselines,
    load_baseline,
    parse_baseline,
)
from conformance.validation.example_files import MANIFEST, lint_example_files
from conformance.validation.lint_document import lint_document

DEFAULT_SPECS = Path("specs")
CARRIED = "OpenAPI document carried by the tool"
CARRIED_BASELINE = f"{BASELINE_NAME} (carried by the tool)"


@dataclass
class LintResult:
    groups: list[Group] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)
    """One line per input that could not be used at all."""


def default_specs() -> list[str]:
    """``specs/*.openapi.yaml`` here, or [] when there is none."""
    return sorted(str(path) for path in DEFAULT_SPECS.glob("*.openapi.yaml"))


def lint_specs(
    specs: list[str],
    baseline: str | None,
    use_baseline: bool,
    *,
    allow_file_refs: bool = False,
    limits: specload.Limits = specload.DEFAULT_LIMITS,
) -> LintResult:
    """Lint the documents at ``specs``, their example files and baselines."""
    result = LintResult()
    checked: dict[Path, dict[str, specload.Checked]] = {}
    for spec in specs:
        try:
            document = specload.load_path(Path(spec), name=spec, limits=limits)
            group, done = lint_document(
                document, allow_file_refs=allow_file_refs, limits=limits, file=spec
            )
        except specload.SpecLoadError as exc:
            result.unusable.append(str(exc))
            continue
        result.groups.append(group)
        checked.setdefault(Path(spec).parent, {})[Path(spec).name] = done
    for directory, by_name in checked.items():
        if (directory / "examples" / MANIFEST).is_file():
            try:
                result.groups += lint_example_files(directory / "examples", by_name)
            except specload.SpecLoadError as exc:
                result.unusable.append(str(exc))
    if use_baseline:
        _apply(result, baseline, list(checked))
    return result


def lint_carried(baseline: str | None, use_baseline: bool) -> LintResult:
    """Lint the documents the tool carries (``generated._documents``), by their file names,
    with the baseline carried beside them (or ``baseline``, when given)."""
    from generated._documents import DOCUMENTS

    result = LintResult()
    for name, text in DOCUMENTS.items():
        try:
            group, _ = lint_document(specload.load_text(text, name), description=CARRIED)
        except specload.SpecLoadError as exc:
            result.unusable.append(str(exc))
            continue
        result.groups.append(group)
    if use_baseline and baseline is not None:
        _apply(result, baseline, [])
    elif use_baseline:
        from generated._lint_baseline import BASELINE

        carried = parse_baseline(BASELINE.encode("utf-8"), CARRIED_BASELINE)
        result.groups = apply_baselines(result.groups, [carried])
    return result


def _apply(result: LintResult, explicit: str | None, directories: list[Path]) -> None:
    try:
        baselines = _baselines(explicit, directories)
    except specload.SpecLoadError as exc:
        result.unusable.append(str(exc))
    else:
        result.groups = apply_baselines(result.groups, baselines)


def _baselines(explicit: str | None, directories: list[Path]) -> list[Baseline]:
    if explicit is not None:
        return [load_baseline(explicit)]
    candidates = [directory / BASELINE_NAME for directory in directories]
    return [load_baseline(str(path)) for path in candidates if path.is_file()]
