"""JUnit XML, the format CI systems (GitLab, Jenkins, Azure, CircleCI) show as test results.

One testcase per checked file, valid against the Jenkins xUnit plugin's ``junit-10.xsd``
(the schema of Maven Surefire's reports, which the others read too). A file fails when it
has findings that fail the run (errors; warnings too under --strict): the failure's message
names the first of them, where it is and how many more there are, and its text lists them
all, one per line as the text report prints them. Findings that do not fail the run go to
the testcase's system-out. Paths that could not be read at all (io/) become testcases with
an <error>.

Each testcase is written as its file's result arrives (into a spool: see
:class:`policyval.reporters.Spool`); only the counts are kept for the suite's head.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from policyval.check.result import IO_PREFIX, Result, Summary
from policyval.findings import Finding, Severity
from policyval.reporters import Spool, Write, text

# XML 1.0 cannot carry most control characters, even escaped; a YAML key can ("\x01"), and a
# file name can hold bytes that are not UTF-8 (kept by Python as lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\x{code:02x}"


def _clean(value: str) -> str:
    return _NOT_XML.sub(lambda m: _shown(m.group()), value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _headline(findings: Sequence[Finding]) -> str:
    """The failure's message: the first finding, where it is, and how many more there are."""
    first = findings[0]
    where = f"line {first.line}, column {first.column}: " if first.line > 0 else ""
    more = f" (and {_plural(len(findings) - 1, 'more finding')})" if len(findings) > 1 else ""
    return f"{where}[{first.rule}] {first.message}{more}"


def _listed(findings: Sequence[Finding]) -> str:
    return _clean("\n".join(text.line(f) for f in findings))


def testcase(file: str, findings: Sequence[Finding], failing: set[Severity]) -> ET.Element:
    case = ET.Element("testcase", {"classname": "policyval", "name": _clean(file), "time": "0"})
    io = [f for f in findings if f.rule.startswith(IO_PREFIX)]
    fails = [f for f in findings if f.severity in failing and f not in io]
    others = [f for f in findings if f not in fails and f not in io]
    if io:
        ET.SubElement(case, "error", {"message": _clean(_headline(io)), "type": io[0].rule}).text = _listed(io)
    if fails:
        ET.SubElement(case, "failure", {"message": _clean(_headline(fails)), "type": fails[0].rule}).text = _listed(
            fails
        )
    if others:
        ET.SubElement(case, "system-out").text = _listed(others)
    return case


class Report:
    """``--format junit``: testcases streamed, the suites' counts written at the end."""

    def __init__(self, write: Write, *, strict: bool = False) -> None:
        self.write = write
        self.failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        self.cases = Spool()
        self.failures = self.errors = 0

    def file(self, result: Result) -> None:
        case = testcase(result.file, result.findings, self.failing)
        self.failures += case.find("failure") is not None
        self.errors += case.find("error") is not None
        ET.indent(case, level=2)
        self.cases.add("    " + ET.tostring(case, encoding="unicode") + "\n")

    def end(self, summary: Summary) -> None:
        counts = f'tests="{self.cases.count}" failures="{self.failures}" errors="{self.errors}"'
        name = quoteattr("policyval check")
        self.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            f'<testsuites name="policyval" {counts} time="0">\n'
            f'  <testsuite name={name} {counts} skipped="0" time="0">\n'
        )
        self.cases.drain(self.write)
        self.write("  </testsuite>\n</testsuites>\n")
