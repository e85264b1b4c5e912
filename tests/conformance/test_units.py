"""Small pure parts: base URLs, the rate limit, the progress line, dates, the seeded plan."""

from __future__ import annotations

import io

import pytest

from conformance.errors import UsageError
from conformance.harness.options import (
    ConformanceOptions,
    Target,
    parse_base_url,
    parse_headers,
    resolve,
)
from conformance.harness.plan import PROBED_METHODS, Operation, plan_target
from conformance.harness.records import ContentType
from conformance.harness.send import Pacer
from conformance.reporting.progress import Progress


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://api.helicone.ai/", "https://api.helicone.ai"),
        ("https://ai-gateway.helicone.ai", "https://ai-gateway.helicone.ai"),
        ("http://127.0.0.1:8585/", "http://127.0.0.1:8585"),
        ("http://[::1]:8080/prefix//", "http://[::1]:8080/prefix"),
        ("HTTP://Example.ORG/api/", "http://example.org/api"),
        ("https://bücher.example/a b/", "https://xn--bcher-kva.example/a%20b"),
    ],
)
def test_base_urls_lose_their_trailing_slash(raw: str, expected: str) -> None:
    assert parse_base_url(raw, "--x") == expected


def test_operation_paths_join_base_urls_with_one_slash() -> None:
    target = Target("registry", parse_base_url("https://api.helicone.ai/", "--registry-url"))
    assert target.url_for("/v1/x") == "https://api.helicone.ai/v1/x"
    assert not target.is_loopback
    assert Target("gateway", "http://localhost:1").is_loopback


def test_polite_rate_limit_applies_to_remote_hosts_only() -> None:
    remote, local = Target("gateway", "https://x.example"), Target("gateway", "http://127.0.0.1:1")
    settings = resolve(ConformanceOptions(seed=1))
    assert (settings.rate_for(remote), settings.rate_for(local)) == (5.0, 0.0)
    overridden = resolve(ConformanceOptions(seed=1, rate_limit=0))
    assert overridden.rate_for(remote) == 0.0


def test_pacer_spaces_requests() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(4.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        pacer.wait()
    assert slept == [0.25, 0.25]
    unlimited = Pacer(0.0, clock=lambda: now[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert len(slept) == 2


def test_headers_parse_and_errors_never_show_values() -> None:
    assert parse_headers(["Authorization:  Bearer x "], "--header") == (
        ("Authorization", "Bearer x"),
    )
    with pytest.raises(UsageError) as error:
        parse_headers(["Bearer-secret-token"], "--header")
    assert "secret" not in str(error.value)
    with pytest.raises(UsageError) as error:
        parse_headers(["Authorization: Bearer séc"], "--gateway-header")
    assert str(error.value) == (
        "--gateway-header Authorization: the value must be ASCII (RFC 9110 field value)"
    )


@pytest.mark.parametrize(
    ("raw", "media_type", "charset", "is_json"),
    [
        ("application/json", "application/json", None, True),
        ('Application/JSON; Charset="UTF-8"', "application/json", "utf-8", True),
        ("application/problem+json;charset=latin1", "application/problem+json", "latin1", True),
        ("text/html; charset=utf-8", "text/html", "utf-8", False),
        ("", "", None, False),
    ],
)
def test_content_type_is_parsed_once_into_its_parts(
    raw: str, media_type: str, charset: str | None, is_json: bool
) -> None:
    parsed = ContentType.parse(raw)
    assert parsed is not None
    assert (parsed.media_type, parsed.charset, parsed.is_json) == (media_type, charset, is_json)
    assert ContentType.parse(None) is None


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_appears_only_after_a_second_on_a_terminal() -> None:
    now = [0.0]
    stream = FakeTty()
    progress = Progress(stream, clock=lambda: now[0])
    progress.advance("1/10 requests: gateway GET /v1/models")
    assert stream.getvalue() == ""  # a quick run never shows it
    now[0] = 1.5
    progress.advance("2/10 requests: registry GET /v1/public/model-registry/models")
    assert "conformance, 2s: 2/10 requests: registry" in stream.getvalue()
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[2K")  # the line is erased at the end


def test_no_progress_line_when_not_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: now[0])
    now[0] = 5.0
    progress.advance("x")
    progress.finish()
    assert stream.getvalue() == ""


def test_plan_is_fixed_by_the_seed_and_probes_undeclared_methods() -> None:
    target = Target("gateway", "http://127.0.0.1:9")
    first = plan_target(target, seed=5, max_examples=4)
    again = plan_target(target, seed=5, max_examples=4)
    assert first == again
    (operation,) = first
    assert operation.operation == Operation("GET", "/v1/models")
    assert str(operation.operation) == "GET /v1/models"
    assert [r.url for r in operation.requests] == ["http://127.0.0.1:9/v1/models"] * 4
    assert [(r.method, r.kind) for r in operation.probes] == [
        ("HEAD", "head"),
        *((method, "undeclared") for method in PROBED_METHODS),
    ]
    assert [(r.status, r.kind) for r in operation.responses] == [
        ("200", "models"),
        ("500", "models-error"),
    ]
