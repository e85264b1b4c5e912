"""Every check is caught by a server variant that breaks exactly that one thing.

Each row: the variant, which API(s) to point the harness at, and the complete set of
(check, target) the run must report, nothing more and nothing less.
"""

from __future__ import annotations

from typing import Any

import pytest

from conformance.harness.catalog import HARNESS_CHECKS
from tests.conformance import variants
from tests.conformance.conftest import Runner
from tests.support import faults
from tests.support.servers import start_server

GW, REG, BOTH = ("gateway",), ("registry",), ("gateway", "registry")


def case(variant: Any, targets: tuple[str, ...], *found: str, code: int = 1, **options: Any) -> Any:
    """``found``: "check@target" for every finding the run must report, and no other."""
    variant = faults.VARIANTS[variant] if isinstance(variant, str) else variant
    expected = {tuple(item.split("@")) for item in found}
    name = getattr(variant, "name", variant.__name__)
    return pytest.param(variant, options, targets, expected, code, id=name)


CASES = [
    case("invalid-input-modality", REG, "schema@registry"),
    case("extra-model-key", REG, "schema@registry"),
    case("number-as-string", REG, "schema@registry"),
    case("gateway-wrong-object-type", GW, "schema@gateway"),
    case("total-wrong", REG, "registry.total-mismatch@registry"),
    case("duplicate-model-id", REG, "registry.duplicate-model-id@registry"),
    case("authors-unsorted", REG, "registry.authors-unsorted@registry"),
    case("author-missing", REG, "registry.authors-mismatch@registry"),
    case("provider-missing", REG, "registry.providers-mismatch@registry"),
    case("capability-unbacked", REG, "registry.capability-unsupported@registry"),
    case("negative-price", REG, "registry.price-invalid@registry"),
    case("training-date-only", REG, "registry.training-date-format@registry", code=0),
    case("gateway-missing-model", BOTH, "cross.models@cross"),
    case("gateway-owner-differs", BOTH, "cross.owned-by@cross"),
    case("gateway-created-differs", BOTH, "cross.created@cross"),
    case("gateway-order-differs", BOTH, "cross.order@cross"),
    case("html-content-type", REG, "contract.media-type@registry"),
    case("missing-content-type", GW, "contract.media-type@gateway"),
    case("nan-token", REG, "contract.json@registry"),
    case("trailing-garbage", GW, "contract.json@gateway"),
    case("invalid-utf8", REG, "contract.json@registry"),
    case("undocumented-status", REG, "contract.status@registry"),
    case("redirect", GW, "contract.status@gateway"),
    case("gateway-server-error", GW, "contract.server-error@gateway"),
    case("dies-after", REG, "transport.connection@registry", requests=2),
    case("any-method-answered", REG, "hygiene.method@registry", code=0),
    case("registry-without-charset", REG, "hygiene.charset@registry", code=0),
    case("gateway-without-charset", GW, "hygiene.charset@gateway", code=0),
    case("no-allow-header", REG, "hygiene.allow@registry", code=0),
    # A flaky 503 is a finding twice over: a server error, and an answer that changed.
    case("flaky", REG, "contract.server-error@registry", "transport.inconsistent@registry"),
    case(variants.AlternatingDescription, REG, "transport.inconsistent@registry"),
    case(variants.ErrorEnvelopeWith200, REG, "semantic.error-status@registry"),
    # 501, and Express's 404 to TRACE, are hygiene: the contract is not broken.
    case(variants.UnknownMethodsLikeExpress, REG, "hygiene.method@registry", code=0),
]


@pytest.mark.parametrize(("variant", "options", "targets", "expected", "code"), CASES)
def test_variant_breaks_exactly_its_check(
    run_cli: Runner,
    variant: Any,
    options: dict[str, Any],
    targets: tuple[str, ...],
    expected: set[tuple[str, str]],
    code: int,
) -> None:
    with start_server(variant, **options) as server:
        flags = [arg for name in targets for arg in (f"--{name}-url", server.url)]
        run = run_cli(*flags, "--format", "json")
    assert run.checks() == expected, run.out
    assert run.code == code


def test_slow_server_is_a_timeout_finding_not_unreachable(run_cli: Runner) -> None:
    with start_server(faults.VARIANTS["slow"], delay=30.0) as server:
        run = run_cli("--registry-url", server.url, "--timeout", "0.3", "--format", "json")
    assert run.code == 1
    assert run.checks() == {("transport.timeout", "registry")}
    (timeout,) = run.document["findings"]
    assert "within 0.3s" in timeout["message"]


def test_every_harness_check_is_proven_by_a_row_above() -> None:
    covered = {check for param in CASES for check, _ in param.values[3]} | {"transport.timeout"}
    assert set(HARNESS_CHECKS) <= covered
