"""The laws policyval checks: which profiles a policy's declared places and laws select, how a
rule's severity follows the law of the profile that runs it, and grouped findings."""

from __future__ import annotations

import pytest

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.findings import Hit, Severity
from policyval.policy import laws
from policyval.rules.base import Issue, Rule

DOC = 'schema_version: "1.0"\npurposes:\n  - id: a\n  - id: b\n'


@pytest.mark.parametrize(
    ("places", "named", "expected"),
    [
        ([], [], ("baseline",)),
        (["FR"], [], ("baseline", "eu-gdpr", "eu-eprivacy", "fr-loi-78-17")),
        (["FR-75"], [], ("baseline", "eu-gdpr", "eu-eprivacy", "fr-loi-78-17")),
        (["IE"], [], ("baseline", "eu-gdpr", "eu-eprivacy")),
        ([], ["eu-gdpr"], ("baseline", "eu-gdpr", "eu-eprivacy")),
        (["GB"], [], ("baseline", "uk-gdpr")),
        (["CA-QC"], [], ("baseline", "ca-pipeda", "ca-qc-law25")),
        (["CA"], [], ("baseline", "ca-pipeda")),
        (["US"], [], ("baseline",)),  # no federal privacy-notice law: US alone selects nothing
        (["US-CA"], [], ("baseline", "us-ccpa")),
        ([], ["us-ccpa"], ("baseline", "us-ccpa")),
        (["GG", "JE", "IM"], [], ("baseline",)),  # the Crown Dependencies are not the UK
    ],
)
def test_declared_places_and_laws_select_profiles(
    places: list[str], named: list[str], expected: tuple[str, ...]
) -> None:
    assert laws.selected(places, named) == expected


def test_laws_no_profile_checks_are_named() -> None:
    assert laws.unchecked_laws(["eu-gdpr", "other", "us-coppa"]) == ["other", "us-coppa"]


def _rule(severity: Severity | dict[str, Severity], profiles: tuple[str, ...]) -> Rule:
    doc = "A rule.\n\nPassing example::\n\n    a: 1\n\nFailing example::\n\n    a: 2\n"
    return Rule("test/rule", severity, profiles, "ref", "summary", doc, lambda ctx: ())


def test_a_rule_takes_the_severity_of_the_strictest_law_that_runs_it() -> None:
    rule = _rule({"eu-gdpr": Severity.ERROR, "ca-pipeda": Severity.WARNING}, ("eu-gdpr", "ca-pipeda"))
    assert rule.severity_in(["baseline", "ca-pipeda"]) is Severity.WARNING
    assert rule.severity_in(["baseline", "eu-gdpr", "ca-pipeda"]) is Severity.ERROR
    assert rule.strictest is Severity.ERROR
    with pytest.raises(ValueError, match="a severity for each of its profiles"):
        _rule({"eu-gdpr": Severity.ERROR}, ("eu-gdpr", "ca-pipeda"))


def test_a_grouped_finding_carries_the_places_it_names() -> None:
    doc = load_text(DOC)
    hit = Hit("test/rule", "2 purposes", ("purposes", 0), False, (("purposes", 1),))
    finding = pipeline._finding("p.yaml", doc, hit, Severity.ERROR)
    assert (finding.line, finding.column, finding.path) == (3, 5, "/purposes/0")
    assert finding.related == ((4, 5, "/purposes/1"),)
    assert Issue("m", ("purposes", 0), related=(("purposes", 1),)).related == (("purposes", 1),)
