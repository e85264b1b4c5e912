"""The project's own lint run: green, with the upstream defects printed as acknowledged."""

from __future__ import annotations

import json
from pathlib import Path

from tests.lint.conftest import Cli
from tests.validate.snapshot import assert_matches

EXAMPLE = (
    "/paths/~1v1~1public~1model-registry~1models/get/responses/200"
    "/content/application~1json/examples/Example 1/value"
)
NULL_PATHS = [
    "$.models[0].inputModalities[0]",
    "$.models[0].outputModalities[0]",
    *(f"$.models[0].supportedParameters[{i}]" for i in range(7)),
]


def test_project_lint_is_green_with_acknowledged_upstream_defects(in_repo: Path, cli: Cli) -> None:
    result = cli("lint")
    assert (result.code, result.err) == (0, "")
    assert_matches(result.out, Path(__file__).parent / "snapshots" / "lint-project.txt")


SEMANTIC = [  # an excerpt of one model whose total and filters describe the whole registry
    ("registry.total-mismatch", "$.total", 62),
    ("registry.training-date-format", "$.models[0].trainingDate", 48),
    ("registry.providers-mismatch", "$.filters.providers[1]", 67),
    ("registry.providers-mismatch", "$.filters.providers[2]", 69),
    ("registry.providers-unsorted", "$.filters.providers", 64),
    ("registry.authors-mismatch", "$.filters.authors[1]", 73),
    ("registry.authors-mismatch", "$.filters.authors[2]", 74),
    ("registry.authors-mismatch", "$.filters.authors[3]", 75),
    ("registry.authors-unsorted", "$.filters.authors", 71),
    ("registry.capability-unsupported", "$.filters.capabilities[0]", 77),
    ("registry.capability-unsupported", "$.filters.capabilities[1]", 78),
    ("registry.capability-unsupported", "$.filters.capabilities[2]", 79),
    ("registry.capability-unsupported", "$.filters.capabilities[4]", 81),
    ("registry.capabilities-unsorted", "$.filters.capabilities", 76),
]


def test_upstream_example_is_a_missing_wrapper_plus_each_null_at_its_own_path(
    in_repo: Path, cli: Cli
) -> None:
    report = json.loads(cli("lint", "--no-baseline", "--format", "json").out)
    (registry,) = [f for f in report["files"] if f["file"] == "specs/model-registry.openapi.yaml"]
    found = [(f["check"], f["pointer"], f["path"], f["line"]) for f in registry["findings"]]
    assert found == [
        ("schema.wrapper-missing", EXAMPLE, "$", 32),
        ("schema", EXAMPLE, NULL_PATHS[0], 51),
        ("schema", EXAMPLE, NULL_PATHS[1], 53),
        *(("schema", EXAMPLE, path, 55 + i) for i, path in enumerate(NULL_PATHS[2:])),
        *((check, EXAMPLE, path, line) for check, path, line in SEMANTIC),
    ]
    assert report["ok"] is False
    assert all("acknowledged" not in f for f in registry["findings"])


def test_without_baseline_the_same_findings_fail(in_repo: Path, cli: Cli) -> None:
    result = cli("lint", "--no-baseline")
    assert result.code == 1
    assert result.out.endswith("3 files checked: 22 errors, 2 warnings. exit 1: failing findings\n")
    assert "(acknowledged)" not in result.out


def test_gateway_example_file_is_checked(in_repo: Path, cli: Cli) -> None:
    report = json.loads(cli("lint", "--format", "json").out)
    example = report["files"][-1]
    assert (example["file"], example["kind"], example["findings"]) == (
        "specs/examples/v1-models.200.json",
        "models",
        [],
    )
