"""Tolerant reader models: the strict models' classes with open enums and extra keys kept.

The strict models (generated.registry, generated.gateway) check; these read. A document the
strict models accept, these accept; a new enum value or key, these keep; a wrong type, a
missing required field or a null where none is allowed, these still reject. Do not edit.
"""

__all__ = ["gateway", "registry"]
