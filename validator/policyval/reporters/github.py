"""GitHub Actions workflow commands: one annotation per finding (the text summary follows).

Escaping follows the runner's rules: in the message (data) '%', CR and LF are encoded; in
property values ':' and ',' as well, so a file name or title cannot end its property early;
and every other control character (ESC, OSC...) is shown as an escape, never passed to the log.
"""

from __future__ import annotations

from policyval.findings import Finding, Severity
from policyval.reporters import escape

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return escape.github_data(value)


def escape_property(value: str) -> str:
    return escape.github_property(value)


def annotation(finding: Finding) -> str:
    props = [f"file={escape_property(finding.file)}"]
    if finding.line > 0:
        props += [f"line={finding.line}", f"col={finding.column}"]
    props.append(f"title={escape_property(f'policyval [{finding.rule}]')}")
    message = f"{finding.message} (at {finding.path})" if finding.path else finding.message
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{escape_data(message)}"
