"""The catalog is the single source of check ids: well-formed, and every id used in the code."""

from __future__ import annotations

import re

from conformance.catalog import CHECKS, COMMANDS, checks_for
from tests.support.paths import REPO

SOURCE = REPO / "src" / "conformance"
LOADER = REPO / "src" / "specload"  # the document checks of the one safe loader


def test_every_catalogued_id_is_emitted_somewhere_in_the_code() -> None:
    code = "\n".join(
        path.read_text("utf-8")
        for path in [*SOURCE.rglob("*.py"), *LOADER.rglob("*.py")]
        if path.name != "catalog.py"
    )
    emitted = set(re.findall(r'finding\(\s*"([a-z.-]+)"', code))
    emitted |= set(re.findall(r'"([a-z]+\.[a-z-]+)"', code)) & set(CHECKS)
    assert set(CHECKS) - emitted == set()


def test_every_id_in_the_code_is_catalogued() -> None:
    code = "\n".join(path.read_text("utf-8") for path in SOURCE.rglob("*.py"))
    used = set(re.findall(r'\bfinding\(\s*"([a-z.-]+)"', code))
    assert used - set(CHECKS) == set()


def test_check_ids_are_stable_kebab_case_with_a_severity() -> None:
    for check in CHECKS.values():
        assert re.fullmatch(r"[a-z]+(\.[a-z]+(-[a-z]+)*)?", check.id)
        assert check.severity in {"error", "warning", "breaking", "info"}
        assert check.description.endswith(".")
        assert set(check.commands) <= set(COMMANDS)


def test_validate_emits_the_document_checks_only() -> None:
    assert {c.family for c in checks_for("validate")} == {"schema", "semantic"}
    assert "semantic.error-status" not in {c.id for c in checks_for("validate")}
