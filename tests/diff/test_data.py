"""Registry and /v1/models diffs on the project's own data and, where it is, the real data:
one change each, a file against itself gives nothing, renames are paired only when unambiguous,
prices compare with a tolerance."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from conformance.checks import check_document
from conformance.diff.data import by_id, diff_model_lists, diff_registries, pair
from conformance.jsonpath import to_jsonpath
from conformance.reporting import Report
from tests.checks import own
from tests.diff.cases import GATEWAY_CASES, REGISTRY_CASES, Case
from tests.diff.cases import pair as case_pair
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, REPO, needs_real_data


def registry_changes(old: Any, new: Any) -> list[tuple[str, str]]:
    found = diff_registries(old["data"], ("data",), new["data"], ("data",))
    return sorted((c.check, to_jsonpath(c.location or ())) for c in found)


def gateway_changes(old: Any, new: Any) -> list[tuple[str, str]]:
    return sorted((c.check, to_jsonpath(c.location or ())) for c in diff_model_lists(old, new))


def report_of(old: Any, new: Any, kind: str = "registry-response") -> Report:
    """The report of ``diff``: each input validated first, drift included."""
    from conformance.diff.compare import diff_report
    from conformance.diff.inputs import Input
    from conformance.reporting import Group

    def side(role: str, value: Any) -> Input:
        found = check_document(value, kind)
        return Input(role, value, Group(f"{role}.json", kind, found))

    return diff_report(side("OLD", old), side("NEW", new))


def reported_changes(old: Any, new: Any, kind: str = "registry-response") -> list[tuple[str, str]]:
    (changes,) = [group for group in report_of(old, new, kind).groups if group.changes]
    return sorted((c.check, to_jsonpath(c.location or ())) for c in changes.findings)


@pytest.mark.parametrize("case", REGISTRY_CASES, ids=str)
def test_registry_change_is_found_once_where_it_happened(case: Case) -> None:
    old, new = case_pair(case)
    assert reported_changes(old, new) == sorted(case.expected)


@pytest.mark.parametrize("case", GATEWAY_CASES, ids=str)
def test_gateway_change_is_found_once_where_it_happened(case: Case) -> None:
    old, new = case_pair(case)
    assert check_document(new, "models") == []
    assert gateway_changes(old, new) == sorted(case.expected)


def test_a_gateway_list_outside_the_strict_schema_is_diffed_with_its_drift() -> None:
    old = own.gateway()
    new = copy.deepcopy(old)
    new["data"][0]["object"] = "model-alias"  # an open enum to the reader models
    new["data"][1]["created"] = "yesterday"  # a wrong type: the reader models refuse it too
    assert check_document(new, "models") != []
    (skipped,) = report_of(old, new, "models").skipped
    assert skipped.reason == "NEW not valid: changes found in it could not be trusted"
    new["data"][1]["created"] = old["data"][1]["created"]
    assert reported_changes(old, new, "models") == [
        ("diff.model-changed", "$.data[0].object"),
        ("diff.schema-drift", "$.data[0].object"),
    ]


@pytest.mark.parametrize(
    "name",
    ["model removed", "model added", "model renamed, nothing else changed", "endpoint removed",
     "price changed", "price 10x", "context length changed", "models reordered"],
)  # fmt: skip
def test_registry_cases_published_as_is_are_valid_registries(name: str) -> None:
    (case,) = [case for case in REGISTRY_CASES if case.name == name]
    assert [f.check for f in check_document(case_pair(case)[1], "registry-response")] == []


def test_price_messages_carry_old_new_and_ratio() -> None:
    old = own.registry()
    new = copy.deepcopy(old)
    new["data"]["models"][2]["endpoints"][0]["pricing"]["prompt"] = 2.5e-6
    new["data"]["models"][2]["endpoints"][0]["pricing"]["completion"] = 12.5
    messages = [c.message for c in diff_registries(old["data"], (), new["data"], ())]
    assert messages == [
        "model 'gpt-4o', provider 'openai': prompt 2.5 → 2.5e-06 (x1e-06): a unit slip?",
        "model 'gpt-4o', provider 'openai': completion 10 → 12.5 (x1.25)",
    ]


def test_a_response_compares_with_its_bare_data_object() -> None:
    old = own.registry()
    assert diff_registries(old["data"], ("data",), copy.deepcopy(old["data"]), ()) == []


def test_project_files_against_themselves_give_nothing() -> None:
    files = [REPO / "src/conformance/server/default_registry.json"]
    files += sorted((REPO / "tests/validate/data").glob("small-registry*.json"))
    for path in files:
        document = json.loads(path.read_text("utf-8"))
        again = json.loads(path.read_text("utf-8"))
        assert diff_registries(document["data"], (), again["data"], ()) == [], path.name
    gateway = json.loads((REPO / "tests/validate/data/gateway-broken.json").read_text("utf-8"))
    assert diff_model_lists(gateway, copy.deepcopy(gateway)) == []


def test_an_ambiguous_rename_pairs_nothing() -> None:
    twin = {"object": "model", "created": 1, "owned_by": "x"}
    old = by_id([{"id": "a", **twin}, {"id": "b", **twin}])
    new = by_id([{"id": "c", **twin}, {"id": "d", **twin}])
    pairing = pair(old, new)
    assert (pairing.renamed, pairing.added, pairing.removed) == ({}, ["c", "d"], ["a", "b"])
    single = pair(by_id([{"id": "a", **twin}]), by_id([{"id": "c", **twin}]))
    assert (single.renamed, single.added, single.removed) == ({"c": "a"}, [], [])


@needs_real_data
def test_real_registry_against_itself_gives_nothing() -> None:
    old = json.loads(REAL_REGISTRY.read_bytes())
    new = json.loads(REAL_REGISTRY.read_bytes())
    assert registry_changes(old, new) == []
    new["data"]["models"].reverse()
    for model in new["data"]["models"]:
        model["endpoints"].reverse()
    assert registry_changes(old, new) == []


@needs_real_data
def test_real_registry_with_one_model_gone_and_one_price_slipped() -> None:
    old = json.loads(REAL_REGISTRY.read_bytes())
    new = copy.deepcopy(old)
    gone = new["data"]["models"].pop(5)
    new["data"]["models"][0]["endpoints"][0]["pricing"]["prompt"] /= 1e6
    old_index = [m["id"] for m in old["data"]["models"]].index(gone["id"])
    assert registry_changes(old, new) == [
        ("diff.model-removed", f"$.data.models[{old_index}]"),
        ("diff.price-jump", "$.data.models[0].endpoints[0].pricing.prompt"),
    ]


@needs_real_data
def test_real_float_artifacts_are_no_price_change() -> None:
    old = json.loads(REAL_REGISTRY.read_bytes())
    new = copy.deepcopy(old)
    rounded = 0
    for model in new["data"]["models"]:
        for endpoint in model["endpoints"]:
            for key, value in endpoint["pricing"].items():
                if isinstance(value, float) and round(value, 9) != value:
                    endpoint["pricing"][key] = round(value, 9)
                    rounded += 1
    assert rounded > 0  # the real data has them (0.30000000000000004 and alike)
    assert registry_changes(old, new) == []


@needs_real_data
def test_real_gateway_list_against_itself_and_one_removal() -> None:
    old = json.loads(REAL_GATEWAY.read_bytes())
    new = copy.deepcopy(old)
    assert gateway_changes(old, new) == []
    new["data"].pop(0)
    assert gateway_changes(old, new) == [("diff.model-removed", "$.data[0]")]


def test_a_mass_price_change_is_summed_up_in_one_line() -> None:
    from conformance.diff.data import price_moves

    old = own.registry()
    new = copy.deepcopy(old)
    for model in new["data"]["models"]:
        for endpoint in model["endpoints"]:
            for key in ("prompt", "completion"):
                endpoint["pricing"][key] *= 0.9
    found = diff_registries(old["data"], ("data",), new["data"], ("data",))
    priced = [c for c in found if c.check == "diff.price-changed"]
    models = {c.location[:4] for c in priced if c.location}
    assert len(models) == len(old["data"]["models"])
    assert price_moves(found) == [
        f"completion, prompt prices -10% (x0.9) on {len(models)} models: {len(priced)} prices"
    ]


@needs_real_data
def test_real_registry_with_a_routine_price_cut_fits_one_comment() -> None:
    from conformance.diff.compare import diff_report
    from conformance.diff.inputs import Input
    from conformance.exit_codes import ExitCode
    from conformance.reporting import Group, render_markdown
    from conformance.reporting.markdown import LIMIT

    old = json.loads(REAL_REGISTRY.read_bytes())
    new = copy.deepcopy(old)
    for model in new["data"]["models"]:
        for endpoint in model["endpoints"]:
            for key in ("prompt", "completion"):
                endpoint["pricing"][key] *= 0.9
    sides = [
        Input(r, v, Group(f"{r}.json", "registry-response"))
        for r, v in (("OLD", old), ("NEW", new))
    ]
    report = diff_report(*sides)
    assert report.overview[0].startswith("completion, prompt prices -10% (x0.9) on ")
    text = render_markdown(report, ExitCode.OK)
    assert len(text) <= LIMIT
    assert "more in the JSON report" in text
