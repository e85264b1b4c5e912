"""The base of every generated model: JSON's values, nothing wider."""

import math
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue


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
