"""Reporters turn a Report into text for people or machines. They decide nothing."""

from __future__ import annotations

from pathlib import Path

from policyval.core import Report

FORMATS = ("text", "json", "sarif", "github", "junit")


def render(fmt: str, report: Report, *, root: Path, color: bool = False, strict: bool = False) -> str:
    """The report in format ``fmt`` (one of FORMATS). ``root`` is the repository the
    machine formats make paths relative to; ``strict`` says whether warnings fail (JUnit)."""
    from policyval.reporters import github, json, junit, sarif, text

    if fmt == "json":
        return json.render(report, root)
    if fmt == "sarif":
        return sarif.render(report, root)
    if fmt == "github":
        return github.render(report)
    if fmt == "junit":
        return junit.render(report, strict=strict)
    if fmt == "text":
        return text.render(report, color=color)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
