"""Reporters turn results into text for people or machines. They decide nothing.

A reporter is an object with ``file(result)`` and ``end(summary)``
(:class:`policyval.check.result.Reporter`). Text and GitHub annotations are printed as each
file's result arrives, so memory stays flat however many files; JSON, SARIF and JUnit are
single documents, built at the end from the results they collected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policyval.check.result import Result, Summary
from policyval.findings import Finding

FORMATS = ("text", "json", "sarif", "github", "junit")
STREAMING = ("text", "github")

Write = Callable[[str], None]


@dataclass
class Collected:
    """The results of a run, kept for a format that is one document."""

    results: list[Result] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    @property
    def files(self) -> list[str]:
        return self.summary.files

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def io_errors(self) -> list[Finding]:
        return self.summary.io_errors


def render(fmt: str, report: Collected, *, root: Path, color: bool = False, strict: bool = False) -> str:
    """The whole report in format ``fmt``. ``root`` is the repository the machine formats make
    paths relative to; ``strict`` says whether warnings fail (JUnit)."""
    # Only the chosen reporter is imported: junit's XML and json/sarif's baseline
    # fingerprints cost a cold text run time it does not need.
    if fmt == "json":
        from policyval.reporters import json

        return json.render(report, root)
    if fmt == "sarif":
        from policyval.reporters import sarif

        return sarif.render(report, root)
    if fmt == "junit":
        from policyval.reporters import junit

        return junit.render(report, strict=strict)
    if fmt in STREAMING:
        line = line_for(fmt, color=color)
        return "".join(line(f) + "\n" for f in report.findings) + tail(fmt, report.summary)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def line_for(fmt: str, *, color: bool = False) -> Callable[[Finding], str]:
    """The function that turns one finding into its line of a ``fmt`` report."""
    if fmt == "github":
        from policyval.reporters import github

        return github.annotation
    if fmt == "text":
        from policyval.reporters import text

        return lambda finding: text.line(finding, color=color)
    raise ValueError(f"format {fmt!r} does not stream; these do: {', '.join(STREAMING)}")


def tail(fmt: str, summary: Summary) -> str:
    """What a ``fmt`` report prints after its findings' lines."""
    from policyval.reporters import text

    lines = text.profile_lines(summary) if fmt == "text" else []
    return "\n".join([*lines, text.summary(summary)]) + "\n"


class Streaming:
    """Each file's findings printed as they arrive, then the summary."""

    def __init__(self, fmt: str, write: Write, *, color: bool = False) -> None:
        self.fmt, self.write = fmt, write
        self.line = line_for(fmt, color=color)

    def file(self, result: Result) -> None:
        if result.findings:
            self.write("".join(self.line(f) + "\n" for f in result.findings))

    def end(self, summary: Summary) -> None:
        self.write(tail(self.fmt, summary))


class Document:
    """The results collected, and the report written once at the end."""

    def __init__(self, fmt: str, write: Write, *, root: Path, strict: bool = False) -> None:
        self.fmt, self.write, self.root, self.strict = fmt, write, root, strict
        self.report = Collected()

    def file(self, result: Result) -> None:
        self.report.results.append(result)

    def end(self, summary: Summary) -> None:
        self.report.summary = summary
        self.write(render(self.fmt, self.report, root=self.root, strict=self.strict))


def reporter(fmt: str, write: Write, *, root: Path, color: bool = False, strict: bool = False) -> Streaming | Document:
    """The reporter of format ``fmt`` that writes through ``write``."""
    if fmt in STREAMING:
        return Streaming(fmt, write, color=color)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return Document(fmt, write, root=root, strict=strict)
