"""Reporters: findings grouped by file (validate, lint) or by target (conformance) -> text.

Each reporter is a pure function of ``Group``s returning a string; choosing where it goes and
which exit code follows is the command's job.
"""

from conformance.reporting.github import render_github
from conformance.reporting.groups import Group, count
from conformance.reporting.json_report import finding_dict, render_json
from conformance.reporting.junit import render_junit
from conformance.reporting.text import render_text, use_colour

__all__ = [
    "Group",
    "count",
    "finding_dict",
    "render_github",
    "render_json",
    "render_junit",
    "render_text",
    "use_colour",
]
