"""JUnit XML: one test case per check and target, so CI shows what passed as well as what failed.

A check with error findings is a failure (as are warnings under ``--strict``); warnings otherwise
go to the test case's system-out. Written to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.errors import UsageError
from conformance.findings import Finding
from conformance.harness.catalog import conformance_checks
from conformance.harness.session import RunResult

_COMMON = ("contract", "transport", "hygiene", "any")
_SCOPES = {
    "registry": (*_COMMON, "semantic", "registry-response", "registry"),
    "gateway": (*_COMMON, "models"),
    "cross": ("cross",),
}


def junit_xml(result: RunResult, *, strict: bool) -> bytes:
    names: list[str] = [target.name for target in result.targets]
    if len(names) == 2:
        names.append("cross")
    by_case: dict[tuple[str, str], list[Finding]] = {}
    for finding in result.findings:
        by_case.setdefault((str(finding.target), finding.check), []).append(finding)
    suites = ET.Element("testsuites", name="helicone-contract conformance")
    for name in names:
        suite = ET.SubElement(suites, "testsuite", name=f"conformance.{name}")
        checks = [c.id for c in conformance_checks() if c.scope in _SCOPES[name]]
        checks += [check for (target, check) in by_case if target == name and check not in checks]
        failures = 0
        for check in checks:
            case = ET.SubElement(suite, "testcase", classname=f"conformance.{name}", name=check)
            found = by_case.get((name, check), [])
            failing = [f for f in found if f.severity == "error" or strict]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", message=failing[0].message, type=check)
                failure.text = "\n".join(_describe(f) for f in failing)
            warnings = [f for f in found if f not in failing]
            if warnings:
                ET.SubElement(case, "system-out").text = "\n".join(_describe(f) for f in warnings)
        suite.set("tests", str(len(checks)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
    suites.set("time", f"{result.seconds:.3f}")
    content: bytes = ET.tostring(suites, encoding="utf-8", xml_declaration=True)
    return content + b"\n"


def _describe(finding: Finding) -> str:
    text = f"{finding.severity}: {finding.path + ': ' if finding.path else ''}{finding.message}"
    return text + (f"\nreproduce: {finding.reproduce}" if finding.reproduce else "")


def check_writable(path: Path) -> None:
    """Fail before the run, not after it, when the report cannot be written."""
    if path.is_dir():
        raise UsageError(f"--junit-xml {path}: is a directory")
    if not path.parent.is_dir():
        raise UsageError(f"--junit-xml {path}: directory {path.parent} does not exist")


def write_junit(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".junit-", dir=path.parent)
    try:
        os.fchmod(handle, 0o644)  # a report, not a secret: readable like any other output
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
