"""The words every reader of a document shares: a place in it, its JSON Pointer (both ways),
the methods an OpenAPI path item may hold."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

Location = tuple[str | int, ...]
"""A place in a JSON value: keys and indexes from the top (``("paths", "/v1/models", "get")``,
``("data", "models", 3, "id")``). The one location type of the tool."""

OPERATION_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The fixed fields of an OpenAPI 3.0 Path Item Object that are operations."""


def pointer_text(location: Iterable[str | int]) -> str:
    """RFC 6901: ``("paths", "/v1/models")`` -> ``/paths/~1v1~1models`` (``""``: the whole)."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in location)


def parse_fragment(fragment: str) -> Location | None:
    """The pointer a URI fragment names (percent-decoded), or None when it names none:
    ``/components/schemas/A~1B`` -> ``("components", "schemas", "A/B")``."""
    text = unquote(fragment)
    if text == "":
        return ()
    if not text.startswith("/"):
        return None
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/"))
