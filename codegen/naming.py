"""Every Python name the generated code gets that is not the upstream schema's own name.

Three tables, the only place names are decided:

- ``COMPONENT_RENAMES``: upstream component names that are not readable Python (TypeScript
  generics flattened by tsoa) and their replacements. Every other component keeps its name.
- ``INLINE_NAMES``: schemas written inline in a document (the whole gateway document; a few nested
  objects of the registry), keyed by their JSON Pointer in the document as published. Codegen
  lifts each into a named component before rendering, so datamodel-code-generator never invents a
  name (``Object1``, ``Datum``, ``Provider``). An inline object schema missing from this table
  stops codegen with its pointer, so a new upstream field can't slip in under a numbered name.
- ``DOCUMENT_KINDS``: the kinds of JSON document the tool checks (``validate --kind``, lint
  examples, live answers) and the component each must match. Codegen maps every documented
  response to its kind (``generated.schemas.RESPONSE_KINDS``); a response schema without a kind
  here stops codegen.
"""

from __future__ import annotations

from typing import Final

COMPONENT_RENAMES: Final[dict[str, dict[str, str]]] = {
    "model-registry.openapi.yaml": {
        "Result_ModelRegistryResponse.string_": "ModelRegistryResult",
        "ResultSuccess_ModelRegistryResponse_": "ModelRegistrySuccess",
        "ResultError_string_": "ModelRegistryError",
        "Record_string.EndpointConfig_": "EndpointConfigMap",
    },
    "ai-gateway.openapi.yaml": {},
}

_MODELS_200 = "/paths/~1v1~1models/get/responses/200/content/application~1json/schema"
_MODELS_500 = "/paths/~1v1~1models/get/responses/500/content/application~1json/schema"

INLINE_NAMES: Final[dict[str, dict[str, str]]] = {
    "ai-gateway.openapi.yaml": {
        _MODELS_200: "ModelList",
        _MODELS_200 + "/properties/data/items": "Model",
        _MODELS_500: "ModelListError",
        _MODELS_500 + "/properties/error": "ModelListErrorDetail",
    },
    "model-registry.openapi.yaml": {
        "/components/schemas/ModelRegistryResponse/properties/filters": "ModelRegistryFilters",
        "/components/schemas/ModelRegistryResponse/properties/filters/properties/providers/items": (
            "ProviderFilter"
        ),
        "/components/schemas/ModelPricing/properties/cacheMultipliers": "CacheMultipliers",
    },
}

# The Python module each document compiles into, under src/generated/.
MODULE_NAMES: Final[dict[str, str]] = {
    "ai-gateway.openapi.yaml": "gateway",
    "model-registry.openapi.yaml": "registry",
}

# Kind -> component name (after renames and lifting). The names users type after --kind.
DOCUMENT_KINDS: Final[dict[str, str]] = {
    "registry-response": "ModelRegistryResult",
    "registry": "ModelRegistryResponse",
    "models": "ModelList",
    "models-error": "ModelListError",
}
