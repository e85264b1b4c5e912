"""JUnit XML for CI test tabs: a testsuite per group, a testcase per finding.

Findings that fail the run are failures (warnings too, under ``--strict``); other warnings
pass with their text in ``system-out``; acknowledged findings are ``skipped``, so they stay
visible without failing. A group with check family states (conformance) has a testcase per
family that passed and a ``skipped`` one per family that did not run, with the reason: nothing
that did not run is shown as passing. A group with neither findings nor families is one passing
``valid`` testcase. Findings left out by a per-check limit are counted in a
``truncated.<check>`` property of their suite. A run that could not happen is one suite with
one ``error`` testcase.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from conformance.exit_codes import ExitCode, describe_exit
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, Skipped, shown
from conformance.reporting.text import finding_line, loose_skipped
from conformance.reporting.wording import message, place

_Totals = Counter[str]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold at all, escaped or not: a server's body may carry any of it."""


def _testcase(suite: ET.Element, report: Report, group: Group, finding: Finding) -> str:
    """The testcase of one finding; returns its outcome (failures, skipped or passed)."""
    name = " ".join(part for part in (finding.check, place(finding)) if part)
    case = ET.SubElement(suite, "testcase", classname=group.name, name=name)
    text = finding_line(group, finding, strict=report.strict)
    if finding.acknowledged:
        ET.SubElement(case, "skipped", message=f"acknowledged: {finding.message}").text = text
        return "skipped"
    if report.fails(finding):
        said = message(finding, strict=report.strict)
        ET.SubElement(case, "failure", message=said, type=finding.check).text = text
        return "failures"
    ET.SubElement(case, "system-out").text = text
    return "passed"


def _skipped_case(suite: ET.Element, classname: str, name: str, reason: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=classname, name=name)
    ET.SubElement(case, "skipped", message=f"not run: {reason}")


def _suite(root: ET.Element, report: Report, group: Group, full: Group) -> _Totals:
    suite = ET.SubElement(root, "testsuite", name=group.name)
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="kind", value=full.description or full.kind)
    hidden = Counter(f.check for f in full.findings) - Counter(f.check for f in group.findings)
    for check, number in hidden.items():
        ET.SubElement(properties, "property", name=f"truncated.{check}", value=str(number))
    totals: _Totals = Counter()
    for finding in group.findings:
        totals[_testcase(suite, report, group, finding)] += 1
    states = report.families_of(group.name)
    for state in states:
        if state.state == "passed":
            ET.SubElement(suite, "testcase", classname=group.name, name=state.family)
            totals["passed"] += 1
        elif state.state == "not run":
            _skipped_case(suite, group.name, state.family, state.reason or "")
            totals["skipped"] += 1
    if not states:
        for skipped in (s for s in report.skipped if s.target == group.name):
            _skipped_case(suite, group.name, skipped.family, skipped.reason)
            totals["skipped"] += 1
    if not group.findings and not states:
        ET.SubElement(suite, "testcase", classname=group.name, name="valid")
        totals["passed"] += 1
    _count(suite, totals)
    return totals


def _loose(root: ET.Element, skipped: list[Skipped]) -> _Totals:
    suite = ET.SubElement(root, "testsuite", name="not run")
    for entry in skipped:
        name = f"{entry.family} ({entry.target})" if entry.target else entry.family
        _skipped_case(suite, entry.target or "", name, entry.reason)
    totals: _Totals = Counter(skipped=len(skipped))
    _count(suite, totals)
    return totals


def _count(element: ET.Element, totals: _Totals) -> None:
    element.set("tests", str(sum(totals.values())))
    for name in ("failures", "errors", "skipped"):
        element.set(name, str(totals[name]))


def render_junit(report: Report, code: ExitCode) -> str:
    del code  # the file is the same whatever the exit code; kept for a uniform signature
    root = ET.Element("testsuites", name=f"helicone-contract {report.command}")
    groups, _ = shown(report)
    totals: _Totals = Counter()
    for group, full in zip(groups, report.groups, strict=True):
        totals += _suite(root, report, group, full)
    loose = loose_skipped(report)
    if loose:
        totals += _loose(root, loose)
    _count(root, totals)
    return _serialise(root)


def junit_failure(command: str, code: ExitCode, reason: str) -> str:
    """The JUnit file of a run that could not happen: one suite, one error testcase."""
    root = ET.Element("testsuites", name=f"helicone-contract {command}")
    suite = ET.SubElement(root, "testsuite", name=command)
    case = ET.SubElement(suite, "testcase", classname=command, name="run")
    ET.SubElement(case, "error", message=reason, type=describe_exit(code)).text = reason
    for element in (root, suite):
        _count(element, Counter(errors=1))
    return _serialise(root)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _serialise(root: ET.Element) -> str:
    for element in root.iter():
        element.text = None if element.text is None else _xml_text(element.text)
        for name, value in element.attrib.items():
            element.set(name, _xml_text(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
