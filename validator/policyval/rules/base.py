"""What a rule is, what it sees, and the small helpers most rules share.

A rule never computes a position: it yields :class:`RuleHit` (a :class:`~policyval.structural.Hit`
that may carry its own severity) with the JSON path of the node a finding is about, or of the
parent where something is missing, and the engine turns that into file, line and column.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyval import schemas
from policyval.findings import JsonPath, Severity
from policyval.structural import Hit

PROFILES = ("baseline", "eu-gdpr", "ca-pipeda")

# Channel types that reach a person. A "website" names the service, it is not a way to write to anyone.
CONTACT_TYPES = frozenset({"email", "web_form", "phone", "postal", "in_app", "fax", "other"})

_EXAMPLE = re.compile(r"^(Passing|Failing) example::\s*$", re.MULTILINE)


@dataclass(frozen=True)
class RuleHit(Hit):
    """A hit from a rule. ``severity`` is None for the rule's default severity; a rule whose
    severity depends on the case (a right that the legal bases in use call for) sets it."""

    severity: Severity | None = None


@dataclass(frozen=True)
class Context:
    """What a rule sees: one schema-valid policy and where it came from."""

    data: Mapping[str, Any]
    # The file as the user named it; the evidence rules resolve source_text from it.
    file: str
    profiles: tuple[str, ...] = ("baseline",)
    # Reads a source text once per run, however many policies cite it; None when unreadable.
    read_source: Callable[[Path], str | None] = field(default=lambda p: None, compare=False)

    def section(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        """The items of a top-level list (purposes, recipients, ...) with their indexes."""
        value = self.data.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    def ids(self, key: str) -> list[str]:
        return [str(item["id"]) for _, item in self.section(key) if "id" in item]

    def legal_bases(self) -> Iterator[tuple[JsonPath, str]]:
        """Every legal basis in use, with the path of its list item."""
        for i, purpose in self.section("purposes"):
            for j, basis in enumerate(purpose.get("legal_bases") or []):
                if isinstance(basis, dict) and "basis" in basis:
                    yield ("purposes", i, "legal_bases", j), str(basis["basis"])

    def rights(self) -> dict[str, tuple[int, dict[str, Any]]]:
        """Declared rights by name (the first declaration of each)."""
        out: dict[str, tuple[int, dict[str, Any]]] = {}
        for i, item in self.section("rights"):
            out.setdefault(str(item.get("right")), (i, item))
        return out


def usable(channels: Any) -> list[dict[str, Any]]:
    """Channels that give an address: a blank in the source text ('value' left out) reaches nobody."""
    if not isinstance(channels, list):
        return []
    return [
        c
        for c in channels
        if isinstance(c, dict) and c.get("type") in CONTACT_TYPES and str(c.get("value") or "").strip()
    ]


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


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, a default severity, where it applies and why, and its check."""

    id: str
    severity: Severity
    profiles: tuple[str, ...]
    reference: str
    summary: str
    doc: str
    check: Check = field(compare=False)

    def __post_init__(self) -> None:
        # Fail at import, in tests, rather than with a confusing report later.
        if not re.fullmatch(r"[a-z]+/[a-z0-9]+(-[a-z0-9]+)*", self.id):
            raise ValueError(f"rule id {self.id!r} is not namespace/kebab-case")
        if not self.profiles or not set(self.profiles) <= set(PROFILES):
            raise ValueError(f"rule {self.id}: profiles {self.profiles} not among {PROFILES}")

    def hit(self, message: str, path: JsonPath = (), *, key: bool = False, severity: Severity | None = None) -> RuleHit:
        return RuleHit(self.id, message, path, key, severity)


def vocab() -> dict[str, Any]:
    return schemas.vocab()


def quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)
