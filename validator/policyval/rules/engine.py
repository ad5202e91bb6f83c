"""The rule engine: runs the rules of the chosen profiles on one schema-valid policy.

The engine, not the rule, stamps each finding with the rule's id and decides its severity:
a configured level wins over the case's own (a right some basis calls for), which wins over
the rule's default, as yamllint's linter stamps rule and level on each problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from policyval.findings import Hit, Severity
from policyval.rules import RULES
from policyval.rules.base import Context, Rule


class Asked(Protocol):
    """What the engine asks the configuration (``policyval.check.plan.Settings``)."""

    def enabled(self, rule: str) -> bool: ...

    def severity(self, rule: str) -> Severity | None: ...

    @property
    def options(self) -> Mapping[str, object]: ...


def run(
    data: Mapping[str, Any],
    file: str,
    profiles: tuple[str, ...],
    asked: Asked,
    read_source: Callable[[Path], str | None],
    rules: tuple[Rule, ...] = RULES,
) -> Iterator[tuple[Hit, Severity]]:
    """Every hit of the enabled rules of ``profiles``, with its id and severity stamped."""
    ctx = Context(data, file, profiles, read_source, asked.options)
    for rule in rules:
        if set(rule.profiles) & set(profiles) and asked.enabled(rule.id):
            configured = asked.severity(rule.id)
            for issue in rule.check(ctx):
                severity = configured or issue.severity or rule.severity
                yield Hit(rule.id, issue.message, issue.path, issue.key), severity
