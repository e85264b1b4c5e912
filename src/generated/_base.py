"""The base of every generated model: JSON's values, nothing wider."""

import math
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    JsonValue,
)
from pydantic_core import core_schema


def _finite(value: JsonValue) -> JsonValue:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("JSON has no NaN or Infinity")
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
    return value


class ContractModel(BaseModel):
    # JSON has no NaN or Infinity; a Python caller must not smuggle them past the schema.
    model_config = ConfigDict(allow_inf_nan=False)
    # Extra keys (where a model keeps them) hold JSON values too: no NaN, Infinity or overflowing
    # number from JSON text, no Python object that JSON cannot spell (a date, a tuple), which a
    # dump would silently turn into null or a string.
    __pydantic_extra__: dict[str, Annotated[JsonValue, AfterValidator(_finite)]] = Field(init=False)


def _keep_integer(value: Any, as_float: core_schema.ValidatorFunctionWrapHandler) -> Any:
    return value if type(value) is int else as_float(value)


class _StrictJsonNumber:
    # A JSON number written as an integer stays an int (200000 dumps as 200000, not 200000.0);
    # anything else is a strict float: no string, no bool, no NaN or Infinity, one error.
    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_wrap_validator_function(
            _keep_integer,
            core_schema.float_schema(strict=True, allow_inf_nan=False),
            serialization=core_schema.simple_ser_schema("any"),
        )


JsonNumber = Annotated[int | float, _StrictJsonNumber()]
"""A JSON Schema ``number``: an int when written as an integer, else a finite float."""


def null_discriminator(field: str, *, null: str, not_null: str) -> Discriminator:
    """Choose a union branch by the document's own shape: ``null`` when ``field`` is null or
    absent, else ``not_null``; errors then come from that branch only."""

    def branch(value: Any) -> str:
        found = value.get(field) if isinstance(value, dict) else getattr(value, field, None)
        return null if found is None else not_null

    return Discriminator(branch)
