"""Lint on edited copies of specs/: new findings fail, the baseline, example files, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.lint.conftest import Cli

REGISTRY = "specs/model-registry.openapi.yaml"
GATEWAY = "specs/ai-gateway.openapi.yaml"


def _edit(path: str, old: str, new: str) -> None:
    text = Path(path).read_text("utf-8")
    assert text.count(old) == 1, old
    Path(path).write_text(text.replace(old, new), "utf-8")


def _findings(cli: Cli, *argv: str) -> list[dict[str, object]]:
    report = json.loads(cli("lint", "--format", "json", *argv).out)
    return [dict(f, file=group["file"]) for group in report["files"] for f in group["findings"]]


def test_a_new_finding_fails_while_known_ones_stay_acknowledged(workspace: Path, cli: Cli) -> None:
    _edit(REGISTRY, "                            providerSlug: anthropic\n", "")
    result = cli("lint")
    assert result.code == 1
    assert result.out.endswith(
        "3 files checked: 1 error, 0 warnings, 24 acknowledged. exit 1: failing findings\n"
    )
    (new,) = [
        line
        for line in result.out.splitlines()
        if "error[" in line and "(acknowledged)" not in line
    ]
    assert new.startswith("specs/model-registry.openapi.yaml:39:29: error[schema] ")
    assert new.endswith("$.models[0].endpoints[0]: required property 'providerSlug' is missing")


def test_stale_baseline_entry_is_a_warning(workspace: Path, cli: Cli) -> None:
    baseline = json.loads(Path("specs/lint-baseline.json").read_text())
    baseline["acknowledged"].append(dict(baseline["acknowledged"][1], path="$.models[9]"))
    Path("specs/lint-baseline.json").write_text(json.dumps(baseline, indent=2))
    found = [f for f in _findings(cli) if f["check"] == "lint.baseline-stale"]
    assert [(f["file"], f["path"], f["line"], f["severity"]) for f in found] == [
        ("specs/lint-baseline.json", "$.acknowledged[24]", 172, "warning")
    ]
    assert cli("lint").code == 0
    assert cli("lint", "--strict").code == 1


def test_explicit_baseline_file_replaces_the_default(workspace: Path, cli: Cli) -> None:
    Path("empty-baseline.json").write_text('{"acknowledged": []}')
    assert cli("lint", "--baseline", "empty-baseline.json").code == 1
    missing = cli("lint", "--baseline", "absent.json")
    assert (missing.code, missing.err) == (
        2,
        "helicone-contract: error: absent.json: no such file\n",
    )


def test_example_file_errors_point_into_the_file(workspace: Path, cli: Cli) -> None:
    _edit("specs/examples/v1-models.200.json", '"created": 1715558400', '"created": "2024-05-13"')
    (found,) = [f for f in _findings(cli) if not f.get("acknowledged")]
    assert found == {
        "file": "specs/examples/v1-models.200.json", "check": "schema", "severity": "error",
        "path": "$.data[1].created", "line": 13, "column": 7,
        "message": "'2024-05-13' is not of type 'integer'",
        "pointer": "/paths/~1v1~1models/get/responses/200/content/application~1json",
    }  # fmt: skip


def test_undeclared_and_mistargeted_example_files(workspace: Path, cli: Cli) -> None:
    Path("specs/examples/stray.json").write_text("{}")
    manifest = json.loads(Path("specs/examples/manifest.json").read_text())
    manifest["examples"] += [
        dict(manifest["examples"][0], status="404"),
        dict(manifest["examples"][0], file="gone.json"),
    ]
    Path("specs/examples/manifest.json").write_text(json.dumps(manifest))
    found = [(f["file"], f["check"]) for f in _findings(cli) if not f.get("acknowledged")]
    assert found == [
        ("specs/examples/v1-models.200.json", "lint.example-target"),
        ("specs/examples/gone.json", "lint.example-target"),
        ("specs/examples/stray.json", "lint.example-undeclared"),
    ]


def test_examples_of_other_schemas_are_checked_against_them(workspace: Path, cli: Cli) -> None:
    parameter = """      parameters:
        - name: limit
          in: query
          schema: {type: integer, minimum: 1}
          example: 0
      responses:
"""
    schema_example = """                      type:
                        type: string
                    example: {message: 3}
components:
  schemas:
    Choice:
      anyOf:
        - {type: object, properties: {id: {type: string}}, additionalProperties: false}
        - {type: integer}
      example: {id: 7, extra: true}
"""
    _edit(GATEWAY, "      responses:\n", parameter)
    _edit(
        GATEWAY,
        "                      type:\n                        type: string\n",
        schema_example,
    )
    error_example = "/paths/~1v1~1models/get/responses/500/content/application~1json/schema"
    found = [(f["pointer"], f["path"], f["line"], f["message"]) for f in _findings(cli, GATEWAY)]
    assert found == [
        (
            "/paths/~1v1~1models/get/parameters/0/example",
            "$",
            20,
            "0 is less than the minimum of 1",
        ),
        (f"{error_example}/properties/error/example", "$.message", 73, "3 is not of type 'string'"),
        ("/components/schemas/Choice/example", "$.id", 80, "7 is not of type 'string'"),
        ("/components/schemas/Choice/example", "$.extra", 80, "unexpected property 'extra'"),
    ]


def test_invalid_openapi_document_is_reported_with_its_location(workspace: Path, cli: Cli) -> None:
    _edit(GATEWAY, "  version: 1.0.0\n", "")
    found = [(f["check"], f["pointer"], f["line"]) for f in _findings(cli, GATEWAY)]
    assert found == [("openapi", "/info", 2)]


def test_unusable_documents_exit_2_with_one_line_each(workspace: Path, cli: Cli) -> None:
    Path("broken.yaml").write_text("openapi: 3.0.0\npaths: [\n")
    Path("twice.yaml").write_text("openapi: 3.0.0\nopenapi: 3.0.1\n")
    result = cli("lint", "broken.yaml", "twice.yaml", "absent.yaml", GATEWAY)
    assert result.code == 2
    broken, *others = result.err.splitlines()
    # libyaml's words or PyYAML's, whichever parser PyYAML was built with
    assert re.fullmatch(
        "helicone-contract: error: broken.yaml:3:1: not valid YAML: (did not find expected node "
        "content|expected the node content, but found '<stream end>')",
        broken,
    )
    assert others == [
        "helicone-contract: error: twice.yaml:2:1: duplicate key 'openapi'",
        "helicone-contract: error: absent.yaml: no such file",
    ]
    assert "== specs/ai-gateway.openapi.yaml [OpenAPI document]: valid" in result.out


def test_outside_a_checkout_the_carried_documents_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    from generated._documents import DOCUMENTS

    monkeypatch.chdir(tmp_path)
    report = json.loads(cli("lint", "--no-baseline", "--format", "json").out)
    assert [(f["file"], f["description"]) for f in report["files"]] == [
        (name, "OpenAPI document carried by the tool") for name in DOCUMENTS
    ]
    (registry,) = [f for f in report["files"] if f["file"] == "model-registry.openapi.yaml"]
    assert registry["findings"][0]["check"] == "schema.wrapper-missing"
    assert registry["findings"][0]["line"] == 32
    assert report["ok"] is False


def test_outside_a_checkout_the_carried_baseline_acknowledges_the_upstream_defects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("lint")
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith(
        "2 files checked: 0 errors, 0 warnings, 24 acknowledged. exit 0: no failing finding\n"
    )
    Path("empty.json").write_text('{"acknowledged": []}')
    assert cli("lint", "--baseline", "empty.json").code == 1
