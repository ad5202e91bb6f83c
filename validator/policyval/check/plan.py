"""What a check is asked to do: plain data, the same in this process and in a worker.

A :class:`Plan` holds everything that decides a file's findings: the configuration to ask
(any object with ``settings_for(file)``, e.g. :class:`policyval.config.Resolver`), the
``--profile`` choice, limits, whether rules run, whether the data is kept, and the baseline.
It holds no callbacks and no output: printing is a reporter's business.

:class:`Settings` is what configuration says about one file. The engine asks it, as
yamllint's linter asks its config: is this rule enabled, at what level? Only findings after
which the file is still fully checked may be silenced (``rules.silenceable``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from policyval import rules
from policyval.check.source import DEFAULT_MAX_BYTES
from policyval.findings import Finding, Severity

if TYPE_CHECKING:
    from policyval.check.baseline import Baseline


@dataclass(frozen=True)
class Settings:
    """What the configuration says for one file. The defaults: every rule, as documented."""

    # A broken configuration: these findings stand for the file, and no rule runs on it.
    errors: tuple[Finding, ...] = ()
    profiles: tuple[str, ...] | None = None  # None: detected from the policy
    select: tuple[str, ...] | None = None  # semantic rules (ids or namespaces) to run; None: all
    ignore: tuple[str, ...] = ()  # ignore, plus the per-file ignores that match this file
    levels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # id or namespace -> level
    # The folder of the configuration file that applies: outside a git repository, the evidence
    # rules confine cited source texts to it.
    root: Path | None = None
    # What rules that need a setting read, by configuration key (e.g. min-coverage).
    options: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def broken(self) -> bool:
        return bool(self.errors)

    def enabled(self, rule: str) -> bool:
        if not rules.silenceable(rule):
            return True
        if self.select is None and rules.opt_in(rule):
            return False
        if self.select is not None and rule in rules.ids() and not any(rules.matches(p, rule) for p in self.select):
            return False
        return not any(rules.matches(p, rule) for p in self.ignore) and self.level(rule) != "off"

    def level(self, rule: str) -> str | None:
        """The configured level: a rule's own entry wins over its namespace's."""
        if rule in self.levels:
            return self.levels[rule]
        return self.levels.get(rule.split("/", 1)[0] + "/")

    def severity(self, rule: str) -> Severity | None:
        """The configured severity of a silenceable rule, or None for its own."""
        level = self.level(rule) if rules.silenceable(rule) else None
        return None if level in (None, "off") else Severity(level)

    def graded(self, finding: Finding) -> Finding:
        severity = self.severity(finding.rule)
        return finding if severity in (None, finding.severity) else replace(finding, severity=severity)


DEFAULTS = Settings()


class Configuration(Protocol):
    """What the engine asks of a configuration: the settings that govern one file."""

    def settings_for(self, file: str) -> Settings: ...


class NoConfiguration:
    """Every file at the defaults (``--isolated``, or a caller that reads no configuration)."""

    def settings_for(self, file: str) -> Settings:
        return DEFAULTS


TODAY_VARIABLE = "POLICYVAL_TODAY"


def reference_day() -> dt.date:
    """The day a run judges dates against: ``POLICYVAL_TODAY`` (YYYY-MM-DD) when it is set to a
    date, so that CI and tests are reproducible, else the clock. Read once, when a plan is made,
    so every file and every worker of a run agree; the finding that uses it names the day."""
    try:
        return dt.date.fromisoformat(os.environ.get(TODAY_VARIABLE, "").strip())
    except ValueError:  # unset or not a date: the clock (the finding's message shows the day used)
        return dt.date.today()


@dataclass(frozen=True)
class Plan:
    """How to check: the same plan gives the same findings in every command and in the API."""

    config: Configuration = field(default_factory=NoConfiguration)
    profiles: tuple[str, ...] | None = None  # --profile: wins over configuration and detection
    strict: bool = False  # warnings fail too (the exit code and JUnit ask)
    max_bytes: int = DEFAULT_MAX_BYTES
    rules: bool = True  # False: YAML and schema only (export, load)
    keep_data: bool = False  # the policy data in each result (render, report, diff, export)
    baseline: Baseline | None = None  # accepted findings, by repository-relative file
    root: Path | None = None  # the repository baselines are relative to (None: found from cwd)
    jobs: int = 1
    today: dt.date = field(default_factory=reference_day)  # what "within the last 12 months" is measured from
