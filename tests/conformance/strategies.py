"""Hypothesis strategies for what a server may answer: statuses, media types and bodies (valid
documents, broken ones with a wrong value at a random place, error envelopes, bytes that are
not JSON). The judge's property test feeds them to the judge; the combined-fault tests serve
them over real loopback servers."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from tests.checks import own
from tests.support.json_values import json_values

JSON = json_values(max_text=6, max_items=3, max_leaves=8)
STATUSES = st.just(200) | st.sampled_from([201, 302, 400, 401, 403, 404, 405, 418, 500, 503])
CONTENT_TYPES = st.just("application/json") | st.none() | st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
     "text/html", "text/plain", "", "application/problem+json", ";;=;",
     'application/json; charset="']
) | st.text(max_size=10)  # fmt: skip


@st.composite
def broken(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with the value at a random place replaced by any JSON value."""
    if draw(st.booleans()):
        return document
    node = document
    for _ in range(draw(st.integers(0, 6))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            key = draw(st.integers(0, len(node) - 1))
        else:
            break
        if not isinstance(node[key], dict | list) or draw(st.booleans()):
            node[key] = draw(JSON)
            return document
        node = node[key]
    return document


def body(name: str) -> st.SearchStrategy[bytes]:
    own_document = st.builds(own.registry if name == "registry" else own.served_gateway)
    documents = st.one_of(
        own_document.flatmap(broken),
        JSON,
        st.builds(lambda e: {"data": None, "error": e}, JSON),
        st.builds(lambda m: {"error": {"message": m}}, JSON),
    )
    return st.one_of(
        documents.map(lambda d: json.dumps(d).encode()),
        st.binary(max_size=20),
        st.sampled_from([b"NaN", b'{"a": 1} x', b"", b"\xff{}"]),
    )
