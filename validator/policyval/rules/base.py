"""What a rule is, what it sees, and what it yields.

A rule is a module (or one row of a family's table) with an ``ID``, a default ``SEVERITY``,
the ``PROFILES`` it belongs to, its legal ``REFERENCE``, a one-line ``SUMMARY``, a docstring
with a passing and a failing example, and a ``check(ctx)`` function. The check yields
:class:`Issue` objects: a message and the JSON path of the node it is about (or of the
parent where something is missing). It never names its own id and never computes a
position: the engine stamps the id and the severity, and the pipeline finds the line.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from policyval.findings import JsonPath, Severity
from policyval.policy import access, laws, terms

PROFILES = laws.PROFILE_IDS

_EXAMPLE = re.compile(r"^(Passing|Failing) example::\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Issue:
    """What a check yields. ``severity`` is None for the rule's default; a rule whose severity
    depends on the case (a right that the legal bases in use call for) sets it. ``key`` points
    the finding at the mapping key of ``path`` rather than at its value."""

    message: str
    path: JsonPath = ()
    key: bool = False
    severity: Severity | None = None
    # One statement, one defect: the other items it affects, named in the message and listed
    # here (SARIF relatedLocations), so the finding is reported once.
    related: tuple[JsonPath, ...] = ()


class SourceError(Exception):
    """A cited source text that cannot be read; the message says why (too large, not UTF-8...)."""


class Sources(Protocol):
    """How rules reach the source texts a policy cites (``policyval.check.source.Sources``)."""

    @property
    def config_root(self) -> Path | None:
        """The folder of the configuration file that governs the policy, if any."""

    def read(self, path: Path) -> str:
        """The text of ``path``, read bounded; SourceError when it cannot be read as UTF-8 text."""


class NoSources:
    """Reads nothing: a context built without the pipeline (tests, examples)."""

    config_root: Path | None = None

    def read(self, path: Path) -> str:
        raise SourceError("no source text is read here")


@dataclass(frozen=True)
class Context:
    """What a rule sees: one schema-valid policy and where it came from."""

    data: Mapping[str, Any]
    # The file as the user named it; the evidence rules resolve source_text from it.
    file: str
    profiles: tuple[str, ...] = ("baseline",)
    # The cited source texts, confined by the evidence rules to the policy's repository.
    sources: Sources = field(default_factory=NoSources, compare=False)
    # The day rules judge dates against (a policy last updated over 12 months ago). The plan
    # fixes it once per run (``Plan.today``); None (a context built by hand) judges no age.
    today: dt.date | None = None
    # Settings of the rules that need one, by configuration key (``min-coverage``).
    options: Mapping[str, object] = field(default_factory=dict)

    def section(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        """The items of a top-level list (purposes, recipients, ...) with their indexes."""
        return access.indexed(self.data, key)

    def mapping(self, key: str) -> dict[str, Any]:
        return access.mapping(self.data, key)

    def ids(self, key: str) -> list[str]:
        return [str(item["id"]) for _, item in self.section(key) if "id" in item]

    def legal_bases(self) -> Iterator[tuple[JsonPath, str]]:
        """Every legal basis in use, with the path of its list item: those of the purposes, then
        (schema 1.1) those the policy states at its own level, tied to purposes or not."""
        for i, purpose in self.section("purposes"):
            for j, basis in enumerate(purpose.get("legal_bases") or []):
                if isinstance(basis, dict) and "basis" in basis:
                    yield ("purposes", i, "legal_bases", j), str(basis["basis"])
        for i, basis in self.section("legal_bases"):
            if "basis" in basis:
                yield ("legal_bases", i), str(basis["basis"])

    def bases_of(self, purpose: dict[str, Any]) -> list[dict[str, Any]]:
        """The legal bases of one purpose: its own, and the policy-level ones that name it."""
        return terms.bases_for(self.data, purpose)

    def controllers(self) -> list[tuple[JsonPath, dict[str, Any]]]:
        """The controller and (schema 1.1) every entry of 'controllers', with their paths."""
        found: list[tuple[JsonPath, dict[str, Any]]] = []
        if isinstance(self.data.get("controller"), dict):
            found.append((("controller",), self.mapping("controller")))
        return found + [(("controllers", i), c) for i, c in self.section("controllers")]

    def rights(self) -> dict[str, tuple[int, dict[str, Any]]]:
        """Declared rights by name (the first declaration of each)."""
        out: dict[str, tuple[int, dict[str, Any]]] = {}
        for i, item in self.section("rights"):
            out.setdefault(str(item.get("right")), (i, item))
        return out


def where_missing(ctx: Context, *keys: str) -> tuple[JsonPath, bool]:
    """Path (and key flag) of the deepest of ``keys`` that exists, for a finding about something missing."""
    path: JsonPath = ()
    node: Any = ctx.data
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            break
        path = (*path, key)
        node = node[key]
    return path, bool(path)


def examples(doc: str) -> dict[str, str]:
    """The 'Passing example::' and 'Failing example::' blocks of a rule docstring, dedented."""
    found: dict[str, str] = {}
    matches = list(_EXAMPLE.finditer(doc))
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(doc)
        found[match.group(1).lower()] = textwrap.dedent(doc[match.end() : end]).strip() + "\n"
    return found


Check = Callable[[Context], Iterable[Issue]]


# A rule's severity: one for every profile, or one per profile where the laws word the same
# duty differently (vague retention: an error under the GDPR, a warning under PIPEDA).
Severities = Severity | Mapping[str, Severity]


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, a default severity, where it applies and why, and its check."""

    id: str
    severity: Severities
    profiles: tuple[str, ...]
    reference: str
    summary: str
    doc: str
    check: Check = field(compare=False)
    # False: an opt-in rule (data-model lint no law asks for), run only when selected by id or
    # namespace (``select``, ``--select``, ``--extend-select``), as ruff's non-default rules.
    default: bool = True

    def __post_init__(self) -> None:
        # Fail at import, in tests, rather than with a confusing report later.
        if not re.fullmatch(r"[a-z]+/[a-z0-9]+(-[a-z0-9]+)*", self.id):
            raise ValueError(f"rule id {self.id!r} is not namespace/kebab-case")
        if not self.profiles or not set(self.profiles) <= set(PROFILES):
            raise ValueError(f"rule {self.id}: profiles {self.profiles} not among {PROFILES}")
        if set(examples(self.doc)) != {"passing", "failing"}:
            raise ValueError(f"rule {self.id}: its doc needs a 'Passing example::' and a 'Failing example::'")
        if isinstance(self.severity, Mapping) and set(self.severity) != set(self.profiles):
            raise ValueError(f"rule {self.id}: give a severity for each of its profiles {self.profiles}")

    def severity_in(self, profiles: Iterable[str]) -> Severity:
        """The rule's severity where ``profiles`` run: the strictest of the laws that ask for it."""
        if isinstance(self.severity, Severity):
            return self.severity
        found = [s for p, s in self.severity.items() if p in set(profiles)] or list(self.severity.values())
        return max(found, key=lambda s: s.rank)

    @property
    def strictest(self) -> Severity:
        return self.severity_in(self.profiles)

    @classmethod
    def of(cls, module: ModuleType) -> Rule:
        """The rule a one-rule module declares with its ID, SEVERITY, ... constants."""
        return cls(
            id=module.ID,
            severity=module.SEVERITY,
            profiles=module.PROFILES,
            reference=module.REFERENCE,
            summary=module.SUMMARY,
            doc=module.__doc__ or "",
            check=module.check,
            default=getattr(module, "DEFAULT", True),
        )


def quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)
