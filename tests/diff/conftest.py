"""A working directory holding the inputs the CLI tests compare, under stable names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.diff.cases import DOCUMENT_CASES, REGISTRY_CASES, pair
from tests.support.paths import SPECS
from tests.validate.conftest import cli  # noqa: F401  # the in-process CLI fixture

REGISTRY_EDITS = ("model removed", "price 10x", "context length changed")
DOCUMENT_EDITS = ("enum value added", "optional property added where additionalProperties: false",
                  "operation description changed")  # fmt: skip


def _write(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2), "utf-8")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``old.json``/``new.json``: the default registry, and it with a model removed, a price
    10x and a context length changed; ``old.yaml``/``new.yaml``: the registry document, and it
    with an enum value, a property and a description changed; and the specs themselves."""
    cases = {case.name: case for case in REGISTRY_CASES}
    old, new = pair(cases[REGISTRY_EDITS[0]])
    for name in REGISTRY_EDITS[1:]:
        cases[name].change(new)
    _write(tmp_path / "old.json", old)
    _write(tmp_path / "new.json", new)
    documents = {case.name: case for case in DOCUMENT_CASES}
    old_doc, new_doc = pair(documents[DOCUMENT_EDITS[0]])
    for name in DOCUMENT_EDITS[1:]:
        documents[name].change(new_doc)
    _write(tmp_path / "old.yaml", old_doc)  # JSON is YAML
    _write(tmp_path / "new.yaml", new_doc)
    for spec in SPECS.glob("*.openapi.yaml"):
        shutil.copy(spec, tmp_path / spec.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path
