"""Fault variants that serve wrong DATA with a correct transport: schema, semantics, cross-API.

Each changes one value of the reference server's data, once, at construction (see
``ReferenceApp.transform_registry`` / ``transform_gateway``); the gateway list stays derived from
the (changed) registry unless the variant is about the gateway. ``TARGET`` is the model index a
variant changes, so that a finding's path is predictable: ``$.data.models[3]...``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from conformance.server import ReferenceApp

TARGET = 3


class FaultVariant(ReferenceApp):
    """A reference server that breaks exactly one thing (``name``, in category ``breaks``)."""

    name: ClassVar[str]
    breaks: ClassVar[str]
    path: ClassVar[str | None] = None  # where the fault is, for data faults


def _model(document: dict[str, Any]) -> dict[str, Any]:
    model: dict[str, Any] = document["data"]["models"][TARGET]
    return model


# -- schema ------------------------------------------------------------------------------------
class InvalidInputModality(FaultVariant):
    """A model lists 'pdf' as an input modality (not in the InputModality enum)."""

    name, breaks = "invalid-input-modality", "schema"
    path = f"$.data.models[{TARGET}].inputModalities[0]"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        _model(document)["inputModalities"][0] = "pdf"
        return document


class ExtraModelKey(FaultVariant):
    """A model carries a key ModelRegistryItem does not declare (additionalProperties: false)."""

    name, breaks = "extra-model-key", "schema"
    path = f"$.data.models[{TARGET}]"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        _model(document)["releaseDate"] = "2025-01-01"
        return document


class NumberAsString(FaultVariant):
    """A model's contextLength is sent as a string ("128000" rather than 128000)."""

    name, breaks = "number-as-string", "schema"
    path = f"$.data.models[{TARGET}].contextLength"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        model = _model(document)
        model["contextLength"] = str(model["contextLength"])
        return document


class GatewayWrongObjectType(FaultVariant):
    """A gateway entry says object 'models' where the enum allows only 'model'."""

    name, breaks = "gateway-wrong-object-type", "schema"
    path = f"$.data[{TARGET}].object"

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"][TARGET]["object"] = "models"
        return document


# -- semantics ---------------------------------------------------------------------------------
class TotalWrong(FaultVariant):
    """``total`` is one more than the number of models."""

    name, breaks, path = "total-wrong", "semantics", "$.data.total"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"]["total"] = len(document["data"]["models"]) + 1
        return document


class DuplicateModelId(FaultVariant):
    """Two models share an id (the model after TARGET takes TARGET's id)."""

    name, breaks = "duplicate-model-id", "semantics"
    path = f"$.data.models[{TARGET + 1}].id"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        models = document["data"]["models"]
        models[TARGET + 1]["id"] = models[TARGET]["id"]
        return document


class AuthorsUnsorted(FaultVariant):
    """``filters.authors`` holds the right authors in reverse order."""

    name, breaks, path = "authors-unsorted", "semantics", "$.data.filters.authors"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"]["filters"]["authors"].reverse()
        return document


class AuthorMissing(FaultVariant):
    """``filters.authors`` lacks the author of TARGET (still sorted)."""

    name, breaks, path = "author-missing", "semantics", "$.data.filters.authors"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"]["filters"]["authors"].remove(_model(document)["author"])
        return document


class ProviderMissing(FaultVariant):
    """``filters.providers`` lacks its first provider, though endpoints still use it."""

    name, breaks, path = "provider-missing", "semantics", "$.data.filters.providers"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        del document["data"]["filters"]["providers"][0]
        return document


class CapabilityUnbacked(FaultVariant):
    """``filters.capabilities`` names a capability no endpoint's pricing offers."""

    name, breaks, path = "capability-unbacked", "semantics", "$.data.filters.capabilities"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        capabilities = document["data"]["filters"]["capabilities"]
        extra = next(c for c in ("video", "thinking", "audio") if c not in capabilities)
        capabilities[:] = sorted([*capabilities, extra])
        return document


class NegativePrice(FaultVariant):
    """An endpoint's prompt price is negative."""

    name, breaks = "negative-price", "semantics"
    path = f"$.data.models[{TARGET}].endpoints[0].pricing.prompt"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        pricing = _model(document)["endpoints"][0]["pricing"]
        pricing["prompt"] = -abs(pricing["prompt"]) or -1.0
        return document


class TrainingDateOnly(FaultVariant):
    """A trainingDate is a bare date ('2024-07-18'), not the full ISO timestamp always sent."""

    name, breaks = "training-date-only", "semantics"
    path = f"$.data.models[{TARGET}].trainingDate"

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        model = _model(document)
        model["trainingDate"] = model["trainingDate"][:10]
        return document


# -- cross-API (the registry is untouched; the gateway list disagrees with it) -----------------
class GatewayMissingModel(FaultVariant):
    """The gateway list leaves out the registry's last model."""

    name, breaks, path = "gateway-missing-model", "cross", "$.data"

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"].pop()
        return document


class GatewayOwnerDiffers(FaultVariant):
    """A gateway entry's owned_by differs from the registry model's author."""

    name, breaks = "gateway-owner-differs", "cross"
    path = f"$.data[{TARGET}].owned_by"

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"][TARGET]["owned_by"] = "helicone"
        return document


class GatewayCreatedDiffers(FaultVariant):
    """A gateway entry's created is one day after the registry model's trainingDate."""

    name, breaks = "gateway-created-differs", "cross"
    path = f"$.data[{TARGET}].created"

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        document["data"][TARGET]["created"] += 86_400
        return document


class GatewayOrderDiffers(FaultVariant):
    """The gateway lists the same models, but TARGET and the next one swapped."""

    name, breaks, path = "gateway-order-differs", "cross", f"$.data[{TARGET}]"

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        items = document["data"]
        items[TARGET], items[TARGET + 1] = items[TARGET + 1], items[TARGET]
        return document
