"""The records that sending produces and judging reads: answers, failures, observations.

No I/O here: ``http_client`` fills them, ``send`` collects them per target, ``judge`` reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from conformance.harness.options import Target
from conformance.harness.plan import OperationPlan, PlannedRequest

FailureKind = Literal["timeout", "connect", "connection"]
ACCEPT = "application/json"


@dataclass(frozen=True, slots=True)
class ContentType:
    """A ``Content-Type`` header, parsed once: media type and charset lower-cased."""

    raw: str
    media_type: str
    charset: str | None

    @classmethod
    def parse(cls, raw: str | None) -> ContentType | None:
        if raw is None:
            return None
        media, _, parameters = raw.partition(";")
        charset = None
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip('"').lower()
        return cls(raw, media.strip().lower(), charset)

    @property
    def is_json(self) -> bool:
        return self.media_type == "application/json" or self.media_type.endswith("+json")


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: ContentType | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "content_type", ContentType.parse(self.header("Content-Type")))

    @property
    def raw_type(self) -> str | None:
        """The ``Content-Type`` header as sent, or None."""
        return self.content_type.raw if self.content_type else None

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


class TransportFailure(Exception):
    """No complete answer. ``kind``: connect (never connected), timeout, connection (lost)."""

    def __init__(self, kind: FailureKind, detail: str, *, connected: bool) -> None:
        super().__init__(detail)
        self.kind: FailureKind = kind
        self.detail = detail
        self.connected = connected


@dataclass(frozen=True, slots=True)
class Observation:
    plan: OperationPlan
    request: PlannedRequest
    answer: Answer | None = None
    failure: TransportFailure | None = None

    @property
    def label(self) -> str:
        """``POST /v1/models``: the method sent and the operation's path."""
        return f"{self.request.method} {self.plan.operation.path}"


@dataclass(slots=True)
class TargetRecord:
    target: Target
    observations: list[Observation] = field(default_factory=list)
    not_sent: int = 0
    """Planned requests left out after a transport failure."""

    @property
    def failure(self) -> Observation | None:
        return next((obs for obs in self.observations if obs.failure is not None), None)

    def answered(self, kind: str) -> Iterator[Observation]:
        """The answered requests of one kind: ``declared``, ``head`` or ``undeclared``."""
        return (o for o in self.observations if o.answer is not None and o.request.kind == kind)
