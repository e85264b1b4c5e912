"""The catalog is the single source of check ids: complete, used, and the docs table matches."""

from __future__ import annotations

import re

from conformance.checks.catalog import CHECKS, markdown_table
from tests.checks.breakers import BREAKERS
from tests.support.paths import REPO

SOURCE = REPO / "src" / "conformance"


def test_every_validate_check_has_a_breaker() -> None:
    validate_checks = {c.id for c in CHECKS.values() if c.scope != "lint"}
    assert set(BREAKERS) == validate_checks


def test_every_catalogued_id_is_emitted_somewhere_in_the_code() -> None:
    code = "\n".join(
        path.read_text("utf-8") for path in SOURCE.rglob("*.py") if path.name != "catalog.py"
    )
    emitted = set(re.findall(r'finding\(\s*"([a-z.-]+)"', code))
    emitted |= set(re.findall(r'"([a-z]+\.[a-z-]+)"', code)) & set(CHECKS)
    assert set(CHECKS) - emitted == set()


def test_docs_table_is_generated_from_the_catalog() -> None:
    doc = (REPO / "docs" / "checks-validate.md").read_text("utf-8")
    assert markdown_table() in doc


def test_check_ids_are_stable_kebab_case_with_a_severity() -> None:
    for check in CHECKS.values():
        assert re.fullmatch(r"[a-z]+(\.[a-z]+(-[a-z]+)*)?", check.id)
        assert check.severity in {"error", "warning"}
        assert check.description.endswith(".")
