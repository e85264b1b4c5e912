"""One change each: pairs of inputs derived from the project's own documents and data.

Every row makes NEW from a fresh copy of OLD by one edit and names exactly the changes ``diff``
must find: ``(check, pointer)`` for documents, ``(check, path)`` for data. A row with no
changes is an edit that changes nothing (key order, reordering, a schema moved). The union of
the rows' checks is every ``diff.*`` check of the catalog (``test_catalog_rows.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from tests.checks import own
from tests.support.paths import SPECS

Change = Callable[[Any], object]
REGISTRY_SPEC = "model-registry.openapi.yaml"
GATEWAY_SPEC = "ai-gateway.openapi.yaml"
REG_OP = "/paths/~1v1~1public~1model-registry~1models/get"
GW_OP = "/paths/~1v1~1models/get"
GW_200 = f"{GW_OP}/responses/200/content/application~1json/schema"
ITEM = "/components/schemas/ModelRegistryItem"


@dataclass(frozen=True)
class Case:
    name: str
    base: str
    """A file in specs/, or ``registry`` / ``gateway`` (the project's own data)."""
    change: Change
    expected: tuple[tuple[str, str], ...]
    verdict: tuple[str, frozenset[str]] | None = None
    """The worst severity of the changes and whom they break together, where a reviewer would
    ask (the classes of requests, security, shapes and whom a change breaks)."""

    def __str__(self) -> str:
        return self.name


@cache
def _spec(name: str) -> Any:
    return yaml.safe_load((SPECS / name).read_text("utf-8"))


def spec(name: str) -> Any:
    """A private copy of a document in specs/."""
    return copy.deepcopy(_spec(name))


def pair(case: Case) -> tuple[Any, Any]:
    """(OLD, NEW) of a case."""
    if case.base in DERIVED:
        old = DERIVED[case.base]()
    elif case.base == "registry":
        old = own.registry()
    elif case.base == "gateway":
        old = own.gateway()
    else:
        old = spec(case.base)
    new = copy.deepcopy(old)
    case.change(new)
    return old, new


def _schemas(doc: Any) -> Any:
    return doc["components"]["schemas"]


def _reg_op(doc: Any) -> Any:
    return doc["paths"]["/v1/public/model-registry/models"]["get"]


def _gw_op(doc: Any) -> Any:
    return doc["paths"]["/v1/models"]["get"]


def _gw_model(doc: Any) -> Any:
    return _gw_op(doc)["responses"]["200"]["content"]["application/json"]["schema"]["properties"][
        "data"
    ]["items"]


def _item(doc: Any) -> Any:
    return _schemas(doc)["ModelRegistryItem"]


def _add_property(required: bool) -> Change:
    def change(doc: Any) -> None:
        _item(doc)["properties"]["slug"] = {"type": "string"}
        if required:
            _item(doc)["required"].append("slug")

    return change


def _rename_rate_limits(doc: Any) -> None:
    _schemas(doc)["ProviderRateLimits"] = _schemas(doc).pop("RateLimits")
    for name in ("ModelProviderConfig", "EndpointConfig"):
        _schemas(doc)[name]["properties"]["rateLimits"] = {
            "$ref": "#/components/schemas/ProviderRateLimits"
        }


def _inline_plugin_id(doc: Any, *, keep: bool) -> None:
    plugin = _schemas(doc)["PluginId"] if keep else _schemas(doc).pop("PluginId")
    _schemas(doc)["ModelProviderConfig"]["properties"]["supportedPlugins"]["items"] = dict(plugin)


def _add_operation(doc: Any) -> None:
    operation = copy.deepcopy(_reg_op(doc))
    operation["operationId"] = "GetModelRegistryV2"
    doc["paths"]["/v1/public/model-registry/models-v2"] = {"get": operation}


def _reversed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reversed(value[key]) for key in reversed(value)}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value


def _replace(doc: Any, value: Any) -> None:
    doc.clear()
    doc.update(value)


def _edit(path: str, value: Any) -> Change:
    """Set the member at a dotted path of keys (and list indexes)."""

    def change(doc: Any) -> None:
        *parents, last = path.split(".")
        node = doc
        for step in parents:
            node = node[int(step)] if isinstance(node, list) else node[step]
        node[last] = value

    return change


def _with_model_path() -> Any:
    """The registry document with an operation on one model, ``{model}`` in its path, taking an
    optional ``fields`` query parameter."""
    doc = spec(REGISTRY_SPEC)
    operation = copy.deepcopy(_reg_op(doc))
    operation["operationId"] = "GetModel"
    operation["parameters"] = [
        {"name": "model", "in": "path", "required": True, "schema": {"type": "string"}},
        {"name": "fields", "in": "query", "schema": {"type": "string", "enum": ["all", "id"]}},
        {"name": "limit", "in": "query", "schema": {"type": "number", "format": "double"}},
        {"name": "x-team", "in": "header", "required": True, "schema": {"type": "string"}},
    ]
    doc["paths"][MODEL_PATH] = {"get": operation}
    return doc


MODEL_PATH = "/v1/public/model-registry/models/{model}"
MODEL_OP = "/paths/~1v1~1public~1model-registry~1models~1{model}/get"


def _with_security() -> Any:
    """The gateway document with bearer authentication required everywhere."""
    doc = spec(GATEWAY_SPEC)
    _global_security(doc)
    return doc


DERIVED: dict[str, Callable[[], Any]] = {
    "registry with a model path": _with_model_path,
    "gateway with security": _with_security,
}
SECURED = "gateway with security"
WITH_PATH = "registry with a model path"
CLIENTS = frozenset({"strict-clients", "tolerant-clients"})
SERVERS = frozenset({"implementations"})
EVERYONE = CLIENTS | SERVERS
BEARER = {"bearer": {"type": "http", "scheme": "bearer"}}


def _model_op(doc: Any) -> Any:
    return doc["paths"][MODEL_PATH]["get"]


def _parameter(name: str) -> Callable[[Any], Any]:
    return lambda doc: next(p for p in _model_op(doc)["parameters"] if p["name"] == name)


def _rename_path_parameter(doc: Any) -> None:
    item = doc["paths"].pop(MODEL_PATH)
    item["get"]["parameters"][0]["name"] = "id"
    doc["paths"]["/v1/public/model-registry/models/{id}"] = item


def _global_security(doc: Any) -> None:
    doc["security"] = [{"bearer": []}]
    doc.setdefault("components", {})["securitySchemes"] = BEARER


def _operation_security(doc: Any) -> None:
    _reg_op(doc)["security"] = [{"bearer": []}]
    doc["components"]["securitySchemes"] = BEARER


def _status_renamed(doc: Any) -> None:
    responses = _gw_op(doc)["responses"]
    responses["201"] = responses.pop("200")


def _media_type_replaced(doc: Any) -> None:
    content = _gw_op(doc)["responses"]["200"]["content"]
    content["application/vnd.models+json"] = content.pop("application/json")


def _all_of_one(description: str | None) -> Change:
    def change(doc: Any) -> None:
        holder = _schemas(doc)["ResultSuccess_ModelRegistryResponse_"]["properties"]
        wrapped: dict[str, Any] = {"allOf": [holder["data"]]}
        if description is not None:
            wrapped["description"] = description
        holder["data"] = wrapped

    return change


SUCCESS_DATA = "/components/schemas/ResultSuccess_ModelRegistryResponse_/properties/data"

DOCUMENT_CASES = [
    Case("enum value added", REGISTRY_SPEC,
         lambda d: _schemas(d)["ModelProviderName"]["enum"].append("newcloud"),
         (("diff.enum-value-added", "/components/schemas/ModelProviderName/enum/21"),)),
    Case("enum value removed", REGISTRY_SPEC,
         lambda d: _schemas(d)["InputModality"]["enum"].remove("video"),
         (("diff.enum-value-removed", "/components/schemas/InputModality/enum/3"),)),
    Case("optional property added where additionalProperties: false", REGISTRY_SPEC,
         _add_property(required=False), (("diff.property-added", f"{ITEM}/properties/slug"),)),
    Case("optional property added to an open object", GATEWAY_SPEC,
         lambda d: _gw_model(d)["properties"].update(root={"type": "string"}),
         (("diff.property-added-open", f"{GW_200}/properties/data/items/properties/root"),)),
    Case("required property added", REGISTRY_SPEC, _add_property(required=True),
         (("diff.required-property-added", f"{ITEM}/properties/slug"),)),
    Case("property made optional", REGISTRY_SPEC, lambda d: _item(d)["required"].remove("name"),
         (("diff.property-made-optional", f"{ITEM}/properties/name"),)),
    Case("property made required", REGISTRY_SPEC,
         lambda d: _item(d)["required"].append("maxOutput"),
         (("diff.property-made-required", f"{ITEM}/properties/maxOutput"),)),
    Case("property removed", REGISTRY_SPEC,
         lambda d: _item(d)["properties"].pop("pinnedVersionOfModel"),
         (("diff.property-removed", f"{ITEM}/properties/pinnedVersionOfModel"),)),
    Case("required property removed", GATEWAY_SPEC,
         lambda d: (_gw_model(d)["properties"].pop("owned_by"),
                    _gw_model(d)["required"].remove("owned_by")),
         (("diff.property-removed", f"{GW_200}/properties/data/items/properties/owned_by"),)),
    Case("type changed", REGISTRY_SPEC,
         _edit("components.schemas.ModelEndpoint.properties.supportsPtb.type", "string"),
         (("diff.type-changed", "/components/schemas/ModelEndpoint/properties/supportsPtb/type"),)),
    Case("operation removed", GATEWAY_SPEC, lambda d: d["paths"].clear(),
         (("diff.operation-removed", GW_OP),)),
    Case("operation added", REGISTRY_SPEC, _add_operation,
         (("diff.operation-added", "/paths/~1v1~1public~1model-registry~1models-v2/get"),)),
    Case("status added", GATEWAY_SPEC,
         lambda d: _gw_op(d)["responses"].update({"404": {"description": "Not found"}}),
         (("diff.status-added", f"{GW_OP}/responses/404"),)),
    Case("status removed", GATEWAY_SPEC, lambda d: _gw_op(d)["responses"].pop("500"),
         (("diff.status-removed", f"{GW_OP}/responses/500"),)),
    Case("media type added", GATEWAY_SPEC,
         lambda d: _gw_op(d)["responses"]["200"]["content"].update(
             {"text/plain": {"schema": {"type": "string"}}}),
         (("diff.media-type-added", f"{GW_OP}/responses/200/content/text~1plain"),)),
    Case("media type removed", GATEWAY_SPEC,
         lambda d: _gw_op(d)["responses"]["500"].pop("content"),
         (("diff.media-type-removed", f"{GW_OP}/responses/500/content/application~1json"),)),
    # Requests: compared for compatibility.
    Case("required query parameter added", REGISTRY_SPEC,
         lambda d: _reg_op(d)["parameters"].append(
             {"name": "author", "in": "query", "required": True, "schema": {"type": "string"}}),
         (("diff.parameter-added", f"{REG_OP}/parameters/0"),), ("breaking", CLIENTS)),
    Case("optional query parameter added", REGISTRY_SPEC,
         lambda d: _reg_op(d)["parameters"].append(
             {"name": "author", "in": "query", "schema": {"type": "string"}}),
         (("diff.optional-parameter-added", f"{REG_OP}/parameters/0"),), ("info", frozenset())),
    Case("optional parameter made required", WITH_PATH,
         lambda d: _parameter("fields")(d).update(required=True),
         (("diff.parameter-made-required", f"{MODEL_OP}/parameters/1/required"),),
         ("breaking", CLIENTS)),
    Case("parameter removed", WITH_PATH, lambda d: _model_op(d)["parameters"].pop(1),
         (("diff.parameter-removed", f"{MODEL_OP}/parameters/1"),), ("breaking", CLIENTS)),
    Case("parameter moved to a header", WITH_PATH,
         lambda d: _parameter("fields")(d).update({"in": "header"}),
         (("diff.parameter-moved", f"{MODEL_OP}/parameters/1/in"),), ("breaking", EVERYONE)),
    Case("parameter enum narrowed", WITH_PATH,
         lambda d: _parameter("fields")(d)["schema"]["enum"].remove("id"),
         (("diff.request-narrowed", f"{MODEL_OP}/parameters/1/schema/enum/1"),),
         ("breaking", CLIENTS)),
    Case("parameter enum widened", WITH_PATH,
         lambda d: _parameter("fields")(d)["schema"]["enum"].append("name"),
         (("diff.request-widened", f"{MODEL_OP}/parameters/1/schema/enum/2"),),
         ("breaking", SERVERS)),
    Case("parameter type narrowed", WITH_PATH,
         lambda d: _parameter("limit")(d)["schema"].update(type="integer"),
         (("diff.request-narrowed", f"{MODEL_OP}/parameters/2/schema/type"),),
         ("breaking", CLIENTS)),
    Case("parameter made optional", WITH_PATH,
         lambda d: _parameter("x-team")(d).pop("required"),
         (("diff.parameter-made-optional", f"{MODEL_OP}/parameters/3/required"),),
         ("breaking", SERVERS)),
    Case("parameter format replaced", WITH_PATH,
         lambda d: _parameter("limit")(d)["schema"].update(format="float"),
         (("diff.request-changed", f"{MODEL_OP}/parameters/2/schema/format"),),
         ("breaking", EVERYONE)),
    Case("parameter serialised otherwise", WITH_PATH,
         lambda d: _parameter("fields")(d).update(style="spaceDelimited"),
         (("diff.request-changed", f"{MODEL_OP}/parameters/1/style"),), ("breaking", EVERYONE)),
    Case("parameter description changed", WITH_PATH,
         lambda d: _parameter("fields")(d).update(description="Which fields."),
         (("diff.description-changed", f"{MODEL_OP}/parameters/1/description"),),
         ("info", frozenset())),
    Case("path parameter renamed", WITH_PATH, _rename_path_parameter, (), ("info", frozenset())),
    Case("required request body added", REGISTRY_SPEC,
         lambda d: _reg_op(d).update(requestBody={"required": True, "content": {
             "application/json": {"schema": {"type": "object"}}}}),
         (("diff.parameter-added", f"{REG_OP}/requestBody"),), ("breaking", CLIENTS)),
    # Security requirements.
    Case("global security added", GATEWAY_SPEC, _global_security,
         (("diff.security-added", "/security"),), ("breaking", CLIENTS)),
    Case("operation security added", REGISTRY_SPEC, _operation_security,
         (("diff.security-added", f"{REG_OP}/security"),), ("breaking", CLIENTS)),
    Case("security removed", SECURED, lambda d: d.update(security=[]),
         (("diff.security-removed", "/security"),), ("breaking", SERVERS)),
    Case("security scheme replaced", SECURED,
         lambda d: (d["components"]["securitySchemes"].update(
             key={"type": "apiKey", "in": "header", "name": "X-Key"}),
             d.update(security=[{"key": []}])),
         (("diff.security-changed", "/security"),), ("breaking", EVERYONE)),
    # Whom a response change breaks, by the rule.
    Case("integer to number in a response", GATEWAY_SPEC,
         lambda d: _gw_model(d)["properties"]["created"].update(type="number"),
         (("diff.type-widened", f"{GW_200}/properties/data/items/properties/created/type"),),
         ("breaking", CLIENTS)),
    Case("number to integer in a response", REGISTRY_SPEC,
         _edit("components.schemas.ModelRegistryItem.properties.contextLength.type", "integer"),
         (("diff.type-narrowed", f"{ITEM}/properties/contextLength/type"),),
         ("breaking", SERVERS)),
    Case("status 200 to 201", GATEWAY_SPEC, _status_renamed,
         (("diff.status-added", f"{GW_OP}/responses/201"),
          ("diff.status-removed", f"{GW_OP}/responses/200")), ("breaking", EVERYONE)),
    Case("media type replaced", GATEWAY_SPEC, _media_type_replaced,
         (("diff.media-type-added", f"{GW_OP}/responses/200/content/application~1vnd.models+json"),
          ("diff.media-type-removed", f"{GW_OP}/responses/200/content/application~1json")),
         ("breaking", EVERYONE)),
    # Shapes, not spellings.
    Case("a reference wrapped in an allOf of one", REGISTRY_SPEC, _all_of_one(None), (),
         ("info", frozenset())),
    Case("a reference wrapped in an allOf of one with a description", REGISTRY_SPEC,
         _all_of_one("The registry."),
         (("diff.description-changed", f"{SUCCESS_DATA}/description"),), ("info", frozenset())),
    Case("additionalProperties: false lifted", REGISTRY_SPEC,
         lambda d: _item(d).pop("additionalProperties"),
         (("diff.extra-keys-allowed", f"{ITEM}/additionalProperties"),)),
    Case("additionalProperties: false added", REGISTRY_SPEC,
         _edit("components.schemas.ModelRegistryResponse.properties.filters.additionalProperties", False),  # noqa: E501
         (("diff.constraint-tightened",
           "/components/schemas/ModelRegistryResponse/properties/filters/additionalProperties"),)),
    Case("bound added", REGISTRY_SPEC, _edit(
        "components.schemas.ModelRegistryItem.properties.id.maxLength", 200),
         (("diff.constraint-tightened", f"{ITEM}/properties/id/maxLength"),)),
    Case("anyOf member removed", REGISTRY_SPEC,
         lambda d: _schemas(d)["Result_ModelRegistryResponse.string_"]["anyOf"].pop(1),
         (("diff.constraint-tightened",
           "/components/schemas/Result_ModelRegistryResponse.string_/anyOf/1"),)),
    Case("nullable added", REGISTRY_SPEC,
         _edit("components.schemas.ModelRegistryItem.properties.description.nullable", True),
         (("diff.constraint-loosened", f"{ITEM}/properties/description/nullable"),)),
    Case("anyOf member added", REGISTRY_SPEC,
         lambda d: _schemas(d)["Result_ModelRegistryResponse.string_"]["anyOf"].append(
             {"$ref": "#/components/schemas/ModelRegistryResponse"}),
         (("diff.constraint-loosened",
           "/components/schemas/Result_ModelRegistryResponse.string_/anyOf/2"),)),
    Case("enum of null grows", REGISTRY_SPEC,
         lambda d: _schemas(d)["ResultSuccess_ModelRegistryResponse_"]["properties"]["error"][
             "enum"].append(0),
         (("diff.constraint-loosened",
           "/components/schemas/ResultSuccess_ModelRegistryResponse_/properties/error/enum/1"),)),
    Case("format replaced", REGISTRY_SPEC,
         _edit("components.schemas.ModelRegistryItem.properties.contextLength.format", "float"),
         (("diff.constraint-changed", f"{ITEM}/properties/contextLength/format"),)),
    Case("component renamed", REGISTRY_SPEC, _rename_rate_limits,
         (("diff.component-renamed", "/components/schemas/ProviderRateLimits"),)),
    Case("component added", REGISTRY_SPEC,
         lambda d: _schemas(d).update(Unused={"type": "string"}),
         (("diff.component-added", "/components/schemas/Unused"),)),
    Case("component inlined and removed", REGISTRY_SPEC,
         lambda d: _inline_plugin_id(d, keep=False),
         (("diff.component-removed", "/components/schemas/PluginId"),)),
    Case("operation description changed", REGISTRY_SPEC,
         lambda d: _reg_op(d).update(description="All models"),
         (("diff.description-changed", f"{REG_OP}/description"),)),
    Case("schema description changed", REGISTRY_SPEC,
         _edit("components.schemas.ModalityPricing.description", "Per-modality prices."),
         (("diff.description-changed", "/components/schemas/ModalityPricing/description"),)),
    Case("example changed", REGISTRY_SPEC,
         _edit("paths./v1/public/model-registry/models.get.responses.200.content."
               "application/json.examples.Example 1.value.total", 151),
         (("diff.example-changed", f"{REG_OP}/responses/200/content/application~1json/examples"),)),
    Case("operationId changed", REGISTRY_SPEC,
         lambda d: _reg_op(d).update(operationId="ListModels"),
         (("diff.annotation-changed", f"{REG_OP}/operationId"),)),
    Case("extension added", REGISTRY_SPEC, lambda d: _item(d).update({"x-internal": True}),
         (("diff.annotation-changed", f"{ITEM}/x-internal"),)),
    # Edits that change nothing.
    Case("nothing", REGISTRY_SPEC, lambda d: None, ()),
    Case("keys reversed everywhere", REGISTRY_SPEC, lambda d: _replace(d, _reversed(d)), ()),
    Case("keys reversed everywhere (gateway)", GATEWAY_SPEC,
         lambda d: _replace(d, _reversed(d)), ()),
    Case("enum reordered", REGISTRY_SPEC,
         lambda d: _schemas(d)["ModelProviderName"]["enum"].reverse(), ()),
    Case("required reordered", REGISTRY_SPEC, lambda d: _item(d)["required"].reverse(), ()),
    Case("anyOf members swapped", REGISTRY_SPEC,
         lambda d: _schemas(d)["Result_ModelRegistryResponse.string_"]["anyOf"].reverse(), ()),
    Case("a reference inlined, the component kept", REGISTRY_SPEC,
         lambda d: _inline_plugin_id(d, keep=True), ()),
]  # fmt: skip


def _models(doc: Any) -> Any:
    return doc["data"]["models"]


def _endpoint(model: int, endpoint: int = 0) -> Callable[[Any], Any]:
    return lambda doc: _models(doc)[model]["endpoints"][endpoint]


def _price(model: int, key: str, factor: float, endpoint: int = 0) -> Change:
    def change(doc: Any) -> None:
        _endpoint(model, endpoint)(doc)["pricing"][key] *= factor

    return change


def _remove_model(doc: Any) -> None:
    _models(doc).pop(1)
    doc["data"]["total"] -= 1


def _add_model(doc: Any) -> None:
    model = copy.deepcopy(_models(doc)[9])
    model.update(id="deepseek-v3.1", name="DeepSeek: DeepSeek V3.1")
    _models(doc).append(model)
    doc["data"]["total"] += 1


def _add_endpoint(doc: Any) -> None:
    endpoint = copy.deepcopy(_endpoint(8)(doc))
    endpoint.update(provider="deepinfra", providerSlug="deepinfra")
    _models(doc)[8]["endpoints"].append(endpoint)


def _renamed_and_changed(doc: Any) -> None:
    _models(doc)[4].update(id="o4-mini-2025-04-16", contextLength=400000)


def _drift(doc: Any) -> None:
    _models(doc)[8]["inputModalities"].append("smell")
    _endpoint(8)(doc)["region"] = "mars-1"


def _record_limits(doc: Any) -> None:
    record = _endpoint(0)(doc)["endpoint"]
    record["contextLength"] = 1000000
    record["modelConfig"]["rateLimits"] = {"rpm": 60}


PRICE = "$.data.models[2].endpoints[0].pricing.prompt"

REGISTRY_CASES = [
    Case("model removed", "registry", _remove_model, (("diff.model-removed", "$.data.models[1]"),)),
    Case("model added", "registry", _add_model, (("diff.model-added", "$.data.models[10]"),)),
    Case("model renamed, nothing else changed", "registry",
         lambda d: _models(d)[4].update(id="o4-mini-2025-04-16"),
         (("diff.model-renamed", "$.data.models[4].id"),)),
    Case("model renamed, same author and name", "registry", _renamed_and_changed,
         (("diff.model-renamed", "$.data.models[4].id"),
          ("diff.limit-changed", "$.data.models[4].contextLength"))),
    Case("endpoint removed", "registry", lambda d: _models(d)[0]["endpoints"].pop(2),
         (("diff.endpoint-removed", "$.data.models[0].endpoints[2]"),)),
    Case("endpoint added", "registry", _add_endpoint,
         (("diff.endpoint-added", "$.data.models[8].endpoints[1]"),)),
    Case("price changed", "registry", _price(2, "prompt", 1.2), (("diff.price-changed", PRICE),)),
    Case("price just under 10x", "registry", _price(2, "prompt", 9.99),
         (("diff.price-changed", PRICE),)),
    Case("price 10x", "registry", _price(2, "prompt", 10), (("diff.price-jump", PRICE),)),
    Case("price per token instead of per million", "registry", _price(2, "prompt", 1e-6),
         (("diff.price-jump", PRICE),)),
    Case("price per million times a million", "registry", _price(2, "prompt", 1e6),
         (("diff.price-jump", PRICE),)),
    Case("price to zero", "registry", _price(2, "prompt", 0), (("diff.price-changed", PRICE),)),
    Case("float artifact written out", "registry",
         lambda d: _endpoint(0)(d)["pricingTiers"][0].update(cacheRead=0.3), ()),
    Case("price added, capability gained", "registry",
         lambda d: _endpoint(8)(d)["pricing"].update(cacheRead=0.1),
         (("diff.capabilities-changed", "$.data.models[8]"),
          ("diff.price-changed", "$.data.models[8].endpoints[0].pricing.cacheRead"))),
    Case("price removed", "registry", lambda d: _endpoint(0)(d)["pricing"].pop("web_search"),
         (("diff.price-changed", "$.data.models[0].endpoints[0].pricing.web_search"),)),
    Case("nested price changed", "registry",
         lambda d: _endpoint(7)(d)["pricing"]["audio"].update(input=1.5),
         (("diff.price-changed", "$.data.models[7].endpoints[0].pricing.audio.input"),)),
    Case("tier price changed", "registry",
         lambda d: _endpoint(0)(d)["pricingTiers"][1].update(prompt=7),
         (("diff.price-changed", "$.data.models[0].endpoints[0].pricingTiers[1].prompt"),)),
    Case("tier removed", "registry", lambda d: _endpoint(0)(d)["pricingTiers"].pop(1),
         (("diff.price-changed", "$.data.models[0].endpoints[0].pricingTiers[1]"),)),
    Case("context length changed", "registry",
         lambda d: _models(d)[6].update(contextLength=2097152),
         (("diff.limit-changed", "$.data.models[6].contextLength"),)),
    Case("max output changed", "registry", lambda d: _models(d)[6].update(maxOutput=32768),
         (("diff.limit-changed", "$.data.models[6].maxOutput"),)),
    Case("modality gained", "registry", lambda d: _models(d)[8]["inputModalities"].append("image"),
         (("diff.modalities-changed", "$.data.models[8].inputModalities"),)),
    Case("parameter lost", "registry", lambda d: _models(d)[8]["supportedParameters"].pop(0),
         (("diff.parameters-changed", "$.data.models[8].supportedParameters"),)),
    Case("name changed", "registry", lambda d: _models(d)[9].update(name="DeepSeek V3 (0324)"),
         (("diff.model-changed", "$.data.models[9].name"),)),
    Case("provider slug changed", "registry",
         lambda d: _endpoint(0, 1)(d).update(providerSlug="vertex-ai"),
         (("diff.model-changed", "$.data.models[0].endpoints[1].providerSlug"),)),
    Case("unknown enum values and an extra key: drift from the strict schema", "registry",
         _drift, (("diff.schema-drift", "$.data.models[8].inputModalities[1]"),
                  ("diff.modalities-changed", "$.data.models[8].inputModalities"),
                  ("diff.schema-drift", "$.data.models[8].endpoints[0].region"))),
    Case("an endpoint record's own price", "registry",
         lambda d: _endpoint(0)(d)["endpoint"]["pricing"][1].update(input=1.2e-4),
         (("diff.price-jump", "$.data.models[0].endpoints[0].endpoint.pricing[1].input"),)),
    Case("an endpoint record's limits", "registry", _record_limits,
         (("diff.limit-changed", "$.data.models[0].endpoints[0].endpoint.contextLength"),
          ("diff.limit-changed",
           "$.data.models[0].endpoints[0].endpoint.modelConfig.rateLimits.rpm"))),
    Case("models reordered", "registry", lambda d: _models(d).reverse(), ()),
    Case("endpoints reordered", "registry", lambda d: _models(d)[0]["endpoints"].reverse(), ()),
]  # fmt: skip


def _gateway_models(doc: Any) -> Any:
    return doc["data"]


GATEWAY_CASES = [
    Case("model removed", "gateway", lambda d: _gateway_models(d).pop(2),
         (("diff.model-removed", "$.data[2]"),)),
    Case("model added", "gateway",
         lambda d: _gateway_models(d).append(
             {"id": "o4-mini", "object": "model", "created": 1744761600, "owned_by": "openai"}),
         (("diff.model-added", "$.data[3]"),)),
    Case("model renamed", "gateway", lambda d: _gateway_models(d)[1].update(id="gpt-4o-0513"),
         (("diff.model-renamed", "$.data[1].id"),)),
    Case("owned_by changed", "gateway",
         lambda d: _gateway_models(d)[0].update(owned_by="anthropic-ai"),
         (("diff.model-changed", "$.data[0].owned_by"),)),
    Case("created changed", "gateway", lambda d: _gateway_models(d)[0].update(created=1747267200),
         (("diff.model-changed", "$.data[0].created"),)),
    Case("models reordered", "gateway", lambda d: _gateway_models(d).reverse(), ()),
]  # fmt: skip
