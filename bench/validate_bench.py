"""`validate` against a bare parse, check-jsonschema and the jsonschema reference validator.

Every contender runs as its own process on the same file (start-up included, as a user sees
it). The contenders run in turn, round after round (A B C D, A B C D, ...), so that a load
that comes and goes on the machine weighs on all of them alike; each ratio is the median of
the per-round ratios, each time the median of its runs. Targets:

- 5,000-model registry (~13 MB from the tool's own registry; ~21 MB from the real one):
  validate <= 1.0x bare json.load, on each of the two
- real registry file: validate < 0.5x check-jsonschema

The 5,000-model registry is always built from the tool's default registry (what a clone has),
and also from the real registry where the real data lies beside the checkout (said in the
output when it does not). The built files are written to a temporary directory, never kept.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generated.schemas import REGISTRY_SCHEMA

REPO = Path(__file__).resolve().parents[1]
REAL_REGISTRY = REPO.parent / "shared" / "data" / "helicone-67df07b8" / "registry-response.json"
OWN_REGISTRY = REPO / "src" / "conformance" / "server" / "default_registry.json"
SCALED_MODELS = 5000
RUNS = 3
"""Runs of ``measure`` (best of), for the benchmarks comparing one pair of processes once."""
ROUNDS = 9
"""Rounds of the validate bench: each runs every contender once, in the same order."""
SLOW_SECONDS = 5.0
"""A contender slower than this in its first run is not run again (the reference validator)."""

BARE = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"
REFERENCE = (
    "import json, sys, jsonschema; schema = json.load(open(sys.argv[1]));"
    "errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))));"
    "sys.exit(1 if errors else 0)"
)


@dataclass(frozen=True)
class Timing:
    seconds: float
    exit_code: int


def build_scaled(source: Path, target: Path, count: int = SCALED_MODELS) -> None:
    """The registry ``source`` with its models repeated under new ids, still semantically
    valid: same providers, authors and capabilities, so only ``total`` changes."""
    document = json.loads(source.read_bytes())
    originals = document["data"]["models"]
    models = []
    for index in range(count):
        model = dict(originals[index % len(originals)])
        copy = index // len(originals)
        if copy:
            model["id"] = f"{model['id']}-copy{copy}"
        models.append(model)
    document["data"]["models"] = models
    document["data"]["total"] = count
    # Serialised like the real body (JSON.stringify): compact, UTF-8, no ASCII escapes.
    target.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False), "utf-8")


def schema_file(directory: Path) -> Path:
    path = directory / "registry-response.schema.json"
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "$ref": "#/definitions/ModelRegistryResult",
        **REGISTRY_SCHEMA,
    }
    path.write_text(json.dumps(schema), "utf-8")
    return path


def _tool(name: str) -> list[str]:
    beside = Path(sys.executable).parent / name
    found = beside if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"bench: {name} is not installed")
    return [str(found)]


ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}
"""Every contender runs as on a user's machine: with its bytecode cached (the standard
library's already is), not compiled from source at each start."""


def _run(command: list[str]) -> Timing:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
    return Timing(time.perf_counter() - start, completed.returncode)


def measure(command: list[str]) -> Timing:
    """The best of ``RUNS`` runs of one process (fewer when the first is slow)."""
    best = _run(command)
    for _ in range(RUNS - 1):
        if best.seconds > SLOW_SECONDS:
            break
        best = min(best, _run(command), key=lambda timing: timing.seconds)
    return best


@dataclass(frozen=True)
class Rounds:
    """The contenders' runs, round by round; a contender too slow to repeat has one run."""

    runs: dict[str, list[Timing]]

    def seconds(self, name: str) -> Timing:
        timings = self.runs[name]
        return Timing(statistics.median(t.seconds for t in timings), timings[-1].exit_code)

    def ratio(self, name: str, other: str) -> float:
        """The median, over the rounds both ran in, of ``name``'s time over ``other``'s."""
        pairs = zip(self.runs[name], self.runs[other], strict=False)
        return statistics.median(mine.seconds / theirs.seconds for mine, theirs in pairs)


def in_rounds(commands: dict[str, list[str]], rounds: int = ROUNDS) -> Rounds:
    """Every command once per round, in the given order, for ``rounds`` rounds, after a run of
    each not counted (it warms the file cache and writes the bytecode cache). A command slower
    than ``SLOW_SECONDS`` in that run is not run again: that run is its only one."""
    runs: dict[str, list[Timing]] = {name: [] for name in commands}
    for name, command in commands.items():
        first = _run(command)
        if first.seconds > SLOW_SECONDS:
            runs[name].append(first)
    repeated = {name: command for name, command in commands.items() if not runs[name]}
    for _ in range(rounds):
        for name, command in repeated.items():
            runs[name].append(_run(command))
    return Rounds(runs)


NAMES = ("json.load", "validate", "check-jsonschema", "jsonschema")


def contenders(
    document: Path, schema: Path, names: tuple[str, ...] = NAMES
) -> dict[str, list[str]]:
    commands = {
        "json.load": [sys.executable, "-c", BARE, str(document)],
        "validate": [*_tool("helicone-contract"), "validate", str(document)],
        "check-jsonschema": [
            *_tool("check-jsonschema"),
            "--schemafile",
            str(schema),
            str(document),
        ],
        "jsonschema": [sys.executable, "-c", REFERENCE, str(schema), str(document)],
    }
    return {name: commands[name] for name in names}


def build_broken(source: Path, target: Path) -> None:
    """The scaled registry with one schema error in every model: the explain-and-locate path."""
    document = json.loads(source.read_bytes())
    for model in document["data"]["models"]:
        model["inputModalities"] = [*model["inputModalities"], None]
    target.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False), "utf-8")


def _cell(rounds: Rounds, name: str) -> str:
    if name not in rounds.runs:
        return f"{'-':>10}"
    timing = rounds.seconds(name)
    return f"{timing.seconds:>9.3f}s{'' if timing.exit_code == 0 else '!'}"


def _ratio(rounds: Rounds, other: str) -> str:
    if other not in rounds.runs:
        return f"{'-':>9}"
    return f"{rounds.ratio('validate', other):>8.2f}x"


def _row(label: str, size: int, rounds: Rounds) -> str:
    cells = [f"{label:<30}", f"{size / 1e6:>7.2f} MB"]
    cells += [_cell(rounds, name) for name in NAMES]
    cells += [_ratio(rounds, name) for name in ("json.load", "check-jsonschema", "jsonschema")]
    return " ".join(cells)


def _target(label: str, ratio: float, limit: float) -> str:
    verdict = "met" if ratio <= limit else "MISSED"
    return f"target: {label} <= {limit}x: {ratio:.2f}x {verdict}"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as tmp:
        directory = Path(tmp)
        sources = {"own": OWN_REGISTRY}
        if REAL_REGISTRY.is_file():
            sources["real"] = REAL_REGISTRY
        else:
            print(f"validate bench: no real data ({REAL_REGISTRY.parent}); own registry only")
        schema = schema_file(directory)
        given = sources.get("real", OWN_REGISTRY)
        inputs: list[tuple[str, Path, tuple[str, ...]]] = [
            (f"{given.stem} (as given)", given, NAMES)
        ]
        for name, source in sources.items():
            scaled = directory / f"{name}-{SCALED_MODELS}.json"
            build_scaled(source, scaled)
            inputs.append((f"{name}, scaled to {SCALED_MODELS} models", scaled, NAMES))
        broken = directory / f"registry-{SCALED_MODELS}-broken.json"
        build_broken(inputs[-1][1], broken)
        inputs.append((f"{SCALED_MODELS} models, {SCALED_MODELS} errors", broken, NAMES[:2]))
        rows = [
            (label, path, in_rounds(contenders(path, schema, names)))
            for label, path, names in inputs
        ]
        print(
            f"\nvalidate: median of {ROUNDS} rounds (each contender once per round; a contender"
            f" over {SLOW_SECONDS:.0f} s runs once), wall clock per process (! = non-zero exit);"
            "\nratios: median of the per-round ratios"
        )
        heads = " ".join(f"{name:>10}" for name in NAMES)
        print(f"{'file':<30} {'size':>10} {heads}   vs load vs c-j-s vs jsonschema")
        for label, path, rounds in rows:
            print(_row(label, path.stat().st_size, rounds))
        for label, _, rounds in rows[1 : 1 + len(sources)]:
            print(
                _target(
                    f"{label}: validate / json.load", rounds.ratio("validate", "json.load"), 1.0
                )
            )
        real = rows[0][2]
        print(
            _target(
                "registry as given: validate / check-jsonschema",
                real.ratio("validate", "check-jsonschema"),
                0.5,
            )
        )


if __name__ == "__main__":
    main()
