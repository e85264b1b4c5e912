"""What a consumer reads comes back as it was written, and errors come from the branch meant.

- A JSON ``number`` written as an integer is an ``int`` after parsing and dumps as one, in both
  model packages; strings, booleans, null, NaN and Infinity are still not numbers.
- A registry response is judged by the branch its own ``data`` says (null: the error branch),
  so a bad success document gets no error-branch noise.
- The reader types ``ModelEndpoint.provider`` as the named open enum ``ModelProviderName``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from pydantic import StrictStr, TypeAdapter, ValidationError

from conformance.server import default_registry
from conformance.server.gateway_list import derive_gateway_list
from generated import registry
from generated.reader import registry as reader_registry
from tests.models.oracle import Models, adapter, round_trip
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, needs_real_data

MODELS: list[Models] = ["strict", "reader"]


def _numbers(value: Any, at: str = "$") -> Iterator[tuple[str, int | float]]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, f"{at}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _numbers(item, f"{at}[{index}]")


def _changed_numbers(document: str, schema: str, text: str, models: Models) -> list[str]:
    """Where a number of ``text`` dumps differently (value or int/float), after a round trip."""
    before = dict(_numbers(json.loads(text)))
    after = dict(_numbers(round_trip(document, schema, text, models)))
    return [
        f"{at}: {value!r} -> {after.get(at)!r}"
        for at, value in before.items()
        if type(after.get(at)) is not type(value) or after.get(at) != value
    ]


@pytest.mark.parametrize("models", MODELS)
def test_the_shipped_registry_and_its_gateway_list_dump_every_number_as_written(
    models: Models,
) -> None:
    body = default_registry().body.decode()
    integers = [v for _, v in _numbers(json.loads(body)) if isinstance(v, int)]
    assert len(integers) > 50  # the case this guards: prices, lengths and totals as integers
    assert _changed_numbers("registry", "ModelRegistryResult", body, models) == []
    gateway = json.dumps(derive_gateway_list(json.loads(body)))
    assert _changed_numbers("gateway", "ModelList", gateway, models) == []


@needs_real_data
@pytest.mark.parametrize("models", MODELS)
@pytest.mark.parametrize(
    ("document", "schema", "path"),
    [("registry", "ModelRegistryResult", REAL_REGISTRY), ("gateway", "ModelList", REAL_GATEWAY)],
)
def test_the_real_responses_dump_every_number_as_written(
    document: str, schema: str, path: Path, models: Models
) -> None:
    assert _changed_numbers(document, schema, path.read_text(encoding="utf-8"), models) == []


@pytest.mark.parametrize("models", MODELS)
def test_integers_stay_integers_and_floats_floats(models: Models) -> None:
    text = (
        '{"models": [], "total": 200000, "filters": {"capabilities": [], "authors": [], '
        '"providers": []}}'
    )
    parsed = adapter("registry", "ModelRegistryResponse", models).validate_json(text)
    assert type(parsed.total) is int
    assert parsed.model_dump_json(exclude_unset=True).count('"total":200000,') == 1
    as_float = adapter("registry", "ModelRegistryResponse", models).validate_json(
        text.replace("200000", "2e5")
    )
    assert type(as_float.total) is float  # written as a float, kept as one


@pytest.mark.parametrize("models", MODELS)
@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ('"128000"', "float_type"),
        ("true", "float_type"),
        ("null", "float_type"),
        ("1e999", "finite_number"),  # valid JSON, but no finite number: inf
    ],
)
def test_what_is_not_a_number_is_still_refused_with_one_error(
    models: Models, value: str, error_type: str
) -> None:
    text = (
        f'{{"models": [], "total": {value}, "filters": {{"capabilities": [], "authors": [], '
        '"providers": []}}'
    )
    with pytest.raises(ValidationError) as refused:
        adapter("registry", "ModelRegistryResponse", models).validate_json(text)
    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [(("total",), error_type)]
    python_value = json.loads(value) if value != "1e999" else float("inf")
    with pytest.raises(ValidationError):
        adapter("registry", "ModelRegistryResponse", models).validate_python(
            {**json.loads(text.replace(value, "0")), "total": python_value}
        )


def _errors(models: Models, document: dict[str, Any]) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as refused:
        adapter("registry", "ModelRegistryResult", models).validate_json(json.dumps(document))
    return [e["loc"] for e in refused.value.errors()]


@pytest.mark.parametrize("models", MODELS)
def test_a_bad_success_response_is_explained_by_the_success_branch_only(models: Models) -> None:
    document = json.loads(default_registry().body)
    document["data"]["models"][0]["contextLength"] = "128000"
    assert _errors(models, document) == [
        ("ModelRegistrySuccess", "data", "models", 0, "contextLength")
    ]


@pytest.mark.parametrize("models", MODELS)
def test_a_bad_error_response_is_explained_by_the_error_branch_only(models: Models) -> None:
    assert _errors(models, {"data": None, "error": 5}) == [("ModelRegistryError", "error")]
    # No data at all: nothing says success, so the error branch explains what is missing.
    assert _errors(models, {"error": "boom"}) == [("ModelRegistryError", "data")]


@pytest.mark.parametrize("module", [registry, reader_registry])
def test_models_given_as_objects_choose_their_own_branch(module: Any) -> None:
    result = TypeAdapter(module.ModelRegistryResult)
    error = module.ModelRegistryError(data=None, error="unavailable")
    assert result.validate_python(error) == error
    success = result.validate_json(default_registry().body)
    assert isinstance(success, module.ModelRegistrySuccess)
    assert result.validate_python(success) == success


def test_the_reader_types_an_endpoints_provider_as_the_provider_vocabulary() -> None:
    # What an editor and mypy see: the named alias, whose known values they can offer.
    reader_hints = get_type_hints(reader_registry.ModelEndpoint, include_extras=True)
    assert reader_hints["provider"] is reader_registry.ModelProviderName
    assert "openai" in str(reader_registry.ModelProviderName.__value__)
    # The contract says string: the strict models keep it a plain string, as before.
    assert get_type_hints(registry.ModelEndpoint, include_extras=True)["provider"] is StrictStr
    endpoint = json.loads(default_registry().body)["data"]["models"][0]["endpoints"][0]
    for provider in (endpoint["provider"], "a-provider-from-next-year"):
        read = reader_registry.ModelEndpoint.model_validate_json(
            json.dumps({**endpoint, "provider": provider})
        )
        assert read.provider == provider
