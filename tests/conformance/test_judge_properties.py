"""No answer a server can send makes the judge raise: arbitrary statuses, headers and bodies
(valid documents, broken ones with wrong types at every level, error envelopes, bytes that are
not JSON) for both targets give findings and a complete report, never an exception."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.catalog import CHECKS
from conformance.exit_codes import exit_code_for
from conformance.harness.judge import judge
from conformance.harness.options import Target
from conformance.harness.plan import OperationPlan, plan_target
from conformance.harness.redaction import Redactor
from conformance.harness.report import build_report
from conformance.harness.send import Answer, Observation, TargetRecord, TransportFailure
from conformance.reporting import (
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)
from tests.checks import own
from tests.support.json_values import json_values
from tests.support.mutations import MUTATIONS

JSON = json_values(max_text=6, max_items=3, max_leaves=8)
STATUSES = st.just(200) | st.sampled_from([201, 302, 400, 401, 403, 404, 405, 418, 500, 503])
CONTENT_TYPES = st.just("application/json") | st.none() | st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
     "text/html", "text/plain", "", "application/problem+json", ";;=;",
     'application/json; charset="']
) | st.text(max_size=10)  # fmt: skip


@cache
def _plan(name: str) -> OperationPlan:
    (plan,) = plan_target(Target(name, "http://127.0.0.1:9"), seed=1, max_examples=3)
    return plan


@st.composite
def _broken(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with the value at a random place replaced by any JSON value."""
    if draw(st.booleans()):
        return document
    node = document
    for _ in range(draw(st.integers(0, 6))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = draw(st.integers(0, len(node) - 1))
        else:
            break
        if not isinstance(node[key], dict | list) or draw(st.booleans()):
            node[key] = draw(JSON)
            return document
        node = node[key]
    return document


def _body(name: str) -> st.SearchStrategy[bytes]:
    own_document = st.builds(own.registry if name == "registry" else own.served_gateway)
    documents = st.one_of(
        own_document.flatmap(_broken),
        JSON,
        st.builds(lambda e: {"data": None, "error": e}, JSON),
        st.builds(lambda m: {"error": {"message": m}}, JSON),
    )
    return st.one_of(
        documents.map(lambda d: json.dumps(d).encode()),
        st.binary(max_size=20),
        st.sampled_from([b"NaN", b'{"a": 1} x', b"", b"\xff{}"]),
    )


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
    body = draw(_body(name))
    return Answer(draw(STATUSES), draw(st.sampled_from(["OK", "", "Nope"])), tuple(headers), body)


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
