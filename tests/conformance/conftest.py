"""Run the real ``helicone-contract conformance`` in-process against real loopback servers."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from conformance.cli import main

# Lean defaults: few repeats, short deadlines, a fixed seed (tests override any of them).
FAST = ("--max-examples", "3", "--timeout", "3", "--seed", "7")


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str

    @property
    def document(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.out)
        return parsed

    def checks(self) -> set[tuple[str, str]]:
        """(check, target) of every finding of a ``--format json`` run."""
        return {(f["check"], f["target"]) for f in self.document["findings"]}


Runner = Callable[..., CliRun]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    def run(*args: str, fast: bool = True) -> CliRun:
        try:
            code = main(["conformance", *(FAST if fast else ()), *args])
        except SystemExit as exit_:  # argparse's own usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


def both(url: str) -> tuple[str, ...]:
    return ("--gateway-url", url, "--registry-url", url)
