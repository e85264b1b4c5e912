"""`validate` against a bare parse, check-jsonschema and the jsonschema reference validator.

Every contender runs as its own process on the same file (start-up included, as a user sees
it), best of a few runs, reported side by side and as ratios against the targets:

- 5,000-model registry (~21 MB, built here from the real one): validate <= 1.0x bare json.load
- real registry file: validate < 0.5x check-jsonschema

Without the real data beside the checkout the tool's own default registry stands in for it
(said in the output). The scaled file is written to a temporary directory and never kept.
"""

from __future__ import annotations

import json
import shutil
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
SLOW_SECONDS = 20.0
"""A contender slower than this on its first run is not repeated (the reference validator)."""

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
    """The real registry with its models repeated under new ids, still semantically valid:
    same providers, authors and capabilities, so only ``total`` changes."""
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


def measure(command: list[str]) -> Timing:
    best = float("inf")
    code = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
        code = completed.returncode
        if best > SLOW_SECONDS:
            break
    return Timing(best, code)


NAMES = ("json.load", "validate", "check-jsonschema", "jsonschema")


def contenders(document: Path, schema: Path) -> dict[str, list[str]]:
    return {
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


def build_broken(source: Path, target: Path) -> None:
    """The scaled registry with one schema error in every model: the explain-and-locate path."""
    document = json.loads(source.read_bytes())
    for model in document["data"]["models"]:
        model["inputModalities"] = [*model["inputModalities"], None]
    target.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False), "utf-8")


def _cell(timing: Timing | None) -> str:
    if timing is None:
        return f"{'-':>10}"
    return f"{timing.seconds:>9.3f}s{'' if timing.exit_code == 0 else '!'}"


def _ratio(timings: dict[str, Timing], other: str) -> str:
    if other not in timings:
        return f"{'-':>9}"
    return f"{timings['validate'].seconds / timings[other].seconds:>8.2f}x"


def _row(label: str, size: int, timings: dict[str, Timing]) -> str:
    cells = [f"{label:<28}", f"{size / 1e6:>7.2f} MB"]
    cells += [_cell(timings.get(name)) for name in NAMES]
    cells += [_ratio(timings, name) for name in ("json.load", "check-jsonschema", "jsonschema")]
    return " ".join(cells)


def _target(label: str, ratio: float, limit: float) -> str:
    verdict = "met" if ratio <= limit else "MISSED"
    return f"target: {label} <= {limit}x: {ratio:.2f}x {verdict}"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as tmp:
        directory = Path(tmp)
        scaled = directory / f"registry-{SCALED_MODELS}.json"
        broken = directory / f"registry-{SCALED_MODELS}-broken.json"
        source = REAL_REGISTRY if REAL_REGISTRY.is_file() else OWN_REGISTRY
        if source is OWN_REGISTRY:
            print(f"validate bench: no real data ({REAL_REGISTRY.parent}); using {source.name}")
        build_scaled(source, scaled)
        build_broken(scaled, broken)
        schema = schema_file(directory)
        rows = []
        for label, path, names in (
            (f"{source.stem} (as given)", source, NAMES),
            (f"scaled ({SCALED_MODELS} models)", scaled, NAMES),
            (f"scaled, {SCALED_MODELS} errors", broken, ("json.load", "validate")),
        ):
            commands = contenders(path, schema)
            rows.append((label, path, {name: measure(commands[name]) for name in names}))
        print(f"\nvalidate: best of {RUNS} runs, wall clock per process (! = non-zero exit)")
        heads = " ".join(f"{name:>10}" for name in NAMES)
        print(f"{'file':<28} {'size':>10} {heads}   vs load vs c-j-s vs jsonschema")
        for label, path, timings in rows:
            print(_row(label, path.stat().st_size, timings))
        real, big = rows[0][2], rows[1][2]
        print(_target("scaled: validate / json.load", _seconds(big, "json.load"), 1.0))
        print(_target("real: validate / check-jsonschema", _seconds(real, "check-jsonschema"), 0.5))


def _seconds(timings: dict[str, Timing], other: str) -> float:
    return timings["validate"].seconds / timings[other].seconds


if __name__ == "__main__":
    main()
