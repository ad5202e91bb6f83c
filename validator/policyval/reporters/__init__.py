"""Reporters turn a Report into text for people or machines. They decide nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from policyval.core import Report
from policyval.findings import Finding

FORMATS = ("text", "json", "sarif", "github", "junit")


def render(fmt: str, report: Report, *, root: Path, color: bool = False, strict: bool = False) -> str:
    """The report in format ``fmt`` (one of FORMATS). ``root`` is the repository the
    machine formats make paths relative to; ``strict`` says whether warnings fail (JUnit)."""
    # Only the chosen reporter is imported: junit's XML and json/sarif's baseline
    # fingerprints cost a cold text run time it does not need.
    if fmt == "json":
        from policyval.reporters import json

        return json.render(report, root)
    if fmt == "sarif":
        from policyval.reporters import sarif

        return sarif.render(report, root)
    if fmt == "github":
        from policyval.reporters import github

        return github.render(report)
    if fmt == "junit":
        from policyval.reporters import junit

        return junit.render(report, strict=strict)
    if fmt == "text":
        from policyval.reporters import text

        return text.render(report, color=color)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


# Streaming (text and github only): each finding's line as it arrives, then the tail. The
# two together print exactly what ``render`` prints (tests/test_streaming.py). json, sarif
# and junit are single documents built from the whole report, so they still collect.
STREAMING = ("text", "github")


def line_for(fmt: str, *, color: bool = False) -> Callable[[Finding], str]:
    """The function that turns one finding into its line of a ``fmt`` report."""
    if fmt == "github":
        from policyval.reporters import github

        return github.annotation
    if fmt == "text":
        from policyval.reporters import text

        return lambda finding: text.line(finding, color=color)
    raise ValueError(f"format {fmt!r} does not stream; these do: {', '.join(STREAMING)}")


def tail(fmt: str, report: Report) -> str:
    """What a ``fmt`` report prints after its findings' lines."""
    from policyval.reporters import text

    lines = text.profile_lines(report) if fmt == "text" else []
    return "\n".join([*lines, text.summary(report)]) + "\n"
