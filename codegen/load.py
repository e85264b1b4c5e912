"""Read a spec file and prove it is a valid OpenAPI document before anything is generated.

Reading and validating is ``specload``'s, the one safe loader every reader of a document uses:
a hostile ``specs/`` file (a URL or file ``$ref``, an alias bomb, deep nesting, a Python tag)
stops codegen with the same one line ``lint`` prints, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import specload
from codegen.errors import CodegenError


@dataclass(frozen=True)
class LoadedSpec:
    name: str  # file name, e.g. "model-registry.openapi.yaml"
    text: str  # the document byte-for-byte as published (UTF-8)
    document: dict[str, Any]


def load_spec(path: Path) -> LoadedSpec:
    try:
        checked = specload.require_valid(specload.load_path(path))
    except specload.SpecLoadError as exc:
        raise CodegenError(str(exc)) from None
    return LoadedSpec(name=path.name, text=checked.document.text, document=checked.value)
