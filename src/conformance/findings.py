"""The one record every check produces, whatever its source: a file, an HTTP answer, a diff.

A finding keeps where it is as data: ``location`` is the sequence of keys and indexes inside
the document (``("data", "models", 3, "id")``), ``pointer`` the place of an embedded payload in
an OpenAPI document. Reporters alone render them, as JSONPath and JSON Pointer
(``conformance.jsonpath``); nothing parses a rendered path back.

Findings are made by ``conformance.catalog.finding`` only, so that a check's severity is
written in one place.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal, get_args

from specload import Location

__all__ = [
    "EVERYONE",
    "FAILING",
    "Breaks",
    "ChangeSeverity",
    "CheckSeverity",
    "Finding",
    "Location",
    "Severity",
    "TargetName",
]

CheckSeverity = Literal["error", "warning"]
"""How bad a problem a check found is: an ``error`` fails the run, a ``warning`` with
``--strict``."""
ChangeSeverity = Literal["breaking", "warning", "info"]
"""How bad a change ``diff`` found is: ``breaking`` fails the run, a ``warning`` with
``--fail-on warning``, ``info`` never; it follows from whom the change breaks."""
Severity = CheckSeverity | ChangeSeverity
"""What a finding carries: its check's severity, or its change's."""
FAILING: frozenset[Severity] = frozenset({"error", "breaking"})
Breaks = Literal["implementations", "strict-clients", "tolerant-clients"]
"""Whom a change (diff) breaks: a server that conformed to OLD, a strict model generated from
OLD, a tolerant reader model generated from OLD."""
EVERYONE: tuple[Breaks, ...] = get_args(Breaks)
TargetName = Literal["gateway", "registry", "cross"]
"""What a finding is about: one API, or the pair of them (the cross-API checks)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (or, for ``diff``, one change) found by one check.

    ``location`` is None when the finding is about an exchange or a file as a whole (a status
    code, a timeout); ``()`` is the whole document. ``line`` and ``column`` are 1-based
    positions in the file the document came from, filled in by the step that read the file.
    """

    check: str
    severity: Severity
    message: str
    location: Location | None = None
    line: int | None = None
    column: int | None = None
    target: TargetName | None = None
    pointer: Location | None = None
    reproduce: str | None = None
    acknowledged: bool = field(default=False, compare=False)
    maybe_consequence: bool = field(default=False, compare=False)
    """Found in a document that also failed its schema: possibly a consequence of that failure."""
    seen_in: tuple[int, int] | None = field(default=None, compare=False)
    """(answers that showed it, answers judged), when findings across answers were merged."""
    variants: int = field(default=1, compare=False)
    """How many different messages the merged findings had (a different value per answer)."""
    breaks: tuple[Breaks, ...] = field(default=(), compare=False)
    """For a change (diff): whom it breaks; its check's, so never part of its identity."""

    @property
    def fails(self) -> bool:
        """Fails the run whatever the options: an unacknowledged error or breaking change."""
        return self.severity in FAILING and not self.acknowledged

    def fails_run(self, *, strict: bool, breaking_for: Collection[Breaks] = EVERYONE) -> bool:
        """Fails the run: as ``fails``, or under ``--strict`` an unacknowledged warning too;
        a change that breaks someone only when it breaks one of ``breaking_for``."""
        if self.breaks and not set(self.breaks) & set(breaking_for):
            return False
        return self.fails or (strict and self.severity == "warning" and not self.acknowledged)
