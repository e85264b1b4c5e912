"""Document diffs on pairs derived from specs/: one change each, classified as the catalog says;
edits that change nothing (key order, YAML style, reordering, a reference inlined) give nothing;
recursive schemas terminate."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml

import specload
from conformance.diff.documents import diff_documents
from conformance.diff.inputs import document_input
from conformance.findings import Finding
from conformance.jsonpath import to_pointer
from tests.diff.cases import DOCUMENT_CASES, GATEWAY_SPEC, ITEM, REGISTRY_SPEC, Case, pair, spec
from tests.support.paths import SPECS


def load_openapi(text: str, name: str) -> Any:
    return specload.load_text(text, name).value


def openapi_findings(value: Any, name: str) -> list[Finding]:
    document = specload.load_text(json.dumps(value), f"{name}.json")
    return list(document_input("NEW", document, None).group.findings)


def changes(old: Any, new: Any) -> list[tuple[str, str]]:
    return sorted((c.check, to_pointer(c.pointer or ())) for c in diff_documents(old, new))


@pytest.mark.parametrize("case", DOCUMENT_CASES, ids=str)
def test_one_change_is_found_once_where_it_happened(case: Case) -> None:
    old, new = pair(case)
    assert openapi_findings(new, case.name) == []  # NEW is a valid document: a real edit
    assert changes(old, new) == sorted(case.expected)


VERDICT_CASES = [case for case in DOCUMENT_CASES if case.verdict is not None]
_RANK = {"breaking": 0, "warning": 1, "info": 2}


@pytest.mark.parametrize("case", VERDICT_CASES, ids=str)
def test_the_verdict_is_the_expected_severity_and_whom_it_breaks(case: Case) -> None:
    old, new = pair(case)
    found = diff_documents(old, new)
    worst = min((c.severity for c in found), key=lambda s: _RANK[s], default="info")
    assert (worst, frozenset(b for c in found for b in c.breaks)) == case.verdict


@pytest.mark.parametrize("case", DOCUMENT_CASES, ids=str)
def test_the_reverse_edit_is_found_too_or_is_nothing_again(case: Case) -> None:
    old, new = pair(case)
    assert bool(changes(new, old)) == bool(case.expected)


@pytest.mark.parametrize("name", [REGISTRY_SPEC, GATEWAY_SPEC])
def test_yaml_style_changes_nothing(name: str) -> None:
    text = (SPECS / name).read_text("utf-8")
    restyled = yaml.safe_dump(yaml.safe_load(text), sort_keys=True, default_flow_style=True)
    assert restyled != text
    assert changes(load_openapi(text, name), load_openapi(restyled, "restyled")) == []


def test_a_status_written_as_a_number_is_the_same_status() -> None:
    text = (SPECS / GATEWAY_SPEC).read_text("utf-8")
    unquoted = text.replace("'200':", "200:").replace("'500':", "500:")
    assert unquoted != text
    document = load_openapi(unquoted, "unquoted")
    assert openapi_findings(document, "unquoted") == []
    assert changes(load_openapi(text, GATEWAY_SPEC), document) == []


def test_a_recursive_schema_terminates_and_its_change_is_reported_once() -> None:
    old = spec(REGISTRY_SPEC)
    schemas = old["components"]["schemas"]
    tree = {"$ref": "#/components/schemas/Tree"}
    schemas["Tree"] = {
        "type": "object",
        "properties": {"children": {"type": "array", "items": tree}},
    }
    schemas["ModelRegistryItem"]["properties"]["tree"] = {"$ref": "#/components/schemas/Tree"}
    new = copy.deepcopy(old)
    assert changes(old, new) == []
    new["components"]["schemas"]["Tree"]["properties"]["label"] = {"type": "string"}
    assert changes(old, new) == [
        ("diff.property-added-open", "/components/schemas/Tree/properties/label")
    ]


def test_mutually_recursive_components_renamed_together_terminate() -> None:
    def document(a: str, b: str) -> Any:
        doc = spec(REGISTRY_SPEC)
        schemas = doc["components"]["schemas"]
        schemas[a] = {"type": "object", "properties": {"b": {"$ref": f"#/components/schemas/{b}"}}}
        schemas[b] = {"type": "object", "properties": {"a": {"$ref": f"#/components/schemas/{a}"}}}
        schemas["ModelRegistryItem"]["properties"]["pair"] = {"$ref": f"#/components/schemas/{a}"}
        return doc

    found = changes(document("A", "B"), document("A2", "B2"))
    # Neither can be proven a rename before the other: removed and added, and nothing else.
    assert found == sorted(
        [("diff.component-added", "/components/schemas/A2"),
         ("diff.component-added", "/components/schemas/B2"),
         ("diff.component-removed", "/components/schemas/A"),
         ("diff.component-removed", "/components/schemas/B")]
    )  # fmt: skip


def test_a_self_referencing_component_renamed_is_one_change() -> None:
    def document(name: str) -> Any:
        doc = spec(REGISTRY_SPEC)
        ref = {"$ref": f"#/components/schemas/{name}"}
        doc["components"]["schemas"][name] = {"type": "object", "properties": {"next": ref}}
        doc["components"]["schemas"]["ModelRegistryItem"]["properties"]["chain"] = dict(ref)
        return doc

    assert changes(document("Chain"), document("Link")) == [
        ("diff.component-renamed", "/components/schemas/Link")
    ]


def test_a_change_in_a_shared_component_is_reported_once() -> None:
    old = spec(REGISTRY_SPEC)
    new = copy.deepcopy(old)
    # StandardParameter is reached from models, endpoints and their configs.
    new["components"]["schemas"]["StandardParameter"]["enum"].append("web_search_options")
    assert changes(old, new) == [
        ("diff.enum-value-added", "/components/schemas/StandardParameter/enum/28")
    ]


def test_a_type_change_hides_what_lies_below_it() -> None:
    old = spec(REGISTRY_SPEC)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["ModelRegistryItem"] = {"type": "string", "maxLength": 9}
    assert changes(old, new) == [("diff.type-changed", f"{ITEM}/type")]


def test_messages_name_what_changed() -> None:
    old = spec(REGISTRY_SPEC)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["ModelProviderName"]["enum"].append("newcloud")
    new["components"]["schemas"]["ModelRegistryItem"]["properties"]["id"]["maxLength"] = 200
    messages = sorted(change.message for change in diff_documents(old, new))
    assert messages == ['enum value "newcloud" added', "maxLength (absent) → 200"]


def test_schemas_nested_beyond_the_stack_are_unusable_not_a_crash() -> None:
    from conformance.diff.compare import changes_between
    from conformance.diff.inputs import Input
    from conformance.errors import InputError
    from conformance.reporting import Group

    def document(leaf: str) -> Any:
        schema: dict[str, Any] = {"type": leaf}
        for _ in range(5000):
            schema = {"type": "array", "items": schema}
        doc = spec(REGISTRY_SPEC)
        doc["components"]["schemas"]["ModelRegistryItem"]["properties"]["deep"] = schema
        return doc

    old, new = (Input(role, document(leaf), Group(f"{role}.yaml", "openapi"))
                for role, leaf in (("OLD", "string"), ("NEW", "number")))  # fmt: skip
    with pytest.raises(InputError, match=r"^NEW\.yaml: schemas nested too deeply to compare$"):
        changes_between(old, new)
