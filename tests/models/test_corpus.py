"""Replay every counterexample ever found (tests/models/corpus/*.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.models.oracle import json_equal, model_verdict, reference_verdict, round_trip

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.json"))


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("case_file", CORPUS, ids=[p.stem for p in CORPUS])
def test_counterexample(case_file: Path) -> None:
    case: dict[str, Any] = json.loads(case_file.read_text(encoding="utf-8"))
    document, schema, instance = case["document"], case["schema"], case["instance"]
    assert reference_verdict(document, schema, instance) is case["valid"], case["why"]
    assert model_verdict(document, schema, instance, from_json=True) is case["valid"], case["why"]
    assert model_verdict(document, schema, instance, from_json=False) is case["valid"], case["why"]
    if case["valid"]:
        assert json_equal(round_trip(document, schema, json.dumps(instance)), instance)
