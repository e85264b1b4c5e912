"""The project's own data, handed out as fresh copies to mutate: the default registry the tool
ships, a small gateway list written here (ids, authors and dates of that registry), and the
whole gateway list that registry must give, written out by hand."""

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


def served_gateway() -> Any:
    """The /v1/models list the reference server must derive from the default registry, written
    out by hand (ids and order, authors, training dates in Unix seconds): the oracle of the
    derivation, and the gateway document every fault of the gateway is made in."""
    rows = [
        ("claude-sonnet-4", 1747180800, "anthropic"),
        ("claude-3.5-haiku", 1729555200, "anthropic"),
        ("gpt-4o", 1715558400, "openai"),
        ("gpt-4o-mini", 1721260800, "openai"),
        ("o4-mini", 1744761600, "openai"),
        ("gpt-image-1", 1745366400, "openai"),
        ("gemini-2.5-pro", 1750118400, "google"),
        ("gemini-2.5-flash", 1750118400, "google"),
        ("llama-3.3-70b-versatile", 1733443200, "meta-llama"),
        ("deepseek-v3", 1735171200, "deepseek"),
    ]
    return {
        "object": "list",
        "data": [
            {"id": id_, "object": "model", "created": created, "owned_by": owner}
            for id_, created, owner in rows
        ],
    }
