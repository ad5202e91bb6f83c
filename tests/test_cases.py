"""Tests as data.

* ``tests/cases/valid/*.yaml`` must produce no finding at all.
* A case is checked as ``policyval check`` checks it, under the configuration found from
  it: a ``.policyval.yaml`` in a case directory (an opt-in rule's threshold) applies there.
* ``tests/cases/invalid/<rule-id>/<name>.yaml`` (the rule id may hold a slash, e.g.
  ``schema/enum``) sits beside ``<name>.expected.json``: the findings of that rule, each
  ``{"rule", "severity", "line", "column"}`` and optionally ``"message"``, a substring
  the message must contain. Findings of other rules in the same case are not compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policyval.check.plan import Plan
from policyval.check.run import collect
from policyval.config import Resolver
from policyval.findings import Finding

CASES = Path(__file__).resolve().parent / "cases"
VALID = sorted((CASES / "valid").glob("*.yaml"))
# Policies only: dotfiles such as .policyval.yaml are configuration.
INVALID = sorted(p for p in (CASES / "invalid").rglob("*.yaml") if not p.name.startswith("."))


def findings_for(path: Path) -> list[Finding]:
    return collect([str(path)], Plan(Resolver())).findings  # what `policyval check` runs: schema and rules


def rule_of(case: Path) -> str:
    return case.parent.relative_to(CASES / "invalid").as_posix()


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_findings(case: Path) -> None:
    assert [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings_for(case)] == []


@pytest.mark.parametrize("case", INVALID, ids=lambda p: str(p.relative_to(CASES / "invalid")))
def test_invalid_case_has_expected_findings(case: Path) -> None:
    expected: list[dict[str, Any]] = json.loads(case.with_suffix(".expected.json").read_text("utf-8"))
    assert expected, "an invalid case expects at least one finding"
    rule = rule_of(case)
    got = [f for f in findings_for(case) if f.rule == rule]
    assert [(f.rule, f.severity.value, f.line, f.column) for f in got] == [
        (e["rule"], e["severity"], e["line"], e["column"]) for e in expected
    ]
    for finding, exp in zip(got, expected, strict=True):
        assert exp.get("message", "") in finding.message


def test_every_case_has_its_expectation() -> None:
    assert INVALID, "there are invalid cases"
    for case in INVALID:
        assert case.with_suffix(".expected.json").is_file(), case
