"""Send the plan and record what came back: no judgement here, only observations.

Every target is first probed with its first planned request: if that cannot even connect, the
target is unreachable (exit 3) and nothing else is sent anywhere. After that a transport failure
is an observation like any other, and it ends that target's run: a dead or hanging server costs
one timeout, not one per planned request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from conformance.errors import TargetUnreachable
from conformance.harness.http import Answer, HttpClient, TransportFailure
from conformance.harness.pacing import Pacer
from conformance.harness.plan import OperationPlan, PlannedRequest
from conformance.harness.targets import Target


@dataclass(frozen=True, slots=True)
class Observation:
    plan: OperationPlan
    request: PlannedRequest
    answer: Answer | None = None
    failure: TransportFailure | None = None


@dataclass(slots=True)
class TargetRecord:
    target: Target
    observations: list[Observation] = field(default_factory=list)
    skipped: int = 0  # planned requests not sent after a transport failure

    @property
    def failure(self) -> Observation | None:
        return next((obs for obs in self.observations if obs.failure is not None), None)


Advance = Callable[[str], None]


def execute(
    plans: Sequence[OperationPlan],
    client: HttpClient,
    pacers: dict[Target, Pacer],
    advance: Advance,
) -> list[TargetRecord]:
    by_target: dict[Target, list[OperationPlan]] = {}
    for plan in plans:
        by_target.setdefault(plan.target, []).append(plan)
    records = {target: TargetRecord(target) for target in by_target}
    for target, target_plans in by_target.items():
        first = target_plans[0]
        records[target].observations.append(
            _probe(first, first.requests[0], client, pacers[target], advance)
        )
    for target, target_plans in by_target.items():
        _run_target(records[target], target_plans, client, pacers[target], advance)
    return list(records.values())


def _probe(
    plan: OperationPlan, request: PlannedRequest, client: HttpClient, pacer: Pacer, advance: Advance
) -> Observation:
    observation = _send(plan, request, client, pacer, advance)
    failure = observation.failure
    if failure is not None and not failure.connected:
        raise TargetUnreachable(
            f"{plan.target.name} API at {plan.target.base_url}: {failure.detail}"
        )
    return observation


def _run_target(
    record: TargetRecord,
    plans: list[OperationPlan],
    client: HttpClient,
    pacer: Pacer,
    advance: Advance,
) -> None:
    queue = [(plan, request) for plan in plans for request in (*plan.requests, *plan.undeclared)]
    queue = queue[1:]  # the probe already sent the first one
    if record.failure is not None:
        record.skipped = len(queue)
        return
    for index, (plan, request) in enumerate(queue):
        observation = _send(plan, request, client, pacer, advance)
        record.observations.append(observation)
        if observation.failure is not None:
            record.skipped = len(queue) - index - 1
            return


def _send(
    plan: OperationPlan, request: PlannedRequest, client: HttpClient, pacer: Pacer, advance: Advance
) -> Observation:
    pacer.wait()
    advance(f"{plan.target.name} {request.method} {plan.label.split(' ', 1)[1]}")
    try:
        return Observation(plan, request, answer=client.send(request))
    except TransportFailure as failure:
        return Observation(plan, request, failure=failure)


def planned_total(plans: Sequence[OperationPlan]) -> int:
    return sum(len(plan.requests) + len(plan.undeclared) for plan in plans)
