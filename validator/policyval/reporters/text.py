"""The default report: one line per finding, as compilers and linters print them."""

from __future__ import annotations

import click

from policyval.core import Report
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


def summary(report: Report) -> str:
    checked = _plural(len(report.files), "file")
    if not report.total():
        return f"All checks passed: {checked} checked, no findings."
    with_findings = report.files_with_findings()
    counts = ", ".join(_plural(report.count(s), s.value) for s in Severity if report.count(s))
    return f"Found {counts} in {_plural(with_findings, 'file')} ({checked} checked)."


def profile_lines(report: Report) -> list[str]:
    """Which rule profiles ran on which files, one line per set of profiles."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for file, profiles in report.profiles.items():
        groups.setdefault(profiles, []).append(file)
    lines = [f"Rule profiles {', '.join(p)}: {', '.join(files)}" for p, files in groups.items()]
    skipped = [f for f in report.files if f not in report.profiles]
    if report.profiles and skipped:
        lines.append(f"Rules not run (fix the errors reported above first): {', '.join(skipped)}")
    return lines


def render(report: Report, *, color: bool = False) -> str:
    """The report; ``color`` adds ANSI styles (the CLI decides: a terminal, no NO_COLOR, or --color)."""
    lines = [line(f, color=color) for f in report.findings]
    lines.extend(profile_lines(report))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
