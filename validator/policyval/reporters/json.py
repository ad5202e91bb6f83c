"""Machine-readable report, versioned and described by ``report-schema/report-1.json``.

Version "1" only grows: new optional fields may appear; a field's meaning never changes and
none is removed without a new version (and a new schema file beside this one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policyval import __version__
from policyval.check.baseline import fingerprints
from policyval.findings import Finding, Severity
from policyval.policy import schemas
from policyval.reporters import Collected

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


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}


def document(report: Collected, root: Path) -> dict[str, Any]:
    """The report as JSON data (before serialisation), for callers that want the object."""
    by_file: dict[str, list[Finding]] = {file: [] for file in report.files}
    for finding in report.findings:
        if finding.file in by_file:  # io/ findings name paths that were never checked
            by_file[finding.file].append(finding)
    prints = fingerprints(report.findings, root)
    return {
        "$schema": SCHEMA_ID,
        "version": FORMAT_VERSION,
        "tool": {"name": "policyval", "version": __version__, "schema_versions": list(schemas.versions())},
        "files": [{"file": file, "counts": _counts(found)} for file, found in by_file.items()],
        "findings": [_finding(f, p) for f, p in zip(report.findings, prints, strict=True)],
        "summary": {
            "files_checked": len(report.files),
            "files_with_findings": len({f.file for f in report.findings if f.file in by_file}),
            "findings": len(report.findings),
            "counts": _counts(report.findings),
        },
    }


def render(report: Collected, root: Path) -> str:
    return json.dumps(document(report, root), indent=2, ensure_ascii=False) + "\n"
