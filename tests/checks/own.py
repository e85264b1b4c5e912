"""The project's own data, handed out as fresh copies to mutate: the default registry the tool
ships, and a small gateway list written here (ids, authors and dates of that registry)."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from tests.support.paths import REPO

DEFAULT_REGISTRY = REPO / "src" / "conformance" / "server" / "default_registry.json"


@cache
def _registry() -> Any:
    return json.loads(DEFAULT_REGISTRY.read_text("utf-8"))


def registry() -> Any:
    """A private copy of the default registry response ({data, error}; 10 models)."""
    return copy.deepcopy(_registry())


def gateway() -> Any:
    """A /v1/models list of three models, written out (not derived by the tool's code)."""
    return {
        "object": "list",
        "data": [
            {"id": "claude-sonnet-4", "object": "model", "created": 1747180800,
             "owned_by": "anthropic"},
            {"id": "gpt-4o", "object": "model", "created": 1715558400, "owned_by": "openai"},
            {"id": "deepseek-v3", "object": "model", "created": 1735171200,
             "owned_by": "deepseek"},
        ],
    }  # fmt: skip
