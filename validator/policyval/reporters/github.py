"""GitHub Actions workflow commands: one annotation per finding (the text summary follows).

Escaping follows the runner's rules: in the message (data) '%', CR and LF are encoded; in
property values ':' and ',' as well, so a file name or title cannot end its property early;
and every other control character (ESC, OSC...) is shown as an escape, never passed to the log.

``file=`` is the path relative to the repository (GitHub resolves it against the checkout,
whatever directory the step ran in), as in SARIF.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and drops the
rest without a word. Each kind is capped separately, so errors are never crowded out by
warnings: the first 10 errors and the first 10 warnings (in the order checked) become
annotations, every further finding is printed as a plain text line (still in the log), and a
closing notice (the 10th notice: other notices stop at 9) says how many were not annotated.
With ``$GITHUB_STEP_SUMMARY`` set, the job's summary page gets a table of every finding (up
to a size GitHub accepts) and the counts.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from policyval.check.baseline import relative
from policyval.check.result import Result, Summary
from policyval.findings import Finding, Severity
from policyval.reporters import Write, escape

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return escape.github_data(value)


def escape_property(value: str) -> str:
    return escape.github_property(value)


def annotation(finding: Finding, file: str | None = None) -> str:
    """The workflow command for one finding; ``file`` is the path to annotate (default: as given)."""
    props = [f"file={escape_property(finding.file if file is None else file)}"]
    if finding.line > 0:
        props += [f"line={finding.line}", f"col={finding.column}"]
    props.append(f"title={escape_property(f'policyval [{finding.rule}]')}")
    message = f"{finding.message} (at {finding.path})" if finding.path else finding.message
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{escape_data(message)}"


# Per step, GitHub shows this many annotations of each kind; one notice is kept for the
# closing notice that counts the findings left unannotated.
SHOWN = {"error": 10, "warning": 10, "notice": 9}
# A step summary over 1 MiB is refused whole; stop listing well before.
SUMMARY_BYTES = 512 * 1024
_HEADING = "### policyval"
_TABLE = "| File | Line | Severity | Rule | Message |\n| --- | --: | --- | --- | --- |\n"


_MARKDOWN = re.compile(r"([\\`*_\[\]|#~!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _cell(value: str) -> str:
    """Text for a Markdown table cell: one line, read literally (no column break, no markup, no HTML)."""
    escaped = _MARKDOWN.sub(r"\\\1", " ".join(value.split()))
    return "".join(_HTML.get(c, c) for c in escaped)


class StepSummary:
    """The findings as a Markdown table appended to ``$GITHUB_STEP_SUMMARY``, as they come."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.size = 0
        self.rows = self.left_out = 0

    def _append(self, text: str) -> None:
        with open(self.path, "a", encoding="utf-8", errors="backslashreplace") as out:
            out.write(text)
        self.size += len(text.encode("utf-8", "backslashreplace"))

    def add(self, findings: list[tuple[Finding, str]]) -> None:
        rows: list[str] = []
        for finding, file in findings:
            if self.size + sum(len(row) for row in rows) > SUMMARY_BYTES:
                self.left_out += 1
                continue
            line = str(finding.line) if finding.line > 0 else ""
            where = f" (at {_cell(finding.path)})" if finding.path else ""
            rows.append(
                f"| {_cell(file)} | {line} | {finding.severity.value} | {_cell(finding.rule)} | "
                f"{_cell(finding.message)}{where} |\n"
            )
        if rows and not self.rows:
            rows.insert(0, f"{_HEADING}\n\n{_TABLE}")
        self.rows += len(rows)
        if rows:
            self._append("".join(rows))

    def end(self, closing: str) -> None:
        more = f"\n{self.left_out} more findings are in the step's log.\n" if self.left_out else ""
        heading = "" if self.rows else _HEADING + "\n"
        self._append(f"{heading}{more}\n{closing}\n")


class Annotations:
    """``--format github``: annotations up to GitHub's cap, plain lines past it, then the summary."""

    def __init__(self, write: Write, *, root: Path, quiet: bool = False, step_summary: str | None = None) -> None:
        self.write, self.root, self.quiet = write, root, quiet
        self.shown: Counter[str] = Counter()
        self.hidden: Counter[str] = Counter()
        self.summary = StepSummary(step_summary) if step_summary else None

    def _line(self, finding: Finding, file: str) -> str:
        kind = _COMMAND[finding.severity]
        if self.shown[kind] < SHOWN[kind]:
            self.shown[kind] += 1
            return annotation(finding, file)
        self.hidden[kind] += 1
        from policyval.reporters import text

        return text.line(finding)

    def file(self, result: Result) -> None:
        named = [(f, relative(f.file, self.root)) for f in result.findings]
        if named:
            self.write("".join(self._line(f, file) + "\n" for f, file in named))
        if self.summary is not None:
            self.summary.add(named)

    def end(self, summary: Summary) -> None:
        from policyval.reporters import tail

        closing = tail("github", summary)
        if self.hidden:
            self.write(self._hidden_notice() + "\n")
        if not self.quiet:
            self.write(closing)
        if self.summary is not None:
            self.summary.end(closing.strip())

    def _hidden_notice(self) -> str:
        parts = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(self.hidden.items()))
        where = "the log above and the job summary" if self.summary is not None else "the log above"
        message = (
            f"{sum(self.hidden.values())} more findings ({parts}) are not shown as annotations: GitHub shows "
            f"10 error, 10 warning and 10 notice annotations per step; every finding is in {where}"
        )
        return f"::notice title={escape_property('policyval: annotations capped')}::{escape_data(message)}"
