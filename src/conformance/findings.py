"""The one record every check produces, whatever its source: schema, semantics, HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
Target = Literal["gateway", "registry", "cross"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one check.

    ``path`` is a JSONPath into the document (``$.data.models[3].id``) or None when the finding
    is about the exchange as a whole (a status code, a timeout). ``line`` and ``column`` are
    1-based positions in the file the document came from, when there is one.
    """

    check: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    target: Target | None = None
    pointer: str | None = None
    reproduce: str | None = None
    acknowledged: bool = field(default=False, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error" and not self.acknowledged
