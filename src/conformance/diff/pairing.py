"""Which model of OLD is which of NEW: by id, and for ids that went, by what a rename keeps.

A model whose id is gone and a model whose id is new are one model renamed when a key says so
and says it of exactly one model on each side: first everything but the id, then any further
keys the caller gives (a registry model's author and name). An ambiguous key pairs nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from conformance.diff.branches import canonical

Indexed = dict[str, tuple[int, dict[str, Any]]]
"""Model id -> (its index in the list, the model)."""


@dataclass(slots=True)
class Pairing:
    kept: list[str] = field(default_factory=list)
    """Ids in both, in NEW's order."""
    renamed: dict[str, str] = field(default_factory=dict)
    """NEW id -> OLD id."""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def by_id(models: Any, id_key: str = "id") -> Indexed:
    """The models of a list by id (the first of a repeated id: validation reports the rest)."""
    found: Indexed = {}
    for index, model in enumerate(models if isinstance(models, list) else ()):
        if isinstance(model, dict) and isinstance(model.get(id_key), str):
            found.setdefault(model[id_key], (index, model))
    return found


def pair(
    old: Indexed, new: Indexed, keys: tuple[Callable[[dict[str, Any]], Hashable], ...] = ()
) -> Pairing:
    result = Pairing(kept=[model_id for model_id in new if model_id in old])
    gone = [model_id for model_id in old if model_id not in new]
    fresh = [model_id for model_id in new if model_id not in old]
    for key in (_without_id, *keys):
        old_keys = {model_id: key(old[model_id][1]) for model_id in gone}
        new_keys = {model_id: key(new[model_id][1]) for model_id in fresh}
        old_counts, new_counts = Counter(old_keys.values()), Counter(new_keys.values())
        wanted = {k: model_id for model_id, k in old_keys.items() if old_counts[k] == 1}
        for model_id, k in new_keys.items():
            if new_counts[k] == 1 and k in wanted:
                result.renamed[model_id] = wanted[k]
        paired = set(result.renamed.values())
        gone = [m for m in gone if m not in paired]
        fresh = [m for m in fresh if m not in result.renamed]
    result.added, result.removed = fresh, gone
    return result


def _without_id(model: dict[str, Any]) -> Hashable:
    return canonical({key: value for key, value in model.items() if key != "id"})
