"""The rule engine: runs the rules of the chosen profiles on one schema-valid policy.

The engine, not the rule, stamps each finding with the rule's id and decides its severity:
a configured level wins over the case's own (a right some basis calls for), which wins over
the rule's default for the profiles that run (the strictest law that asks for it), as
yamllint's linter stamps rule and level on each problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from policyval.findings import Hit, Severity
from policyval.rules import RULES
from policyval.rules.base import Context, Rule, Sources


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
    sources: Sources,
    rules: tuple[Rule, ...] = RULES,
    today: dt.date | None = None,
) -> Iterator[tuple[Hit, Severity]]:
    """Every hit of the enabled rules of ``profiles``, with its id and severity stamped."""
    ctx = Context(data, file, profiles, sources, today, asked.options)
    for rule in rules:
        if set(rule.profiles) & set(profiles) and asked.enabled(rule.id):
            configured = asked.severity(rule.id)
            default = rule.severity_in(profiles)
            for issue in rule.check(ctx):
                severity = configured or issue.severity or default
                yield Hit(rule.id, issue.message, issue.path, issue.key, issue.related), severity
