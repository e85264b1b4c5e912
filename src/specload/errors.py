"""Why a document could not be used; the tree is drawn in the package docstring."""

from __future__ import annotations


class SpecLoadError(Exception):
    """Base class: ``str(error)`` is one line, ``name[:line:column]: message``."""

    def __init__(
        self, name: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        where = f":{line}:{column}" if line is not None and column is not None else ""
        super().__init__(f"{name}{where}: {message}")
        self.name = name
        self.message = message
        self.line = line
        self.column = column


class UnreadableDocument(SpecLoadError):
    pass


class MalformedYAML(SpecLoadError):
    pass


class LimitExceeded(SpecLoadError):
    pass


class DocumentTooLarge(LimitExceeded):
    pass


class InvalidDocument(SpecLoadError):
    pass


class ValidatorFailed(SpecLoadError):
    pass


class MalformedJSON(SpecLoadError):
    """Not RFC 8259 JSON; ``reason`` says why, without the place."""

    def __init__(
        self, name: str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(name, f"not valid JSON: {reason}", line, column)
        self.reason = reason
