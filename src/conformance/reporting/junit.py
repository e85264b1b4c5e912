"""JUnit XML for CI test tabs: a testsuite per group, a testcase per finding.

A group with no findings is one passing testcase. Failing findings are failures; warnings
pass with their text in ``system-out`` (under ``--strict`` they fail the run, not the test);
acknowledged findings and check families that did not run are ``skipped``, so they stay visible
without failing. Findings left out by a per-check limit are counted in a ``truncated.<check>``
property of their suite.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, count, shown
from conformance.reporting.text import finding_line
from conformance.reporting.wording import place


def _testcase(suite: ET.Element, group: Group, finding: Finding) -> None:
    name = " ".join(part for part in (finding.check, place(finding)) if part)
    case = ET.SubElement(suite, "testcase", classname=group.name, name=name)
    text = finding_line(group, finding)
    if finding.acknowledged:
        ET.SubElement(case, "skipped", message=f"acknowledged: {finding.message}").text = text
    elif finding.fails:
        ET.SubElement(case, "failure", message=finding.message, type=finding.check).text = text
    else:
        ET.SubElement(case, "system-out").text = text


def _suite(root: ET.Element, group: Group, full: Group) -> tuple[int, int, int]:
    counts = count(full.findings)
    suite = ET.SubElement(root, "testsuite", name=group.name)
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="kind", value=full.description or full.kind)
    hidden = Counter(f.check for f in full.findings) - Counter(f.check for f in group.findings)
    for check, number in hidden.items():
        ET.SubElement(properties, "property", name=f"truncated.{check}", value=str(number))
    if not group.findings:
        ET.SubElement(suite, "testcase", classname=group.name, name="valid")
    for finding in group.findings:
        _testcase(suite, group, finding)
    tests = max(len(group.findings), 1)
    failures = sum(1 for f in group.findings if f.fails)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(counts.acknowledged))
    return tests, failures, counts.acknowledged


def _not_run(root: ET.Element, report: Report) -> tuple[int, int, int]:
    suite = ET.SubElement(root, "testsuite", name="not run", tests=str(len(report.skipped)))
    for skipped in report.skipped:
        name = f"{skipped.family} ({skipped.target})" if skipped.target else skipped.family
        case = ET.SubElement(suite, "testcase", classname=skipped.target or "", name=name)
        ET.SubElement(case, "skipped", message=f"not run: {skipped.reason}")
    suite.set("failures", "0")
    suite.set("errors", "0")
    suite.set("skipped", str(len(report.skipped)))
    return len(report.skipped), 0, len(report.skipped)


def render_junit(report: Report, code: ExitCode) -> str:
    del code  # the file is the same whatever the exit code; kept for a uniform signature
    root = ET.Element("testsuites", name=f"helicone-contract {report.command}")
    groups, _ = shown(report)
    totals = [0, 0, 0]
    for group, full in zip(groups, report.groups, strict=True):
        totals = [a + b for a, b in zip(totals, _suite(root, group, full), strict=True)]
    if report.skipped:
        totals = [a + b for a, b in zip(totals, _not_run(root, report), strict=True)]
    for name, value in zip(("tests", "failures", "skipped"), totals, strict=True):
        root.set(name, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
