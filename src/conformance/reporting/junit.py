"""JUnit XML for CI test tabs: a testsuite per group, a failed testcase per error.

A group with no findings is one passing testcase; warnings pass with the text in
``system-out``; acknowledged findings are ``skipped`` so they stay visible without failing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from conformance.findings import Finding
from conformance.reporting.groups import Group, count
from conformance.reporting.text import finding_line


def _testcase(suite: ET.Element, group: Group, finding: Finding) -> None:
    name = " ".join(part for part in (finding.check, finding.pointer, finding.path) if part)
    case = ET.SubElement(suite, "testcase", classname=group.name, name=name)
    text = finding_line(group, finding)
    if finding.acknowledged:
        ET.SubElement(case, "skipped", message=f"acknowledged: {finding.message}").text = text
    elif finding.severity == "error":
        ET.SubElement(case, "failure", message=finding.message, type=finding.check).text = text
    else:
        ET.SubElement(case, "system-out").text = text


def render_junit(groups: Sequence[Group], *, suite_name: str = "helicone-contract") -> str:
    root = ET.Element("testsuites", name=suite_name)
    totals = [0, 0, 0]
    for group in groups:
        counts = count(group.findings)
        tests = max(len(group.findings), 1)
        suite = ET.SubElement(root, "testsuite", name=group.name, tests=str(tests))
        suite.set("failures", str(counts.errors))
        suite.set("errors", "0")
        suite.set("skipped", str(counts.acknowledged))
        ET.SubElement(suite, "properties").append(
            ET.Element("property", name="kind", value=group.kind)
        )
        if not group.findings:
            ET.SubElement(suite, "testcase", classname=group.name, name="valid")
        for finding in group.findings:
            _testcase(suite, group, finding)
        totals = [totals[0] + tests, totals[1] + counts.errors, totals[2] + counts.acknowledged]
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", "0")
    root.set("skipped", str(totals[2]))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
