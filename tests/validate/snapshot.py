"""Compare command output with a text file kept under tests/*/snapshots/.

``UPDATE_SNAPSHOTS=1 pytest ...`` rewrites the files instead of comparing; review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path


def assert_matches(actual: str, snapshot: Path) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(actual, "utf-8")
    assert actual == snapshot.read_text("utf-8")
