"""The default report: one line per finding, as compilers and linters print them."""

from __future__ import annotations

import click

from policyval.check.result import Summary
from policyval.findings import Finding, Severity

# Severity colour and boldness on a terminal.
_STYLE: dict[Severity, tuple[str, bool]] = {
    Severity.ERROR: ("red", True),
    Severity.WARNING: ("yellow", True),
    Severity.INFO: ("cyan", False),
}


def location(finding: Finding) -> str:
    if finding.line <= 0:
        return finding.file
    return f"{finding.file}:{finding.line}:{finding.column}"


def line(finding: Finding, *, color: bool = False) -> str:
    where = f" (at {finding.path})" if finding.path else ""
    if not color:
        return f"{location(finding)}: {finding.severity.value} [{finding.rule}] {finding.message}{where}"
    fg, bold = _STYLE[finding.severity]
    severity = click.style(finding.severity.value, fg=fg, bold=bold)
    where = click.style(where, dim=True) if where else ""
    return (
        f"{click.style(location(finding), bold=True)}: {severity} "
        f"{click.style(f'[{finding.rule}]', dim=True)} {finding.message}{where}"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(run: Summary) -> str:
    """The closing line. Findings a baseline accepted are counted in it, so a run that hides
    them never reads as a clean slate."""
    checked = _plural(len(run.files), "file")
    accepted = f"{_plural(run.accepted, 'known finding')} accepted by the baseline" if run.accepted else ""
    if not run.total():
        if accepted:
            return f"No new findings: {checked} checked, {accepted}."
        return f"All checks passed: {checked} checked, no findings."
    counts = ", ".join(_plural(run.count(s), s.value) for s in Severity if run.count(s))
    also = f"; {accepted}" if accepted else ""
    return f"Found {counts} in {_plural(run.with_findings, 'file')} ({checked} checked){also}."


def profile_lines(run: Summary) -> list[str]:
    """Which rule profiles ran on which files, one line per set of profiles."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for file, profiles in run.profiles.items():
        groups.setdefault(profiles, []).append(file)
    lines = [f"Rule profiles {', '.join(p)}: {', '.join(files)}" for p, files in groups.items()]
    skipped = [f for f in run.files if f not in run.profiles]
    if run.profiles and skipped:
        lines.append(f"Rules not run (fix the errors reported above first): {', '.join(skipped)}")
    return lines


def lines(findings: list[Finding]) -> str:
    """Findings as the text report prints them, for commands that report on stderr."""
    return "".join(line(f) + "\n" for f in findings)
