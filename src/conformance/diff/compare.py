"""``run_diff``: two inputs to one ``diff`` report, and the exit code the options ask for.

Documents are compared with documents, registries with registries (a response and a bare data
object compare by their data), ``/v1/models`` lists with lists. Inputs of different kinds, or
with nothing to compare (an error body), are unusable together: exit 2. When an input is not
valid, the report holds its findings and says the comparison was not run.

A change fails the run when its severity reaches ``fail_on`` and it breaks one of the groups
``fail_on_breaks`` names; a change that breaks nobody and is still a warning (a price jump)
fails under ``fail_on="warning"`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from conformance.arguments import collector_paused, size_limits
from conformance.catalog import finding
from conformance.diff.data import diff_model_lists, diff_registries, price_moves
from conformance.diff.documents import diff_documents
from conformance.diff.inputs import OPENAPI, Input, embedded_input, read_input
from conformance.errors import InputError, UsageError
from conformance.exit_codes import ExitCode
from conformance.findings import EVERYONE, Breaks, Finding, Location
from conformance.reporting import Group, Report, Skipped


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """What ``run_diff`` compares and what fails it.

    ``old`` and ``new`` are paths (``-`` is stdin); with ``embedded``, ``old`` is ignored and
    OLD is the OpenAPI document the tool carries for the same API as ``new``. ``kind`` is what
    both are (``openapi``, ``registry-response``, ``registry``, ``models``; None: detected).
    """

    new: str
    old: str | None = None
    kind: str | None = None
    embedded: bool = False
    max_size: int | None = None
    """Bytes; an input larger than this is refused (None: the reader's own limits)."""
    fail_on: Literal["breaking", "warning"] = "breaking"
    fail_on_breaks: tuple[Breaks, ...] = EVERYONE


def run_diff(options: DiffOptions) -> Report:
    """Read, validate and compare OLD and NEW: the report of ``diff``. Unusable input raises
    ``InputError`` (or ``UsageError`` for options that contradict each other)."""
    if options.embedded and options.kind not in (None, OPENAPI):
        raise UsageError("--embedded compares OpenAPI documents: --kind must be openapi")
    if not options.embedded and options.old is None:
        raise UsageError("diff takes OLD and NEW: OLD missing")
    unknown = set(options.fail_on_breaks) - set(EVERYONE)
    if unknown or not options.fail_on_breaks:
        raise UsageError(f"--fail-on-breaks takes a subset of {','.join(EVERYONE)}")
    limits = size_limits(options.max_size)
    with collector_paused():  # two large acyclic trees are built
        if options.embedded or options.old is None:
            new = read_input("NEW", options.new, options.kind or OPENAPI, limits)
            old = embedded_input("OLD", new)
        else:
            old = read_input("OLD", options.old, options.kind, limits)
            new = read_input("NEW", options.new, options.kind, limits)
        report = diff_report(old, new)
    strict = options.fail_on == "warning"  # its Report.ok is the exit code's verdict
    return replace(report, strict=strict, breaking_for=options.fail_on_breaks)


def diff_exit_code(report: Report, options: DiffOptions) -> ExitCode:
    """1 when an input's finding fails the run, or a change fails it by the options."""
    strict = options.fail_on == "warning"
    verdict = replace(report, strict=strict, breaking_for=options.fail_on_breaks)
    return ExitCode.OK if verdict.ok else ExitCode.FINDINGS


_FAMILIES = {OPENAPI: OPENAPI, "registry-response": "registry", "registry": "registry"}
_FAMILIES["models"] = "models"
_RANK = {"breaking": 0, "warning": 1, "info": 2}
"""Changes are listed worst first, each severity in the order they were found."""


def compared_kind(old: Input, new: Input) -> str:
    """The kind the report names: the inputs' kind, ``registry`` for a response and a data
    object; InputError when the two cannot be compared."""
    for side in (old, new):
        if side.kind not in _FAMILIES:
            raise InputError(f"{side.group.name}: {side.group.description}: nothing to compare")
        if side.kind == "registry-response" and side.valid and _data(side) is None:
            raise InputError(f"{side.group.name}: an error response: no registry to compare")
    if _FAMILIES[old.kind] != _FAMILIES[new.kind]:
        raise InputError(
            f"{old.group.name} ({old.kind}) and {new.group.name} ({new.kind}) are not the "
            "same kind of input: nothing to compare; pass --kind if one was misdetected"
        )
    return old.kind if old.kind == new.kind else _FAMILIES[old.kind]


def changes_between(old: Input, new: Input) -> list[Finding]:
    family = _FAMILIES[old.kind]
    if family == OPENAPI:
        try:
            return diff_documents(old.value, new.value)
        except RecursionError:  # schemas nested thousands deep: valid, but not worth a stack
            raise InputError(f"{new.group.name}: schemas nested too deeply to compare") from None
    if family == "registry":
        return diff_registries(_data(old), _base(old), _data(new), _base(new))
    return diff_model_lists(old.value, new.value)


def diff_report(old: Input, new: Input) -> Report:
    kind = compared_kind(old, new)
    (old, old_ok, old_drift), (new, new_ok, new_drift) = _tolerated(old), _tolerated(new)
    groups = [old.group, new.group]
    skipped = []
    overview: list[str] = []
    if old_ok and new_ok:
        between = f"{old.group.name} → {new.group.name}"
        found = drift_changes(old_drift, new_drift) + changes_between(old, new)
        changes = sorted(found, key=lambda c: _RANK[c.severity])
        groups.append(Group("changes", kind, changes, None, between, True))
        overview = price_moves(changes)
    else:
        invalid = " and ".join(side.role for side, ok in ((old, old_ok), (new, new_ok)) if not ok)
        reason = f"{invalid} not valid: changes found in it could not be trusted"
        skipped.append(Skipped("diff", None, reason))
    extra = {"kind": kind, "old": old.group.name, "new": new.group.name}
    return Report("diff", groups, layout="changes", skipped=skipped, overview=overview, extra=extra)


def _tolerated(side: Input) -> tuple[Input, bool, list[Finding]]:
    """``side`` as compared, whether it can be, and its drift from the strict schema.

    Data (a registry, a ``/v1/models`` list) is compared when the tolerant reader models read
    it, whatever else its validation found (those findings stay its own); its ``schema``
    findings are then drift, taken out of its validation. A document only when valid.
    """
    family = _FAMILIES[side.kind]
    if side.valid or family == OPENAPI or not _reader_reads(family, side):
        return side, side.valid, []
    drift = [f for f in side.group.findings if f.check == "schema"]
    rest = [f for f in side.group.findings if f.check != "schema"]
    return replace(side, group=replace(side.group, findings=rest)), True, drift


def _reader_reads(family: str, side: Input) -> bool:
    from pydantic import ValidationError

    from generated.reader.gateway import ModelList
    from generated.reader.registry import ModelRegistryResponse

    model = ModelRegistryResponse if family == "registry" else ModelList
    try:
        model.model_validate(_data(side))
    except ValidationError:
        return False
    return True


def drift_changes(old: list[Finding], new: list[Finding]) -> list[Finding]:
    """NEW's drift from the strict schema that OLD did not have (the same message at the same
    kind of place, whatever the list indexes): each a ``diff.schema-drift`` change."""

    def key(found: Finding) -> tuple[str, tuple[str | int, ...]]:
        steps = tuple(step for step in found.location or () if isinstance(step, str))
        return found.message, steps

    known = {key(found) for found in old}
    return [
        finding("diff.schema-drift", f"outside the strict schema: {found.message}", found.location)
        for found in new
        if key(found) not in known
    ]


def _base(side: Input) -> Location:
    return ("data",) if side.kind == "registry-response" else ()


def _data(side: Input) -> Any:
    if side.kind != "registry-response":
        return side.value
    return side.value.get("data") if isinstance(side.value, dict) else None
