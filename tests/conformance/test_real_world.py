"""What users hit against real servers (an authenticating proxy, a schema mock, hostile
servers): each class of problem shown by a loopback server, and the verdict a person can read."""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any
from unittest.mock import ANY

import pytest

from conformance.harness import engine
from conformance.server import ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json
from tests.conformance.conftest import Runner, both
from tests.support.mutations import BY_NAME, Mutation
from tests.support.servers import start_server


def _registry_change(change: Any) -> Mutation:
    return Mutation("scenario", "schema", "registry", change)


def test_a_200_error_envelope_with_both_targets_is_a_finding_not_a_crash(
    run_cli: Runner,
) -> None:
    with start_server(BY_NAME["error-envelope-with-200"]) as server:
        run = run_cli(*both(server.url), "--format", "json")
    assert run.code == 1
    assert run.checks() == {("semantic.error-status", "registry")}
    (skipped,) = run.document["skipped"]
    assert (skipped["family"], skipped["target"]) == ("cross", "cross")
    assert skipped["reason"] == (
        "the model registry API gave no successful, schema-valid 200 (3x 200, an error envelope)"
    )
    assert "Traceback" not in run.err


def _schema_failure_and_wrong_total(document: dict[str, Any]) -> None:
    models = document["data"]["models"]
    models[3]["inputModalities"][0] = None  # as the upstream example has it
    document["data"]["total"] = 150


def test_a_schema_failure_hides_no_semantic_finding_and_cross_says_it_did_not_run(
    run_cli: Runner,
) -> None:
    with start_server(_registry_change(_schema_failure_and_wrong_total)) as server:
        run = run_cli(*both(server.url), "--format", "json")
        text = run_cli(*both(server.url))
    found = {(f["check"], f["path"]) for f in run.document["findings"]}
    assert found == {
        ("schema", "$.data.models[3].inputModalities[0]"),
        ("registry.total-mismatch", "$.data.total"),
    }
    (skipped,) = run.document["skipped"]
    assert "the model registry API gave no successful, schema-valid 200" in skipped["reason"]
    assert "failed its schema" in skipped["reason"]
    assert "cross: not run: the model registry API gave no" in text.out


def _name_missing_and_id_repeated(document: dict[str, Any]) -> None:
    models = document["data"]["models"]
    del models[7]["name"]
    models[7]["id"] = models[1]["id"]


def test_findings_a_schema_failure_may_explain_are_marked(run_cli: Runner) -> None:
    with start_server(_registry_change(_name_missing_and_id_repeated)) as server:
        run = run_cli("--registry-url", server.url, "--format", "json")
    marked = {f["check"]: f.get("maybe_consequence", False) for f in run.document["findings"]}
    assert marked == {"schema": False, "registry.duplicate-model-id": True}


def _every_price_negative(document: dict[str, Any]) -> None:
    def negate(pricing: dict[str, Any]) -> None:
        for key, value in pricing.items():
            if isinstance(value, dict):
                negate(value)
            elif key != "threshold" and value > 0:
                pricing[key] = -value

    for model in document["data"]["models"]:
        for endpoint in model["endpoints"]:
            negate(endpoint["pricing"])
            for tier in endpoint.get("pricingTiers", []):
                negate(tier)


def test_a_long_list_is_shortened_as_metadata_and_counted_whole(run_cli: Runner) -> None:
    with start_server(_registry_change(_every_price_negative)) as server:
        run = run_cli("--registry-url", server.url, "--format", "json")
        text = run_cli("--registry-url", server.url)
    findings = run.document["findings"]
    assert {f["check"] for f in findings} == {"registry.price-invalid"}
    assert len(findings) == 50
    assert run.document["truncated"] == {"registry.price-invalid": 36}
    assert not any("more" in f["message"] for f in findings)
    assert "1 target checked: 86 errors, 0 warnings;" in run.err
    assert "registry.price-invalid: 36 more not shown" in text.out


def test_a_finding_every_answer_shows_is_reported_once_with_its_count(run_cli: Runner) -> None:
    with start_server(BY_NAME["training-date-only"]) as server:
        run = run_cli("--registry-url", server.url, "--max-examples", "5", "--format", "json")
        text = run_cli("--registry-url", server.url, "--max-examples", "5")
    (found,) = run.document["findings"]
    assert found["seen_in"] == {"answers": 5, "of": 5}
    assert "(in 5 of 5 answers)" in text.out


class NewBodyEachTime(ReferenceApp):
    """The registry's first description carries a counter: every answer differs."""

    def __init__(self) -> None:
        super().__init__()
        self._count = itertools.count()
        self._lock = threading.Lock()

    def registry_body(self) -> bytes:
        with self._lock:
            number = next(self._count)
        document = json.loads(super().registry_body())
        document["data"]["models"][0]["description"] += f" ({number})"
        return encode_json(document)


def test_inconsistent_answers_say_what_differed_and_where_first(run_cli: Runner) -> None:
    with start_server(app=NewBodyEachTime()) as server:
        run = run_cli("--registry-url", server.url, "--max-examples", "4", "--format", "json")
    (found,) = run.document["findings"]
    assert found["check"] == "transport.inconsistent"
    assert found["path"] == "$.data.models[0].description"
    assert found["message"] == (
        "4 identical GET /v1/public/model-registry/models requests got 4 different answers; "
        "answer 2 differs from answer 1 in body first at $.data.models[0].description"
    )
    assert found["seen_in"] == {"answers": 3, "of": 4}


def test_inconsistent_statuses_are_counted(run_cli: Runner) -> None:
    with start_server(BY_NAME["flaky"]) as server:
        run = run_cli("--registry-url", server.url, "--format", "json")
    (found,) = [f for f in run.document["findings"] if f["check"] == "transport.inconsistent"]
    assert "differs from answer 1 in status (200 2x, 503 1x)" in found["message"]
    (failed,) = [f for f in run.document["findings"] if f["check"] == "contract.server-error"]
    assert failed["seen_in"] == {"answers": 1, "of": 3}
    assert failed["message"] == (
        "GET /v1/public/model-registry/models answered 503 Service Unavailable: "
        '"Service Unavailable"'
    )


class AuthRequired(ReferenceApp):
    """The gateway answers 401 without a key, as the LiteLLM proxy does (its own words)."""

    def gateway_response(self) -> Response:
        error = {"message": "Authentication Error, No api key passed in.", "type": "auth_error"}
        return Response(401, encode_json({"error": error}), "application/json")


def test_an_error_status_quotes_the_server_and_hints_at_the_cause(run_cli: Runner) -> None:
    with start_server(app=AuthRequired()) as server:
        run = run_cli("--gateway-url", server.url, "--format", "json")
    (found,) = run.document["findings"]
    assert found["check"] == "contract.status"
    assert found["message"] == (
        'GET /v1/models answered 401 Unauthorized: "Authentication Error, No api key passed in."; '
        "the document declares only 200, 500 "
        "(is an auth header needed? --gateway-header or --header)"
    )
    skipped = [(s["family"], s["reason"]) for s in run.document["skipped"]]
    reason = "no answer got that far (3x 401, not documented)"
    assert skipped == [("schema", reason), ("semantic", reason), ("cross", ANY)]


class Recording(ReferenceApp):
    """Remembers the headers of every request it gets."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def respond(self, request: Request) -> Response:
        with self._lock:
            self.seen.append({name.lower(): value for name, value in request.headers.items()})
        return super().respond(request)


def test_each_header_goes_only_to_its_own_target(run_cli: Runner) -> None:
    gateway, registry = Recording(), Recording()
    with start_server(app=gateway) as gateway_server, start_server(app=registry) as registry_server:
        run = run_cli(
            "--gateway-url", gateway_server.url, "--registry-url", registry_server.url,
            "--header", "X-Both: both-0123456789",
            "--gateway-header", "Authorization: Bearer gw-secret-0123456789",
            "--registry-header", "Authorization: Bearer reg-secret-0123456789",
            "--registry-header", "X-Registry-Only: reg-extra-0123456789",
            "--format", "json",
        )  # fmt: skip
    assert run.code == 0, run.out
    assert gateway.seen
    assert registry.seen
    for seen in gateway.seen:
        assert (seen["x-both"], seen["authorization"]) == (
            "both-0123456789", "Bearer gw-secret-0123456789",
        )  # fmt: skip
        assert "x-registry-only" not in seen
    for seen in registry.seen:
        assert seen["authorization"] == "Bearer reg-secret-0123456789"
        assert (seen["x-both"], seen["x-registry-only"]) == (
            "both-0123456789", "reg-extra-0123456789",
        )  # fmt: skip
    assert {request.get("x-both") for request in gateway.seen + registry.seen} == {
        "both-0123456789"
    }


def test_every_header_value_is_redacted_in_reproductions(run_cli: Runner) -> None:
    with start_server(BY_NAME["undocumented-status"]) as server:
        run = run_cli(
            "--registry-url", server.url,
            "--gateway-header", "X-Gw: gw-secret-0123456789",
            "--registry-header", "Authorization: Bearer reg-secret-0123456789",
            "--format", "json",
        )  # fmt: skip
    (found,) = run.document["findings"]
    assert found["reproduce"].endswith('-H "Authorization: $REGISTRY_AUTHORIZATION"')
    assert "secret" not in run.out + run.err


def test_a_failure_inside_the_tool_is_exit_4_with_one_line_and_json_still_whole(
    run_cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise ZeroDivisionError("a bug, quoting Bearer sk-live-0123456789abcdef")

    monkeypatch.setattr(engine, "judge", broken)
    with start_server() as server:
        run = run_cli("--registry-url", server.url, "--format", "json")
    assert run.code == 4
    assert run.err.count("\n") == 1
    assert run.err.startswith("helicone-contract: internal error: ZeroDivisionError at ")
    assert "sk-live" not in run.out + run.err
    assert (run.document["ok"], run.document["exit_code"]) == (False, 4)
    with start_server() as server:
        github = run_cli("--registry-url", server.url, "--format", "github")
    assert github.code == 4
    assert github.out.splitlines()[-1] == (
        "::error title=could not run (exit 4%3A internal error)::internal error: "
        "ZeroDivisionError (a bug in helicone-contract)"
    )
