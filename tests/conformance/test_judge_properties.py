"""No answer a server can send makes the judge raise: arbitrary statuses, headers and bodies
(valid documents, broken ones with wrong types at every level, error envelopes, bytes that are
not JSON) for both targets give findings and a complete report, never an exception."""

from __future__ import annotations

import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.catalog import CHECKS
from conformance.exit_codes import exit_code_for
from conformance.harness.cross import cross_findings
from conformance.harness.judge import API_FAMILIES, judge
from conformance.harness.options import Target
from conformance.harness.plan import OperationPlan, plan_target
from conformance.harness.records import Answer, Observation, TargetRecord, TransportFailure
from conformance.harness.redaction import Redactor
from conformance.harness.report import build_report
from conformance.reporting import (
    Report,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)
from conformance.server.gateway_list import derive_gateway_list
from tests.checks import own
from tests.conformance.strategies import CONTENT_TYPES, STATUSES, body
from tests.support.mutations import MUTATIONS


@cache
def _plan(name: str) -> OperationPlan:
    (plan,) = plan_target(Target(name, "http://127.0.0.1:9"), seed=1, max_examples=3)
    return plan


@st.composite
def _good(draw: st.DrawFn, name: str) -> Answer:
    """What a correct server sends, or one with a break of the mutation table: answers that
    get through to the semantic and cross-API checks."""
    document = own.registry() if name == "registry" else own.served_gateway()
    rows = [row for row in MUTATIONS if row.serves == name and row.change is not None]
    row = draw(st.sampled_from([None, None, *rows]))
    if row is not None and row.change is not None:
        row.change(document)
    body = json.dumps(document).encode()
    return Answer(200, "OK", (("Content-Type", "application/json"),), body)


def _answer(name: str) -> st.SearchStrategy[Answer]:
    return _good(name) | _any_answer(name)


@st.composite
def _any_answer(draw: st.DrawFn, name: str) -> Answer:
    headers = []
    content_type = draw(CONTENT_TYPES)
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    if draw(st.booleans()):
        headers.append(("Allow", draw(st.sampled_from(["GET", "GET, HEAD", "", "POST"]))))
    content = draw(body(name))
    reason = draw(st.sampled_from(["OK", "", "Nope"]))
    return Answer(draw(STATUSES), reason, tuple(headers), content)


@st.composite
def _record(draw: st.DrawFn, name: str) -> TargetRecord:
    plan = _plan(name)
    record = TargetRecord(plan.target)
    for request in plan.requests[: draw(st.sampled_from([0, 1, 2, 2, 3, 3]))]:
        record.observations.append(Observation(plan, request, answer=draw(_answer(name))))
    for request in plan.probes[: draw(st.integers(0, len(plan.probes)))]:
        record.observations.append(Observation(plan, request, answer=draw(_answer(name))))
    if draw(st.booleans()):
        failure = TransportFailure(
            draw(st.sampled_from(["timeout", "connection"])), "it broke", connected=True
        )
        record.observations.append(Observation(plan, plan.requests[0], failure=failure))
        record.not_sent = draw(st.integers(0, 5))
    return record


@settings(suppress_health_check=list(HealthCheck))
@given(
    records=st.one_of(
        st.tuples(_record("gateway"), _record("registry")),
        st.tuples(_record("gateway"), _record("registry")),
        st.tuples(_record("registry")),
        st.tuples(_record("gateway")),
    )
)
def test_any_answers_give_findings_and_a_whole_report(records: tuple[TargetRecord, ...]) -> None:
    judgement = judge(records)
    names = {record.target.name for record in records} | {"cross"}
    assert all(f.check in CHECKS and f.target in names for f in judgement.findings)
    targets = [record.target for record in records]
    report = build_report(targets, judgement, seed=1, seconds=0.1, redactor=Redactor(["s3cret"]))
    code = exit_code_for(report.findings)
    for render in (render_text, render_github, render_junit, render_sarif):
        assert render(report, code)
    document = json.loads(render_json(report, code))
    assert document["ok"] == (code == 0)
    assert_whole(report, [record.target.name for record in records])


def assert_whole(report: Report, tested: list[str]) -> None:
    """Every family on every tested target has one state, "not run" always with its reason,
    and no finding line is printed twice."""
    states = {(state.target, state.family): state for state in report.families}
    for target in tested:
        assert {f for t, f in states if t == target} == set(API_FAMILIES)
    assert states["cross", "cross"].state in ("passed", "failed", "not run")
    for state in report.families:
        assert (state.state == "not run") == bool(state.reason), state
    lines = [
        line
        for line in render_text(report, exit_code_for(report.findings)).splitlines()
        if not line.startswith("    reproduce: ")
    ]
    assert len(lines) == len(set(lines)), [line for line in lines if lines.count(line) > 1]


@settings(max_examples=200, deadline=None)
@given(
    gateway=st.lists(st.sampled_from("abcd"), max_size=6),
    registry=st.lists(st.sampled_from("abcd"), min_size=1, max_size=6, unique=True),
)
def test_the_cross_api_checks_compare_any_two_id_lists(
    gateway: list[str], registry: list[str]
) -> None:
    """Any two lists of ids (one listing a model twice, one longer than the other): findings,
    never an exception, and none exactly when the lists are equal."""
    document = own.registry()
    models = document["data"]["models"][: len(registry)]
    for model, model_id in zip(models, registry, strict=True):
        model["id"] = model_id
    document["data"]["models"] = models
    derived = {entry["id"]: entry for entry in derive_gateway_list(document)["data"]}
    listed = {
        "object": "list",
        "data": [derived.get(i, {**derived[registry[0]], "id": i}) for i in gateway],
    }
    found = cross_findings(document, listed, "curl")
    assert bool(found) == (gateway != registry)
    assert {f.check for f in found} <= {"cross.models", "cross.order"}
