"""JUnit XML, the format CI systems (GitLab, Jenkins, Azure, CircleCI) show as test results.

One testcase per checked file. A file fails when it has findings that fail the run (errors;
warnings too under --strict); its findings are the failure's text, one per line as the text
report prints them. Findings that do not fail the run go to the testcase's system-out. Paths
that could not be read at all (io/) become testcases with an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from policyval.check.result import IO_PREFIX
from policyval.findings import Finding, Severity
from policyval.reporters import Collected, text

# XML 1.0 cannot carry most control characters, even escaped; a YAML key can ("\x01").
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _testcase(file: str, findings: list[Finding], failing: set[Severity]) -> ET.Element:
    case = ET.Element("testcase", {"classname": "policyval", "name": _clean(file), "file": _clean(file), "time": "0"})
    io = [f for f in findings if f.rule.startswith(IO_PREFIX)]
    fails = [f for f in findings if f.severity in failing and f not in io]
    others = [f for f in findings if f not in fails and f not in io]
    if io:
        error = ET.SubElement(case, "error", {"message": _clean(io[0].message), "type": io[0].rule})
        error.text = _clean("\n".join(text.line(f) for f in io))
    if fails:
        failure = ET.SubElement(case, "failure", {"message": _plural(len(fails), "finding"), "type": "policyval"})
        failure.text = _clean("\n".join(text.line(f) for f in fails))
    if others:
        ET.SubElement(case, "system-out").text = _clean("\n".join(text.line(f) for f in others))
    return case


def render(report: Collected, *, strict: bool = False) -> str:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    by_file: dict[str, list[Finding]] = {file: [] for file in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.file, []).append(finding)
    cases = [_testcase(file, found, failing) for file, found in by_file.items()]
    failures = sum(1 for c in cases if c.find("failure") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "policyval", **counts, "time": "0"})
    suite = ET.SubElement(suites, "testsuite", {"name": "policyval check", **counts, "skipped": "0", "time": "0"})
    suite.extend(cases)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
