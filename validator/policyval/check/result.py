"""What a check gives back: one :class:`Result` per file, and a :class:`Summary` per run.

Reporters receive results one at a time (``file``) and the summary at the end (``end``), so a
reporter that prints as it goes keeps nothing, and one that writes a single document (JSON,
SARIF, JUnit) collects only what its format needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from policyval.findings import Finding, Severity

# Rule namespaces whose findings mean policyval could not read its input, or failed on it
# (internal/), or was given a broken configuration (config/), and so could not judge it.
IO_PREFIX = ("io/", "internal/", "config/")


@dataclass(frozen=True)
class Suppressed:
    """A finding the check found and did not report, and why: ``inline`` (a comment in the
    file, with its reason) or ``baseline`` (accepted in the baseline file)."""

    finding: Finding
    kind: str
    justification: str = ""


@dataclass(frozen=True)
class Result:
    """One input, checked: its findings after configuration, inline suppressions and baseline."""

    file: str
    findings: tuple[Finding, ...] = ()
    profiles: tuple[str, ...] | None = None  # the rule profiles that ran; None: no rule ran
    data: Any = None  # the policy data, when the plan keeps it and the file could be read
    suppressed: tuple[Suppressed, ...] = ()
    checked: bool = True  # False: a path that could not even be opened as a file (io/)
    # Profiles with rules that did not run because the policy declares no jurisdiction or law.
    unapplied: tuple[str, ...] = ()

    @classmethod
    def unopened(cls, finding: Finding) -> Result:
        """The result for a path that could not be opened as a file at all."""
        return cls(finding.file, (finding,), checked=False)

    @property
    def io_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.rule.startswith(IO_PREFIX)]

    def failing(self, *, strict: bool = False) -> bool:
        failing = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
        return any(f.severity in failing for f in self.findings)


@dataclass
class Summary:
    """Counts of a run; never the findings themselves, so it stays small however many files."""

    files: list[str] = field(default_factory=list)
    counts: dict[Severity, int] = field(default_factory=dict)
    with_findings: int = 0
    profiles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    io_errors: list[Finding] = field(default_factory=list)
    accepted: int = 0  # findings the baseline accepted
    unapplied: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> profiles not run

    def add(self, result: Result) -> None:
        if result.checked:
            self.files.append(result.file)
        if result.profiles is not None:
            self.profiles[result.file] = result.profiles
        if result.unapplied:
            self.unapplied[result.file] = result.unapplied
        for f in result.findings:
            self.counts[f.severity] = self.counts.get(f.severity, 0) + 1
        self.with_findings += bool(result.findings)
        self.io_errors.extend(result.io_errors)
        self.accepted += sum(1 for s in result.suppressed if s.kind == "baseline")

    def count(self, severity: Severity) -> int:
        return self.counts.get(severity, 0)

    def total(self) -> int:
        return sum(self.counts.values())

    def failing(self, *, strict: bool = False) -> bool:
        return bool(self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)))


class Reporter(Protocol):
    """Where a run's results go, as they come."""

    def file(self, result: Result) -> None: ...

    def end(self, summary: Summary) -> None: ...


class Collect:
    """A reporter that keeps every result (the API, tests, and publishing commands)."""

    def __init__(self) -> None:
        self.results: list[Result] = []
        self.summary = Summary()

    def file(self, result: Result) -> None:
        self.results.append(result)

    def end(self, summary: Summary) -> None:
        self.summary = summary

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]
