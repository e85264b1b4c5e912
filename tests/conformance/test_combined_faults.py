"""Whole runs against servers that break several rules at once, on both APIs, over real HTTP.

A user meets the harness on whole runs, so its invariant is proven there: whatever two or three
rows of the mutation table a server combines, with drawn statuses, media types, headers and
bodies on top, and whether its answers stay the same or change from request to request, the
run ends with a complete report in every format and exit 0 or 1: never 4 (a crash), never a
line printed twice, never a family shown as passing that did not run, never the cross-API
checks comparing answers that their own repeats contradict.
"""

from __future__ import annotations

import contextlib
import copy
import io
import itertools
import json
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.cli import main
from conformance.server import ReferenceApp, Request, Response
from tests.conformance.strategies import STATUSES, body
from tests.support.mutations import MUTATIONS, Mutation
from tests.support.servers import PATHS, start_server

# Rows that need options of their own (a short --timeout) cost seconds each: left out here,
# they are proven alone in test_every_check.
ROWS = [row for row in MUTATIONS if not row.arguments]
API_NAMES = ("gateway", "registry")
SAFE_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    # The harness plans its requests with a Hypothesis run of its own, inside this one.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.nested_given],
)


@dataclass(frozen=True)
class Override:
    """An answer drawn to replace what the server would send (on one API's path)."""

    status: int
    content_type: str | None
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self) -> Response:
        return Response(self.status, self.body, self.content_type, self.headers)


def overrides(api: str) -> st.SearchStrategy[Override]:
    content_types = st.none() | st.sampled_from(
        ["application/json", "application/json; charset=latin-1", "text/html", ""]
    ) | SAFE_TEXT  # fmt: skip
    headers = st.lists(
        st.tuples(st.sampled_from(["Allow", "X-Extra", "Cache-Control"]), SAFE_TEXT), max_size=2
    )
    return st.builds(Override, STATUSES, content_types, headers.map(tuple), body(api))


class CombinedApp(ReferenceApp):
    """The reference server with several mutations at once, and drawn answers on top: each
    API's answers come from its ``answers`` in turn (None: what the mutated server sends)."""

    def __init__(
        self, rows: Sequence[Mutation], answers: dict[str, Sequence[Override | None]]
    ) -> None:
        self.rows = rows
        self.rewrites = [(row.serves, row.rewrite()) for row in rows if row.rewrite is not None]
        self.answers = answers
        self.turns = {api: itertools.count() for api in API_NAMES}
        self.lock = threading.Lock()
        super().__init__()

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        return self._changed(document, "registry")

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        return self._changed(document, "gateway")

    def _changed(self, document: dict[str, Any], api: str) -> dict[str, Any]:
        document = copy.deepcopy(document)
        for row in self.rows:
            if row.serves == api and row.change is not None:
                # A change another one made impossible (the entry it edits is gone) is skipped.
                with contextlib.suppress(LookupError, TypeError, AttributeError):
                    row.change(document)
        return document

    def respond(self, request: Request) -> Response:
        response = super().respond(request)
        for api, rewrite in self.rewrites:
            if request.path == PATHS[api]:
                with contextlib.suppress(Exception):  # a rewrite whose input another changed
                    response = rewrite(self, request, response)
        for api, answers in self.answers.items():
            if request.path == PATHS[api] and answers:
                with self.lock:
                    turn = next(self.turns[api])
                chosen = answers[turn % len(answers)]
                if chosen is not None:
                    response = chosen.response()
        return response


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str
    junit: str
    sarif: str


def run(app: ReferenceApp, *extra: str) -> Outcome:
    """The whole CLI, in-process, against ``app`` on a loopback port: JSON on stdout, JUnit
    and SARIF files beside it."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder, start_server(app=app) as server:
        junit, sarif = Path(folder, "r.xml"), Path(folder, "r.sarif")
        arguments = ["conformance", "--gateway-url", server.url, "--registry-url", server.url]
        arguments += ["--max-examples", "3", "--timeout", "3", "--seed", "1", *extra]
        arguments += ["--junit-xml", str(junit), "--sarif", str(sarif)]
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(arguments)
        written = [path.read_text() if path.exists() else "" for path in (junit, sarif)]
        return Outcome(code, stdout.getvalue(), stderr.getvalue(), *written)


def assert_complete(outcome: Outcome, fmt: str) -> None:
    assert outcome.code in (0, 1), outcome.err
    assert "Traceback" not in outcome.err
    ET.fromstring(outcome.junit)  # a whole XML document
    sarif = json.loads(outcome.sarif)
    assert sarif["runs"][0]["invocations"][0]["exitCode"] == outcome.code
    if fmt == "json":
        document = json.loads(outcome.out)
        assert document["ok"] == (outcome.code == 0)
        states = {(s["target"], s["family"]): s for s in document["families"]}
        assert {t for t, _ in states} == {"gateway", "registry", "cross"}
        for state in states.values():
            assert (state["state"] == "not run") == bool(state["reason"])
        inconsistent = {
            f["target"] for f in document["findings"] if f["check"] == "transport.inconsistent"
        }
        if inconsistent:  # one request per operation: its repeats are the only candidates
            assert states["cross", "cross"]["state"] == "not run"
    else:
        lines = [line for line in outcome.out.splitlines() if "reproduce: " not in line]
        assert len(lines) == len(set(lines)), "a line printed twice"
        assert (
            outcome.out.splitlines()[-1]
            .rstrip()
            .endswith(("no failing finding", "(--strict)", "failing findings"))
        )


@EXAMPLES
@given(
    rows=st.lists(st.sampled_from(ROWS), min_size=2, max_size=3, unique_by=lambda r: r.name),
    answers=st.fixed_dictionaries(
        {api: st.lists(st.none() | overrides(api), max_size=1) for api in API_NAMES}
    ),
    fmt=st.sampled_from(["json", "text", "github"]),
    strict=st.booleans(),
)
def test_combined_faults_on_both_apis_give_a_complete_report(
    rows: list[Mutation], answers: dict[str, list[Override | None]], fmt: str, strict: bool
) -> None:
    outcome = run(CombinedApp(rows, answers), "--format", fmt, *(["--strict"] if strict else []))
    assert_complete(outcome, fmt)


@EXAMPLES
@given(
    rows=st.lists(st.sampled_from(ROWS), max_size=2, unique_by=lambda r: r.name),
    answers=st.fixed_dictionaries(
        {api: st.lists(st.none() | overrides(api), min_size=2, max_size=4) for api in API_NAMES}
    ),
    fmt=st.sampled_from(["json", "text", "github"]),
)
def test_a_server_whose_answers_change_gives_a_complete_report(
    rows: list[Mutation], answers: dict[str, list[Override | None]], fmt: str
) -> None:
    outcome = run(CombinedApp(rows, answers), "--format", fmt)
    assert_complete(outcome, fmt)


def test_a_gateway_listing_a_model_twice_beside_its_registry_is_a_finding() -> None:
    """The crash class of the cross-API order check: two id lists that differ in length only."""

    def twice(document: Any) -> None:
        document["data"].append(dict(document["data"][-1]))

    row = Mutation("gateway-lists-one-model-twice", "cross.order", "gateway", twice)
    outcome = run(CombinedApp([row], {}), "--format", "json")
    assert outcome.code == 1, outcome.err
    checks = {(f["check"], f["target"]) for f in json.loads(outcome.out)["findings"]}
    assert checks == {("models.duplicate-id", "gateway"), ("cross.order", "cross")}
