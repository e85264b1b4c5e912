"""Reports: the report model, every reporter, the output options and the one emit step.

A command builds a ``Report`` (groups of findings: a file or a conformance target each; what
was not run; metadata), gets its exit code from ``conformance.exit_codes`` and calls ``emit``.
Reporters are pure functions of (report, exit code) returning text: ``render_text``,
``render_json``, ``render_github``, ``render_markdown``, ``render_junit``, ``render_sarif``.
All but ``render_text`` (the default format) are imported on first use.
"""

from typing import TYPE_CHECKING, Any

from conformance.reporting.model import (
    Counts,
    FamilyState,
    Group,
    Report,
    Skipped,
    a_or_an,
    count,
    plural,
    shown,
)
from conformance.reporting.output import (
    FORMATS,
    add_output_arguments,
    check_report_paths,
    emit,
    emit_failure,
    write_atomically,
)
from conformance.reporting.text import finding_line, render_text, use_colour
from conformance.reporting.wording import message, path_of, place, pointer_of, summary

if TYPE_CHECKING:
    from conformance.reporting.github import render_github
    from conformance.reporting.json_report import error_document, finding_dict, render_json
    from conformance.reporting.junit import render_junit
    from conformance.reporting.markdown import render_markdown
    from conformance.reporting.sarif import render_sarif

_LAZY = {
    "render_github": "github",
    "error_document": "json_report",
    "finding_dict": "json_report",
    "render_json": "json_report",
    "render_junit": "junit",
    "render_markdown": "markdown",
    "render_sarif": "sarif",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conformance.reporting' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"conformance.reporting.{module}"), name)


__all__ = [
    "FORMATS",
    "Counts",
    "FamilyState",
    "Group",
    "Report",
    "Skipped",
    "a_or_an",
    "add_output_arguments",
    "check_report_paths",
    "count",
    "emit",
    "emit_failure",
    "error_document",
    "finding_dict",
    "finding_line",
    "message",
    "path_of",
    "place",
    "plural",
    "pointer_of",
    "render_github",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "render_text",
    "shown",
    "summary",
    "use_colour",
    "write_atomically",
]
