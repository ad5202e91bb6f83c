"""Machine-readable report, versioned and described by ``report-schema/report-1.json``.

Version "1" only grows: new optional fields may appear; a field's meaning never changes and
none is removed without a new version (and a new schema file beside this one).

The findings are written as each file's result arrives (into a spool: see
:class:`policyval.reporters.Spool`); only each file's counts are kept for the head.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from policyval import __version__
from policyval.check.result import Result, Summary
from policyval.findings import Finding, Severity
from policyval.policy import schemas
from policyval.reporters import Spool, Write, fingerprinted, json_member, json_text

FORMAT_VERSION = "1"
SCHEMA_ID = "https://policyval.dev/report/report-1.json"


def _finding(finding: Finding, fingerprint: str) -> dict[str, Any]:
    positioned = finding.line > 0
    return {
        "file": finding.file,
        "line": finding.line if positioned else None,
        "column": finding.column if positioned else None,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.path,
        "fingerprint": fingerprint,
    }


def _counts(counts: Counter[Severity]) -> dict[str, int]:
    return {s.value: counts[s] for s in Severity}


class Report:
    """``--format json``: the findings streamed, the head and summary written at the end."""

    def __init__(self, write: Write, root: Path) -> None:
        self.write, self.root = write, root
        self.findings = Spool(",\n")
        self.files: list[tuple[str, Counter[Severity]]] = []
        self.counts: Counter[Severity] = Counter()
        self.with_findings = 0

    def file(self, result: Result) -> None:
        counts: Counter[Severity] = Counter()
        for finding, fingerprint, suppressed in fingerprinted(result, self.root):
            if suppressed is None:
                self.findings.add("    " + json_text(_finding(finding, fingerprint)).replace("\n", "\n    "))
                counts[finding.severity] += 1
        self.counts.update(counts)
        if result.checked:  # io/ findings name paths that were never checked: no file entry
            self.files.append((result.file, counts))
            self.with_findings += bool(counts)

    def end(self, summary: Summary) -> None:
        tool = {"name": "policyval", "version": __version__, "schema_versions": list(schemas.versions())}
        files = [{"file": file, "counts": _counts(counts)} for file, counts in self.files]
        self.write(
            "{\n"
            + json_member("$schema", SCHEMA_ID)
            + json_member("version", FORMAT_VERSION)
            + json_member("tool", tool)
            + json_member("files", files)
        )
        self.write('  "findings": [\n' if self.findings.count else '  "findings": [],\n')
        if self.findings.count:
            self.findings.drain(self.write)
            self.write("\n  ],\n")
        totals = {
            "files_checked": len(self.files),
            "files_with_findings": self.with_findings,
            "findings": sum(self.counts.values()),
            "counts": _counts(self.counts),
            "accepted": summary.accepted,
        }
        self.write(json_member("summary", totals, last=True) + "}\n")
