"""The semantic stage: runs the registered rules of the active profiles on one schema-valid policy.

``core.run(paths, options, semantic=RuleStage())`` checks with the rules; :func:`run` does the
same and also records which profiles ran for each file in ``Report.profiles``.

Configuration (select / ignore / severity overrides, per file) plugs in through
:class:`Settings`: give :class:`RuleStage` a ``settings_for(file)`` function and every rule
selection and severity decision goes through :meth:`Settings.severity_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from policyval import core
from policyval.findings import Severity
from policyval.loader import Document
from policyval.rules import RULES
from policyval.rules.base import Context, Rule, RuleHit
from policyval.rules.profiles import chosen
from policyval.structural import Hit


@dataclass(frozen=True)
class Settings:
    """How rules run for one file. The defaults run every rule of the detected profiles."""

    profiles: tuple[str, ...] | None = None  # None: detected from the policy (baseline always runs)
    select: frozenset[str] | None = None  # None: every rule; else only these ids
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))

    def enabled(self, rule: Rule, profiles: tuple[str, ...]) -> bool:
        if rule.id in self.ignore or (self.select is not None and rule.id not in self.select):
            return False
        return bool(set(rule.profiles) & set(profiles))

    def severity_of(self, rule: Rule, hit: Hit) -> Severity:
        """A configured severity wins over the case's, which wins over the rule's default."""
        if rule.id in self.severities:
            return self.severities[rule.id]
        if isinstance(hit, RuleHit) and hit.severity is not None:
            return hit.severity
        return rule.severity


DEFAULT = Settings()


class RuleStage:
    """A :data:`policyval.core.SemanticStage` that also remembers the profiles it ran per file."""

    def __init__(
        self,
        settings_for: Callable[[str], Settings] | None = None,
        rules: Iterable[Rule] = RULES,
    ) -> None:
        self.settings_for = settings_for or (lambda _file: DEFAULT)
        self.rules = tuple(rules)
        self.profiles: dict[str, tuple[str, ...]] = {}
        self._sources: dict[Path, str | None] = {}

    def __call__(self, file: str, doc: Document, version: str) -> Iterator[tuple[Hit, Severity]]:
        data: Any = doc.data
        if not isinstance(data, dict):  # the schema has already said so
            return
        settings = self.settings_for(file)
        profiles = chosen(data, settings.profiles)
        self.profiles[file] = profiles
        ctx = Context(data, file, profiles, self._read_source)
        for rule in self.rules:
            if settings.enabled(rule, profiles):
                for hit in rule.check(ctx):
                    yield hit, settings.severity_of(rule, hit)

    def _read_source(self, path: Path) -> str | None:
        """A cited source text, read once per run; None when it cannot be read as UTF-8 text."""
        if path not in self._sources:
            try:
                self._sources[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._sources[path] = None
        return self._sources[path]


def run(paths: Iterable[str], options: core.Options | None = None, settings: Settings | None = None) -> core.Report:
    """Check ``paths`` with the rules; the report says which profiles ran for each file."""
    fixed = settings or DEFAULT
    stage = RuleStage(lambda _file: fixed)
    report = core.run(paths, options, semantic=stage)
    report.profiles = dict(stage.profiles)
    return report
