"""Why codegen stops. Raised before anything in the output folder is touched."""

from __future__ import annotations


class CodegenError(Exception):
    """One line for the user: file, location in it, and what is wrong."""


class SpecError(CodegenError):
    def __init__(self, file: str, location: str, problem: str) -> None:
        super().__init__(f"{file}: {location}: {problem}")
        self.file = file
        self.location = location
        self.problem = problem
