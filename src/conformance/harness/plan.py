"""What the harness will send: plain data, built by ``driver`` and consumed by ``runner``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from conformance.harness.targets import Target

RequestKind = Literal["declared", "undeclared"]


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    """One HTTP request, fully serialised; equal requests must get equal answers."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    kind: RequestKind = "declared"


@dataclass(frozen=True, slots=True)
class DocumentedResponse:
    status: str  # "200", "500", "5XX" or "default", as the document spells it
    media_types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OperationPlan:
    target: Target
    label: str  # "GET /v1/models"
    responses: tuple[DocumentedResponse, ...]
    requests: tuple[PlannedRequest, ...]  # generated cases, repeated up to --max-examples
    undeclared: tuple[PlannedRequest, ...] = field(default=())

    def documented(self, status: int) -> DocumentedResponse | None:
        """The response the document declares for ``status`` (exact, then NXX, then default)."""
        by_code = {response.status.upper(): response for response in self.responses}
        return (
            by_code.get(str(status)) or by_code.get(f"{str(status)[0]}XX") or by_code.get("DEFAULT")
        )

    @property
    def documented_statuses(self) -> str:
        return ", ".join(response.status for response in self.responses)
