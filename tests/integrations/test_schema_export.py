"""`helicone-contract schema KIND`: the exported draft 2020-12 schemas, judged by validators of
other languages (check-jsonschema always; ajv where npm can install it) on every case of the
project: they accept and reject exactly what ``validate``'s schema step accepts and rejects."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conformance.checks.schema import validator
from conformance.cli import main
from conformance.exported_schemas import exported_schema, render_schema, schema_id
from conformance.validation import ValidateOptions, run_validate
from conformance.validation.kinds import KIND_DESCRIPTIONS
from generated.schemas import DOCUMENT_KINDS
from tests.checks import own
from tests.support.mutations import MUTATIONS
from tests.support.paths import REPO, SPECS

KINDS = tuple(DOCUMENT_KINDS)
SCHEMA_STEP = {"schema", "schema.wrapper-missing", "registry.price-invalid"}
"""The findings of validate's schema step (one jsonschema pass, price minimums included)."""
DRAFT_4_ONLY = {("corpus/integer-created-as-float", "models")}
"""Cases no draft 2020-12 schema can judge as validate does: OpenAPI 3.0 (draft 4) refuses
``1.0`` where an integer is required; 2020-12 counts it as the integer 1, and a JavaScript
parser cannot even tell the two apart. Each (case, schema) must be a disagreement (validate
rejects, the exported schema accepts), and no other may be."""
CHECKER = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


@dataclass(frozen=True)
class Case:
    name: str
    instance: Any
    definition: str | None = None
    """A corpus case of one named definition (not a whole document): judged against it."""


def _cases() -> list[Case]:
    cases = []
    for path in sorted((REPO / "tests" / "models" / "corpus").glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        whole = case["schema"] in DOCUMENT_KINDS.values()  # a document: judged as every kind
        definition = None if whole else case["schema"]
        cases.append(Case(f"corpus/{path.stem}", case["instance"], definition))
    for folder in (REPO / "tests" / "validate" / "data", SPECS / "examples"):
        for path in sorted(folder.glob("*.json")):
            if path.name != "manifest.json":
                cases.append(Case(f"{folder.name}/{path.stem}", json.loads(path.read_text())))
    registry, gateway = own.registry(), own.served_gateway()
    cases += [Case("own/registry-response", registry), Case("own/models", gateway)]
    cases += [Case("own/registry", registry["data"])]
    for row in MUTATIONS:
        if row.change is not None:
            document = own.registry() if row.serves == "registry" else own.served_gateway()
            row.change(document)
            cases.append(Case(f"mutation/{row.name}", document))
    return cases


CASES = _cases()
DOCUMENTS = [case for case in CASES if case.definition is None]
DEFINITIONS = [case for case in CASES if case.definition is not None]


@dataclass(frozen=True)
class Judged:
    """Every (case, schema) pair to judge, its file, and validate's own verdict."""

    schemas: dict[str, Path]
    """schema name (a kind, or a definition) -> its exported schema file."""
    files: dict[tuple[str, str], Path]
    """(case name, schema name) -> the instance file."""
    verdicts: dict[tuple[str, str], bool]


def _kind_of(definition: str) -> str:
    return next(kind for kind in KINDS if definition in exported_schema(kind)["$defs"])


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judged:
    folder = tmp_path_factory.mktemp("exported")
    schemas: dict[str, Path] = {}
    files: dict[tuple[str, str], Path] = {}
    verdicts: dict[tuple[str, str], bool] = {}
    for kind in KINDS:
        schemas[kind] = folder / f"{kind}.schema.json"
        schemas[kind].write_text(render_schema(kind))
    for number, case in enumerate(CASES):
        path = folder / f"case-{number}.json"
        path.write_text(json.dumps(case.instance, ensure_ascii=False))
        if case.definition is None:
            for kind in KINDS:  # every document as every kind: validate's own verdict
                findings = run_validate(ValidateOptions(paths=[str(path)], kind=kind)).findings
                verdicts[case.name, kind] = not any(f.check in SCHEMA_STEP for f in findings)
                files[case.name, kind] = path
        else:
            if case.definition not in schemas:
                derived = {**exported_schema(_kind_of(case.definition))}
                derived["$ref"] = f"#/$defs/{case.definition}"
                schemas[case.definition] = folder / f"{case.definition}.schema.json"
                schemas[case.definition].write_text(json.dumps(derived))
            verdicts[case.name, case.definition] = validator(case.definition).is_valid(
                case.instance
            )
            files[case.name, case.definition] = path
    return Judged(schemas, files, verdicts)


def _disagreements(judged: Judged, accepted: dict[tuple[str, str], bool]) -> dict[str, bool]:
    """case/schema -> the exported schema's verdict, where it differs from validate's."""
    return {
        f"{case} as {schema}": accepted[case, schema]
        for (case, schema), verdict in judged.verdicts.items()
        if accepted[case, schema] != verdict
    }


def _expected_disagreements(judged: Judged) -> dict[str, bool]:
    assert all(judged.verdicts[key] is False for key in DRAFT_4_ONLY)
    return {f"{case} as {schema}": True for case, schema in DRAFT_4_ONLY}


def test_the_cases_cover_both_verdicts_and_every_kind(judged: Judged) -> None:
    assert len(DOCUMENTS) >= 35
    assert len(DEFINITIONS) >= 10
    for kind in KINDS:
        verdicts = {v for (_, schema), v in judged.verdicts.items() if schema == kind}
        assert verdicts == {True, False}, kind


@pytest.mark.skipif(CHECKER is None, reason="check-jsonschema is not installed (a dev dependency)")
def test_check_jsonschema_agrees_with_validate_on_every_case(judged: Judged) -> None:
    assert CHECKER is not None
    accepted: dict[tuple[str, str], bool] = {}
    for schema, schema_file in judged.schemas.items():
        pairs = {judged.files[key]: key for key in judged.files if key[1] == schema}
        done = subprocess.run(
            [CHECKER, "-o", "json", "--schemafile", str(schema_file), *map(str, pairs)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        result = json.loads(done.stdout)
        assert result.get("parse_errors", []) == [], result
        rejected = {error["filename"] for error in result.get("errors", [])}
        for path, key in pairs.items():
            accepted[key] = str(path) not in rejected
    assert _disagreements(judged, accepted) == _expected_disagreements(judged)


_AJV_SCRIPT = """
const path = require("path");
const fs = require("fs");
const Ajv2020 = require(path.join(process.argv[1], "node_modules/ajv/dist/2020")).default;
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const verdicts = {};
for (const [schemaFile, files] of Object.entries(jobs)) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
  for (const file of files) {
    verdicts[schemaFile + "\\n" + file] = validate(JSON.parse(fs.readFileSync(file, "utf8")));
  }
}
process.stdout.write(JSON.stringify(verdicts));
"""


@pytest.fixture(scope="session")
def ajv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ajv 8 installed by npm into a temporary folder (skipped, saying why, without npm)."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.skip("npm or node is not installed: the ajv cross-check needs them")
    folder = tmp_path_factory.mktemp("ajv")
    try:
        done = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "ajv@8"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.skip("npm could not install ajv@8 within 300 s (no registry reachable?)")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"npm could not install ajv@8: {last}")
    return folder


def test_ajv_agrees_with_validate_on_every_case(judged: Judged, ajv: Path) -> None:
    jobs: dict[str, list[str]] = {}
    for (_case, schema), path in judged.files.items():
        jobs.setdefault(str(judged.schemas[schema]), []).append(str(path))
    done = subprocess.run(
        ["node", "-e", _AJV_SCRIPT, str(ajv)],
        input=json.dumps(jobs), capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert done.stderr == ""  # strict mode: the schemas hold nothing ajv would warn about
    verdicts = json.loads(done.stdout)
    accepted = {
        key: verdicts[f"{judged.schemas[key[1]]}\n{path}"] for key, path in judged.files.items()
    }
    assert _disagreements(judged, accepted) == _expected_disagreements(judged)


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_draft_2020_12_schema_with_id_and_titles(kind: str) -> None:
    schema = json.loads(render_schema(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == schema_id(kind)
    assert schema["title"]
    assert schema["$ref"] == f"#/$defs/{DOCUMENT_KINDS[kind]}"
    assert all(definition["title"] == name for name, definition in schema["$defs"].items())
    text = json.dumps(schema)
    assert "#/definitions/" not in text
    assert '"nullable"' not in text


def test_the_registry_wrapper_says_null_as_a_type() -> None:
    defs = exported_schema("registry-response")["$defs"]
    assert defs["ModelRegistrySuccess"]["properties"]["error"] == {
        "enum": [None], "type": ["number", "null"]
    }  # fmt: skip
    assert defs["ModelRegistryResult"]["anyOf"] == [
        {"$ref": "#/$defs/ModelRegistrySuccess"}, {"$ref": "#/$defs/ModelRegistryError"}
    ]  # fmt: skip


def test_output_is_deterministic_and_holds_only_what_the_kind_reaches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "models"]) == 0
    first = capsys.readouterr().out
    assert main(["schema", "models"]) == 0
    assert capsys.readouterr().out == first == render_schema("models")
    assert set(json.loads(first)["$defs"]) == {"ModelList", "Model"}


def test_no_kind_lists_the_kinds_and_an_unknown_one_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == list(KIND_DESCRIPTIONS)
    assert main(["schema", "openapi"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "helicone-contract: error: unknown kind 'openapi'; choose one of "
        "registry-response, registry, models, models-error\n"
    )


def test_draft_4_bounds_and_nullable_are_said_the_2020_12_way() -> None:
    from conformance.exported_schemas import _converted

    draft4 = {
        "type": "object",
        "definitions": {"Price": {"type": "number", "minimum": 0, "exclusiveMinimum": True}},
        "properties": {
            "a": {"type": "number", "maximum": 5, "exclusiveMaximum": False},
            "b": {"type": "string", "nullable": True, "enum": ["x"]},
            "c": {"$ref": "#/definitions/Price"},
        },
    }
    assert _converted(draft4) == {
        "type": "object",
        "$defs": {"Price": {"type": "number", "exclusiveMinimum": 0}},
        "properties": {
            "a": {"type": "number", "maximum": 5},
            "b": {"type": ["string", "null"], "enum": ["x", None]},
            "c": {"$ref": "#/$defs/Price"},
        },
    }
    with pytest.raises(ValueError, match="'dependencies' has no exported form"):
        _converted({"dependencies": {"a": ["b"]}})
