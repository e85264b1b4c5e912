"""Fault-injected variants of the reference server, each breaking exactly ONE thing.

Start any of them with ``tests.support.servers.start_server(Variant, **options)``. Each class has
a short ``name``, a category ``breaks`` and, for data faults, the ``path`` of the fault.

schema        invalid-input-modality   $.data.models[3].inputModalities[0] is 'pdf'
              extra-model-key          $.data.models[3] has an undeclared key (releaseDate)
              number-as-string         $.data.models[3].contextLength is a string
              gateway-wrong-object-type  gateway $.data[3].object is 'models'
semantics     total-wrong              total = number of models + 1
              duplicate-model-id       models[4] takes models[3]'s id
              authors-unsorted         filters.authors reversed
              author-missing           filters.authors lacks models[3]'s author
              provider-missing         filters.providers lacks its first provider
              capability-unbacked      filters.capabilities names one no pricing offers
              negative-price           models[3].endpoints[0].pricing.prompt < 0
              training-date-only       models[3].trainingDate is a bare date
cross         gateway-missing-model    gateway lacks the registry's last model
              gateway-owner-differs    gateway $.data[3].owned_by is not the author
              gateway-created-differs  gateway $.data[3].created is a day late
              gateway-order-differs    gateway entries 3 and 4 swapped
media-type    html-content-type        registry labelled text/html
              missing-content-type     gateway sent without Content-Type
json-syntax   nan-token                registry total is NaN
              trailing-garbage         gateway body followed by '}'
              invalid-utf8             byte 0xFF inside the registry's first description
status        undocumented-status      registry answers 418
              redirect                 gateway answers 302 (to a path that 404s)
              gateway-server-error     gateway answers its documented 500
transport     slow(delay=2.0)          every answer waits ``delay`` s (bounded, ends on stop)
              flaky(every=2)           every ``every``-th identical request answers 503
              dies-after(requests=3)   stops accepting connections after ``requests`` answers
hygiene       any-method-answered      POST/PUT/... answered 200 instead of 405
              registry-without-charset registry Content-Type without charset
              gateway-without-charset  gateway Content-Type without charset (as the real one)
              no-allow-header          405 without an Allow header
reference     real-data                the correct server fed the REAL registry (read from
                                       shared/data at test time, never copied): must be clean
"""

from __future__ import annotations

from typing import Any

from conformance.server import LoadedRegistry, ReferenceApp
from tests.support.faults_data import (
    AuthorMissing,
    AuthorsUnsorted,
    CapabilityUnbacked,
    DuplicateModelId,
    ExtraModelKey,
    FaultVariant,
    GatewayCreatedDiffers,
    GatewayMissingModel,
    GatewayOrderDiffers,
    GatewayOwnerDiffers,
    GatewayWrongObjectType,
    InvalidInputModality,
    NegativePrice,
    NumberAsString,
    ProviderMissing,
    TotalWrong,
    TrainingDateOnly,
)
from tests.support.faults_wire import (
    AnyMethodAnswered,
    DiesAfter,
    Flaky,
    GatewayServerError,
    GatewayWithoutCharset,
    HtmlContentType,
    InvalidUtf8,
    MissingContentType,
    NaNToken,
    NoAllowHeader,
    Redirect,
    RegistryWithoutCharset,
    Slow,
    TrailingGarbage,
    UndocumentedStatus,
)
from tests.support.servers import real_registry

Reference = ReferenceApp  # the correct server: zero findings expected


class RealData(ReferenceApp):
    """The correct server serving the real registry response (zero findings expected)."""

    name, breaks = "real-data", "nothing"

    def __init__(self, registry: LoadedRegistry | None = None, **kwargs: Any) -> None:
        super().__init__(registry=registry if registry is not None else real_registry(), **kwargs)


VARIANTS: dict[str, type[FaultVariant]] = {
    variant.name: variant
    for variant in (
        InvalidInputModality,
        ExtraModelKey,
        NumberAsString,
        GatewayWrongObjectType,
        TotalWrong,
        DuplicateModelId,
        AuthorsUnsorted,
        AuthorMissing,
        ProviderMissing,
        CapabilityUnbacked,
        NegativePrice,
        TrainingDateOnly,
        GatewayMissingModel,
        GatewayOwnerDiffers,
        GatewayCreatedDiffers,
        GatewayOrderDiffers,
        HtmlContentType,
        MissingContentType,
        NaNToken,
        TrailingGarbage,
        InvalidUtf8,
        UndocumentedStatus,
        Redirect,
        GatewayServerError,
        Slow,
        Flaky,
        DiesAfter,
        AnyMethodAnswered,
        RegistryWithoutCharset,
        GatewayWithoutCharset,
        NoAllowHeader,
    )
}
"""Every fault variant by its short name."""
