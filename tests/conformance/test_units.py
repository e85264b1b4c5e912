"""Small pure parts: base URLs, the rate limit, the progress line, dates, the seeded plan."""

from __future__ import annotations

import io

import pytest

from conformance.errors import UsageError
from conformance.harness.cross import FALLBACK_CREATED, expected_created
from conformance.harness.driver import PROBED_METHODS, plan_target
from conformance.harness.options import HarnessOptions, parse_headers
from conformance.harness.pacing import Pacer
from conformance.harness.progress import Progress
from conformance.harness.targets import Target, parse_base_url


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
    options = HarnessOptions(targets=(remote, local), seed=1)
    assert (options.rate_for(remote), options.rate_for(local)) == (5.0, 0.0)
    overridden = HarnessOptions(targets=(remote,), seed=1, rate_limit=0)
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
    assert parse_headers(["Authorization:  Bearer x "]) == (("Authorization", "Bearer x"),)
    with pytest.raises(UsageError) as error:
        parse_headers(["Bearer-secret-token"])
    assert "secret" not in str(error.value)
    with pytest.raises(UsageError) as error:
        parse_headers(["Authorization: Bearer séc"])
    assert (
        str(error.value) == "--header Authorization: the value must be ASCII (RFC 9110 field value)"
    )


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_appears_only_after_a_second_on_a_terminal() -> None:
    now = [0.0]
    stream = FakeTty()
    progress = Progress(stream, clock=lambda: now[0])
    progress.start(10)
    progress.advance("gateway GET /v1/models")
    assert stream.getvalue() == ""  # a quick run never shows it
    now[0] = 1.5
    progress.advance("registry GET /v1/public/model-registry/models")
    assert "conformance: 2/10 requests" in stream.getvalue()
    progress.finish()
    assert stream.getvalue().endswith("\r\x1b[2K")  # the line is erased at the end


def test_no_progress_line_when_not_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: now[0])
    progress.start(2)
    now[0] = 5.0
    progress.advance("x")
    progress.finish()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("training_date", "expected"),
    [
        ("2025-08-05T00:00:00.000Z", 1754352000),
        ("2025-06-17T07:12:24", 1750144344),  # no offset: UTC, as the real gateway ran
        ("2025-08-05", 1754352000),
        (None, FALLBACK_CREATED),
        ("not a date", None),
    ],
)
def test_created_is_training_date_in_unix_seconds(
    training_date: str | None, expected: int | None
) -> None:
    assert expected_created(training_date) == expected


def test_plan_is_fixed_by_the_seed_and_probes_undeclared_methods() -> None:
    target = Target("gateway", "http://127.0.0.1:9")
    first = plan_target(target, seed=5, max_examples=4)
    again = plan_target(target, seed=5, max_examples=4)
    assert first == again
    (operation,) = first
    assert operation.label == "GET /v1/models"
    assert [r.url for r in operation.requests] == ["http://127.0.0.1:9/v1/models"] * 4
    assert [r.method for r in operation.undeclared] == list(PROBED_METHODS)
    assert [r.status for r in operation.responses] == ["200", "500"]


def test_checks_table_in_the_docs_is_the_catalog() -> None:
    from conformance.harness.catalog import markdown_table
    from tests.support.paths import REPO

    assert markdown_table() in (REPO / "docs" / "checks-conformance.md").read_text()
