"""Which checks a run reports: ``--checks`` / ``--exclude-checks``, families or check ids.

Names are those of the catalog (``schema``, ``semantic``, ``cross.order``, ...), comma-separated
or repeated, as schemathesis takes its own. A family none of whose checks is selected is
reported as not run, with the option that left it out as the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.catalog import CONFORMANCE_FAMILIES, Family, checks_for
from conformance.errors import UsageError

_CHECKS = {check.id: check.family for check in checks_for("conformance")}


@dataclass(frozen=True, slots=True)
class Selection:
    selected: frozenset[str]
    """The check ids that run."""
    chosen: frozenset[str] = frozenset(_CHECKS)
    """The check ids ``--checks`` chose (every one when it named nothing)."""

    @classmethod
    def of(cls, checks: Iterable[str] = (), excluded: Iterable[str] = ()) -> Selection:
        chosen = _expand(checks, "--checks")
        dropped = _expand(excluded, "--exclude-checks")
        base = chosen if chosen else frozenset(_CHECKS)
        return cls(base - dropped, base)

    def runs(self, check_id: str) -> bool:
        return check_id in self.selected

    def left_out(self, family: Family) -> str | None:
        """Why no check of ``family`` runs, or None when at least one does."""
        if any(_CHECKS[c] == family for c in self.selected):
            return None
        if not any(_CHECKS[c] == family for c in self.chosen):
            return "not selected by --checks"
        return "excluded by --exclude-checks"


def _expand(names: Iterable[str], flag: str) -> frozenset[str]:
    """Check ids named, directly or by family; an unknown name is a UsageError."""
    ids: set[str] = set()
    for item in names:
        for name in (part.strip() for part in item.split(",")):
            if not name:
                continue
            if name in CONFORMANCE_FAMILIES:
                ids |= {check for check, family in _CHECKS.items() if family == name}
            elif name in _CHECKS:
                ids.add(name)
            else:
                known = ", ".join(CONFORMANCE_FAMILIES)
                raise UsageError(f"{flag} {name!r}: not a check family ({known}) or check id")
    return frozenset(ids)
