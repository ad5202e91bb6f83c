"""SARIF 2.1.0, as GitHub code scanning reads it.

Every rule a result uses is described in ``tool.driver.rules`` (from the catalogue); result
locations are repository-relative URIs under ``%SRCROOT%``; ``partialFingerprints`` carry the
same line-independent fingerprint as the JSON report and the baseline, so an alert keeps its
identity when unrelated edits move its line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from policyval import __version__
from policyval.check.baseline import fingerprints, relative
from policyval.findings import Finding, Severity
from policyval.reporters import Collected
from policyval.rules import catalogue

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "policyval/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _name(rule_id: str) -> str:
    """A SARIF rule name is an identifier: 'schema/additionalProperties' -> 'SchemaAdditionalProperties'."""
    parts = rule_id.replace("/", "-").replace("_", "-").split("-")
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def _rule(rule_id: str) -> dict[str, Any]:
    info = catalogue.describe(rule_id)
    text = f"{info.full}\n\nWhat to do: {info.help}"
    markdown = f"**{info.short}**\n\n{info.full}\n\n*What to do:* {info.help}"
    for kind, example in info.examples:
        text += f"\n\n{kind.capitalize()} example:\n{example}"
        markdown += f"\n\n{kind.capitalize()} example:\n\n```yaml\n{example.rstrip()}\n```"
    if info.reference:
        text += f"\n\nReference: {info.reference}"
        markdown += f"\n\nReference: {info.reference}"
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": info.short},
        "fullDescription": {"text": info.full},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"tags": [rule_id.split("/", 1)[0]]},
    }
    if info.reference.startswith(("https://", "http://")):
        rule["helpUri"] = info.reference
    return rule


def _location(finding: Finding, root: Path) -> dict[str, Any]:
    uri = relative(finding.file, root)
    # A file outside the repository has no repository-relative URI: give its absolute file URI.
    artifact = {"uri": Path(uri).as_uri()} if Path(uri).is_absolute() else {"uri": quote(uri), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line > 0:  # a file-level finding has no region
        physical["region"] = {"startLine": finding.line, "startColumn": max(finding.column, 1)}
    return {"physicalLocation": physical}


def _message(finding: Finding) -> str:
    return f"{finding.message} (at {finding.path})" if finding.path else finding.message


def document(report: Collected, root: Path) -> dict[str, Any]:
    rule_ids = sorted({f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": _message(f)},
            "locations": [_location(f, root)],
            "partialFingerprints": {FINGERPRINT_KEY: fp},
        }
        for f, fp in zip(report.findings, fingerprints(report.findings, root), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "policyval",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule_id) for rule_id in rule_ids],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "invocations": [{"executionSuccessful": not report.io_errors}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Collected, root: Path) -> str:
    return json.dumps(document(report, root), indent=2, ensure_ascii=False) + "\n"
