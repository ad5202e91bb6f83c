"""SARIF 2.1.0, as GitHub code scanning reads it.

Every rule a result uses is described in ``tool.driver.rules`` (from the catalogue); result
locations are repository-relative URIs under ``%SRCROOT%``; ``partialFingerprints`` carry the
same line-independent fingerprint as the JSON report and the baseline, so an alert keeps its
identity when unrelated edits move its line. Findings an inline comment or the baseline
suppressed are results too, with a SARIF ``suppressions`` entry (``inSource`` with the
comment's reason, ``external`` for the baseline), so code scanning shows them as dismissed
instead of never hearing of them.

Results are written as they come (into a spool, :class:`policyval.reporters.Spool`); only the
rules seen so far are kept for ``tool.driver``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from policyval import __version__
from policyval.check.baseline import relative
from policyval.check.result import Result, Summary, Suppressed
from policyval.findings import Finding, Severity
from policyval.reporters import Spool, Write, fingerprinted, json_member, json_text
from policyval.rules import catalogue

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
# The project's home, the namespace its schema and report $ids use.
INFORMATION_URI = "https://policyval.dev/"
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
    # A name's bytes are percent-encoded as they are, even those that are not UTF-8.
    if Path(uri).is_absolute():
        artifact = {"uri": Path(uri).as_uri()}
    else:
        artifact = {"uri": quote(os.fsencode(uri)), "uriBaseId": SRCROOT}
    # A finding about the whole file (no line) is placed at its start, as ruff places them.
    line, column = (finding.line, max(finding.column, 1)) if finding.line > 0 else (1, 1)
    region = {"startLine": line, "startColumn": column}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _related(finding: Finding, root: Path) -> list[dict[str, Any]]:
    """The other items a grouped finding names, each at its own line and column."""
    out = []
    for n, (line, column, path) in enumerate(finding.related, start=1):
        place = replace(finding, line=line, column=column)
        out.append({"id": n, **_location(place, root), "message": {"text": f"also at {path}"}})
    return out


def _message(finding: Finding) -> str:
    return f"{finding.message} (at {finding.path})" if finding.path else finding.message


def _suppression(why: Suppressed) -> dict[str, Any]:
    if why.kind == "baseline":
        return {"kind": "external", "status": "accepted", "justification": "accepted in the policyval baseline"}
    entry: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
    if why.justification:
        entry["justification"] = why.justification
    return entry


class Report:
    """``--format sarif``: results streamed, ``tool`` (with the rules used) written at the end."""

    def __init__(self, write: Write, root: Path) -> None:
        self.write, self.root = write, root
        self.results = Spool(",\n")
        self.rules: dict[str, int] = {}  # rule id -> ruleIndex, in order of first use

    def file(self, result: Result) -> None:
        for finding, fingerprint, suppressed in fingerprinted(result, self.root):
            index = self.rules.setdefault(finding.rule, len(self.rules))
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "ruleIndex": index,
                "level": _LEVEL[finding.severity],
                "message": {"text": _message(finding)},
                "locations": [_location(finding, self.root)],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            }
            if finding.related:  # one defect that several items share: each item's place
                entry["relatedLocations"] = _related(finding, self.root)
            if suppressed is not None:
                entry["suppressions"] = [_suppression(suppressed)]
            self.results.add("        " + json_text(entry).replace("\n", "\n        "))

    def end(self, summary: Summary) -> None:
        driver = {
            "name": "policyval",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(rule_id) for rule_id in self.rules],
        }
        self.write(
            "{\n"
            + json_member("$schema", SARIF_SCHEMA)
            + json_member("version", "2.1.0")
            + '  "runs": [\n    {\n'
            + json_member("tool", {"driver": driver}, level=3)
            + json_member("originalUriBaseIds", {SRCROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}}, level=3)
            + json_member("invocations", [{"executionSuccessful": not summary.io_errors}], level=3)
            + json_member("columnKind", "unicodeCodePoints", level=3)
        )
        if not self.results.count:
            self.write('      "results": []\n')
        else:
            self.write('      "results": [\n')
            self.results.drain(self.write)
            self.write("\n      ]\n")
        self.write("    }\n  ]\n}\n")
