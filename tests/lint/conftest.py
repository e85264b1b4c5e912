"""Lint runs in-process, either in the repository or in a scratch copy of its specs/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import REPO, SPECS
from tests.validate.conftest import Cli, Result, cli

__all__ = ["Cli", "Result", "cli", "in_repo", "workspace"]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of specs/ (documents, examples, baseline) as ./specs; edit freely."""
    shutil.copytree(SPECS, tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "specs"
