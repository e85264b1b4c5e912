"""Two validated inputs to one ``diff`` report: the comparison their kind calls for, if any.

Documents are compared with documents, registries with registries (a response and a bare data
object compare by their data), ``/v1/models`` lists with lists. Inputs of different kinds, or
with nothing to compare (an error body), are unusable together: exit 2. When an input is not
valid, the report holds its findings and says the comparison was not run.
"""

from __future__ import annotations

from typing import Any

from conformance.diff.documents import diff_documents
from conformance.diff.gateway import diff_model_lists
from conformance.diff.inputs import OPENAPI, Input
from conformance.diff.registry import diff_registries
from conformance.errors import InputError
from conformance.findings import Finding, Location
from conformance.reporting import Group, Report, Skipped

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
    groups = [old.group, new.group]
    skipped = []
    if old.valid and new.valid:
        between = f"{old.group.name} → {new.group.name}"
        changes = sorted(changes_between(old, new), key=lambda c: _RANK[c.severity])
        groups.append(Group("changes", kind, changes, None, between, True))
    else:
        invalid = " and ".join(side.role for side in (old, new) if not side.valid)
        reason = f"{invalid} not valid: changes found in it could not be trusted"
        skipped.append(Skipped("diff", None, reason))
    extra = {"kind": kind, "old": old.group.name, "new": new.group.name}
    return Report("diff", groups, layout="changes", skipped=skipped, extra=extra)


def _base(side: Input) -> Location:
    return ("data",) if side.kind == "registry-response" else ()


def _data(side: Input) -> Any:
    if side.kind != "registry-response":
        return side.value
    return side.value.get("data") if isinstance(side.value, dict) else None
