"""The real captured documents, parsed once and handed out as fresh copies to mutate."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from specload import parse_json
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY


@cache
def _parsed(path: str) -> Any:
    with open(path, "rb") as handle:
        return parse_json(handle.read(), path)


def registry() -> Any:
    """A private copy of the real registry response ({data, error})."""
    return copy.deepcopy(_parsed(str(REAL_REGISTRY)))


def gateway() -> Any:
    """A private copy of the real gateway /v1/models list."""
    return copy.deepcopy(_parsed(str(REAL_GATEWAY)))
