"""Report files (``--junit-xml``): checked before the run, written atomically after it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conformance.errors import UsageError


def check_writable(path: Path) -> None:
    """Fail before the run, not after it, when the report cannot be written."""
    if path.is_dir():
        raise UsageError(f"--junit-xml {path}: is a directory")
    if not path.parent.is_dir():
        raise UsageError(f"--junit-xml {path}: directory {path.parent} does not exist")


def write_report(path: Path, content: str) -> None:
    """Replace ``path`` whole or not at all: a half-written report is worse than none."""
    handle, temporary = tempfile.mkstemp(prefix=".report-", dir=path.parent)
    try:
        os.fchmod(handle, 0o644)  # a report, not a secret: readable like any other output
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
