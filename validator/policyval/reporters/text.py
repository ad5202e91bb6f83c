"""The default report: one line per finding, as compilers and linters print them."""

from __future__ import annotations

import click

from policyval.check.result import Summary
from policyval.findings import Finding, Severity
from policyval.reporters.escape import terminal

# Severity colour and boldness on a terminal.
_STYLE: dict[Severity, tuple[str, bool]] = {
    Severity.ERROR: ("red", True),
    Severity.WARNING: ("yellow", True),
    Severity.INFO: ("cyan", False),
}


def location(finding: Finding) -> str:
    if finding.line <= 0:
        return terminal(finding.file)
    return f"{terminal(finding.file)}:{finding.line}:{finding.column}"


def line(finding: Finding, *, color: bool = False) -> str:
    """One finding, one line: the file name, message and path are escaped (reporters.escape),
    so no value from a policy can move the cursor, recolour, retitle or clear the terminal,
    or start a line of its own (a forged ``::error`` in a CI log)."""
    where = f" (at {terminal(finding.path)})" if finding.path else ""
    message = terminal(finding.message)
    if not color:
        return f"{location(finding)}: {finding.severity.value} [{finding.rule}] {message}{where}"
    fg, bold = _STYLE[finding.severity]
    severity = click.style(finding.severity.value, fg=fg, bold=bold)
    where = click.style(where, dim=True) if where else ""
    return (
        f"{click.style(location(finding), bold=True)}: {severity} "
        f"{click.style(f'[{finding.rule}]', dim=True)} {message}{where}"
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


# Files named on a summary line when there are at most this many; past it, a count only,
# so that the summary of 10,000 files is one line per set of profiles.
LISTED_FILES = 10


def _files(files: list[str]) -> str:
    count = _plural(len(files), "file")
    return f"{count} ({', '.join(map(terminal, files))})" if len(files) <= LISTED_FILES else count


def profile_lines(run: Summary) -> list[str]:
    """Which rule profiles ran on how many files, one line per set of profiles (naming the
    files when there are few), and the files whose rules did not run."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for file, profiles in run.profiles.items():
        groups.setdefault(profiles, []).append(file)
    lines = [f"Rule profiles {', '.join(p)}: {_files(files)}" for p, files in groups.items()]
    skipped = [f for f in run.files if f not in run.profiles]
    if run.profiles and skipped:
        lines.append(f"Rules not run (fix the errors reported above first): {_files(skipped)}")
    return lines + unapplied_lines(run)


def unapplied_lines(run: Summary) -> list[str]:
    """The profiles that did not run on files that declare no jurisdiction or law, and how to
    choose them: the run must not read as if those laws had been checked."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for file, profiles in run.unapplied.items():
        groups.setdefault(profiles, []).append(file)
    return [
        f"Profiles not applied ({', '.join(p)}): {_files(files)} declaring no jurisdiction or law; "
        "choose with --profile, or declare policy.jurisdictions and policy.applicable_laws"
        for p, files in groups.items()
    ]


def lines(findings: list[Finding]) -> str:
    """Findings as the text report prints them, for commands that report on stderr."""
    return "".join(line(f) + "\n" for f in findings)
