"""Replay every counterexample ever found (tests/models/corpus/*.json), for both model packages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.models.oracle import Models, json_equal, round_trip, verdicts

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.json"))


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS) >= 20
    cases = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS]
    # both kinds of reader case are kept: what it reads that the contract refuses, and what
    # it still refuses
    assert any(not c["valid"] and c["reader"] for c in cases)
    assert any(not c["valid"] and not c["reader"] for c in cases)


@pytest.mark.parametrize("models", ["strict", "reader"])
@pytest.mark.parametrize("case_file", CORPUS, ids=[p.stem for p in CORPUS])
def test_counterexample(case_file: Path, models: Models) -> None:
    case: dict[str, Any] = json.loads(case_file.read_text(encoding="utf-8"))
    document, schema, instance = case["document"], case["schema"], case["instance"]
    expected = case["valid"] if models == "strict" else case["reader"]
    assert verdicts(document, schema, instance, models) == {expected}, case["why"]
    if expected:
        dumped = round_trip(document, schema, json.dumps(instance), models)
        assert json_equal(dumped, instance), case["why"]
    if case["valid"]:
        assert case["reader"], "what the strict models accept, the reader must accept"
