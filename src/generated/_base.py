"""The base of every generated model: JSON's numbers, nothing wider."""

from pydantic import BaseModel, ConfigDict


class ContractModel(BaseModel):
    # JSON has no NaN or Infinity; a Python caller must not smuggle them past the schema.
    model_config = ConfigDict(allow_inf_nan=False)
