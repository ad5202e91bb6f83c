"""Tests as data.

* ``tests/cases/valid/*.yaml`` must produce no finding at all; so must the schema 1.1 cases in
  ``tests/cases/valid/1.1/``, which show every item issue 11 asked 1.1 to express
  (``tests/test_schema_compat.py`` checks that they use every property 1.1 adds). A valid case
  that declares a law no profile checks lists the info finding saying so in its
  ``<name>.expected.json``; no error or warning is ever expected of a valid case.
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

from policyval import rules
from policyval.check.plan import Plan
from policyval.check.run import collect
from policyval.config import Resolver
from policyval.config.overrides import Overrides, Selection
from policyval.findings import Finding

CASES = Path(__file__).resolve().parent / "cases"
VALID = sorted((CASES / "valid").rglob("*.yaml"))
# Policies only: dotfiles such as .policyval.yaml are configuration.
INVALID = sorted(p for p in (CASES / "invalid").rglob("*.yaml") if not p.name.startswith("."))


def selecting(rule: str) -> Overrides:
    """The configuration found from the case plus one rule, as ``policyval check --extend-select RULE``."""
    return Overrides(Resolver(), Selection(extend_select=(rule,)))


def findings_for(path: Path, rule: str | None = None) -> list[Finding]:
    """What `policyval check` reports (schema and rules); an opt-in ``rule`` is selected."""
    plan = Plan(config=selecting(rule)) if rule is not None and rules.opt_in(rule) else Plan(config=Resolver())
    return collect([str(path)], plan).findings


def rule_of(case: Path) -> str:
    return case.parent.relative_to(CASES / "invalid").as_posix()


@pytest.mark.parametrize("case", VALID, ids=lambda p: str(p.relative_to(CASES / "valid")))
def test_valid_case_has_no_findings(case: Path) -> None:
    # A valid case may declare a law no profile checks: the info finding that says so is then
    # listed beside it, and nothing else may appear.
    notes = case.with_suffix(".expected.json")
    expected: list[dict[str, Any]] = json.loads(notes.read_text("utf-8")) if notes.is_file() else []
    assert all(e["severity"] == "info" for e in expected), "a valid case expects info findings at most"
    got = [(f.rule, f.severity.value, f.line, f.column) for f in findings_for(case)]
    assert got == [(e["rule"], e["severity"], e["line"], e["column"]) for e in expected], findings_for(case)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: str(p.relative_to(CASES / "invalid")))
def test_invalid_case_has_expected_findings(case: Path) -> None:
    expected: list[dict[str, Any]] = json.loads(case.with_suffix(".expected.json").read_text("utf-8"))
    assert expected, "an invalid case expects at least one finding"
    rule = rule_of(case)
    got = [f for f in findings_for(case, rule) if f.rule == rule]
    assert [(f.rule, f.severity.value, f.line, f.column) for f in got] == [
        (e["rule"], e["severity"], e["line"], e["column"]) for e in expected
    ]
    for finding, exp in zip(got, expected, strict=True):
        assert exp.get("message", "") in finding.message


def test_every_case_has_its_expectation() -> None:
    assert INVALID, "there are invalid cases"
    for case in INVALID:
        assert case.with_suffix(".expected.json").is_file(), case
