"""Any JSON value, drawn by Hypothesis: for properties that hold whatever a JSON body holds."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def json_values(
    *, max_text: int = 8, max_items: int = 4, max_leaves: int = 12
) -> st.SearchStrategy[Any]:
    """null, booleans, integers, finite floats and strings, nested in lists and objects."""
    text = st.text(max_size=max_text)
    leaves = (
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    )
    return st.recursive(
        leaves | text,
        lambda inner: (
            st.lists(inner, max_size=max_items) | st.dictionaries(text, inner, max_size=max_items)
        ),
        max_leaves=max_leaves,
    )
