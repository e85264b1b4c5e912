"""Step 2, send: the plan goes out over HTTP (``http_client``); what comes back is recorded.

No judgement here, only observations. Every target is first probed with its first planned
request: if that cannot even connect, the target is unreachable (exit 3) and nothing else is
sent anywhere. After that a transport failure is an observation like any other, and it ends
that target's run: a dead or hanging server costs one timeout, not one per planned request.
Requests to one host are paced (``--rate-limit``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from conformance.errors import TargetUnreachable
from conformance.harness.http_client import HttpClient
from conformance.harness.options import Settings, Target
from conformance.harness.plan import OperationPlan, PlannedRequest
from conformance.harness.records import Observation, TargetRecord, TransportFailure

Advance = Callable[[str], None]
"""Called before each request with what is being sent (the progress line)."""
PlannedRequestOf = tuple[OperationPlan, PlannedRequest]


def send_plans(
    plans: Sequence[OperationPlan],
    settings: Settings,
    targets: Sequence[Target],
    advance: Advance,
) -> list[TargetRecord]:
    """Every planned request, sent: the probes first, then each target's plan in order."""
    by_target: dict[Target, list[PlannedRequestOf]] = {}
    for plan in plans:
        queue = by_target.setdefault(plan.target, [])
        queue += [(plan, request) for request in plan.all_requests]
    pacers = _pacers(settings, targets)
    client = HttpClient(settings.timeout)
    records = {target: TargetRecord(target) for target in by_target}
    try:
        for target, queue in by_target.items():
            plan, request = queue[0]
            observation = _send(plan, request, client, pacers[target], advance)
            failure = observation.failure
            if failure is not None and not failure.connected:
                raise TargetUnreachable(f"{target.name} API at {target.base_url}: {failure.detail}")
            records[target].observations.append(observation)
        for target, queue in by_target.items():
            record = records[target]
            for index, (plan, request) in enumerate(queue[1:], start=1):
                if record.failure is not None:
                    record.not_sent = len(queue) - index
                    break
                record.observations.append(_send(plan, request, client, pacers[target], advance))
    finally:
        client.close()
    return list(records.values())


def _send(
    plan: OperationPlan, request: PlannedRequest, client: HttpClient, pacer: Pacer, advance: Advance
) -> Observation:
    pacer.wait()
    advance(f"{plan.target.name} {request.method} {plan.operation.path}")
    try:
        return Observation(plan, request, answer=client.send(request, plan.target.headers))
    except TransportFailure as failure:
        return Observation(plan, request, failure=failure)


def planned_total(plans: Sequence[OperationPlan]) -> int:
    return sum(len(plan.all_requests) for plan in plans)


def _pacers(settings: Settings, targets: Sequence[Target]) -> dict[Target, Pacer]:
    """One pacer per host: two APIs on one host share its rate limit."""
    by_host: dict[str, Pacer] = {}
    return {
        target: by_host.setdefault(target.host, Pacer(settings.rate_for(target)))
        for target in targets
    }


class Pacer:
    """At most N requests per second, none when N is 0."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval
