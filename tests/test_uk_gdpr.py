"""The uk-gdpr profile (issue 13): the GDPR Art. 13/14 rules run under it with UK references, the
ICO is the complaint authority, transfers are judged against the UK adequacy regulations and
UK instruments, and a controller outside the UK needs a UK representative."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyval import cli
from policyval.check import pipeline
from policyval.check.plan import Plan
from policyval.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
UK_ONLY = ROOT / "tests" / "cases" / "invalid" / "basis" / "no-legal-basis" / "uk-only.yaml"
COMPLETE = ROOT / "tests" / "cases" / "valid" / "1.1" / "complete-uk-gdpr.yaml"


def findings(text: str, *profiles: str) -> list[tuple[str, str, str]]:
    plan = Plan(profiles=profiles) if profiles else Plan()
    result = pipeline.check_text(str(ROOT / "example.yaml"), text, plan)
    return [(f.rule, f.severity.value, f.message) for f in result.findings]


def rules_of(text: str, *profiles: str) -> set[str]:
    return {rule for rule, _, _ in findings(text, *profiles)}


def test_a_uk_only_policy_with_no_basis_and_no_rights_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(UK_ONLY)]) == 1
    out = capsys.readouterr().out
    assert "Rule profiles baseline, uk-gdpr: 1 file" in out
    assert "[basis/no-legal-basis]" in out and "[rights/no-complaint]" in out and "Information Commissioner" in out


def test_the_complete_uk_case_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--strict", "--profile", "uk-gdpr", str(COMPLETE)]) == 0


def test_every_rule_under_uk_gdpr_names_the_uk_law() -> None:
    uk = [rule for rule in RULES if "uk-gdpr" in rule.profiles]
    assert len(uk) >= 17
    assert [rule.id for rule in uk if "UK GDPR" not in rule.reference] == []


DOC = 'schema_version: "1.1"\npolicy:\n  jurisdictions: [{places}]\n'


@pytest.mark.parametrize(
    ("authority", "fires"),
    [
        ("{name: CNIL, country: FR}", True),
        ("{name: Information Commissioner's Office}", False),
        ("{name: ICO}", False),
        ("{name: Information Commission}", False),  # its name under the Data (Use and Access) Act 2025
        ("{name: Some regulator, country: GB}", False),
    ],
)
def test_the_complaint_right_expects_the_ico(authority: str, fires: bool) -> None:
    text = DOC.format(places="GB") + f"rights:\n  - right: complaint\n    authority: {authority}\n"
    got = [f for f in findings(text) if f[0] == "rights/no-complaint"]
    assert bool(got) is fires
    assert all(severity == "warning" and "ico.org.uk" in message for _, severity, message in got)


def test_a_complaint_right_naming_no_authority_passes_under_both_laws() -> None:
    text = DOC.format(places="FR, GB") + "rights:\n  - right: complaint\n"
    assert "rights/no-complaint" not in rules_of(text)


TRANSFER = "transfers:\n  - countries: [{country}]\n    mechanisms: [{mechanism}]\n"


@pytest.mark.parametrize(
    ("places", "country", "fires"),
    [
        ("GB", "BR", True),  # an EU adequacy decision (2026) but no UK adequacy regulations
        ("FR", "BR", False),
        ("GB", "FR", False),  # EEA states are adequate for the UK (DPA 2018 Sch. 21 para 5)
        ("FR", "GB", False),  # and the UK for the EU
        ("GB", "KR", False),  # sector regulations count, as the EU table's sector decisions do
        ("GB", "US", True),  # only recipients certified under the UK Extension are covered
    ],
)
def test_no_safeguard_follows_the_table_of_the_law(places: str, country: str, fires: bool) -> None:
    text = DOC.format(places=places) + TRANSFER.format(country=country, mechanism="none_stated")
    assert ("transfer/no-safeguard" in rules_of(text)) is fires


def test_a_country_adequate_under_one_law_only_names_the_other() -> None:
    text = DOC.format(places="FR, GB") + TRANSFER.format(country="BR", mechanism="none_stated")
    [message] = [m for rule, _, m in findings(text) if rule == "transfer/no-safeguard"]
    assert "BR (no UK adequacy regulations" in message


def test_uk_instruments_are_safeguards_and_need_a_copy() -> None:
    text = DOC.format(places="GB") + (
        "transfers:\n  - countries: [IN]\n    safeguards:\n      - mechanism: standard_contractual_clauses\n"
        "        instrument: uk_idta\n"
    )
    got = rules_of(text)
    assert "transfer/no-safeguard" not in got and "transfer/invalid-instrument" not in got
    assert "transfer/no-copy-of-safeguards" in got


def test_eu_clauses_alone_are_read_as_the_eu_transfer_when_both_laws_run() -> None:
    clauses = (
        "transfers:\n  - countries: [IN]\n    safeguards:\n      - mechanism: standard_contractual_clauses\n"
        "        instrument: eu_scc_2021\n        obtain_copy: {url: 'https://example.com/scc'}\n"
    )
    assert "transfer/invalid-instrument" in rules_of(DOC.format(places="GB") + clauses)
    assert "transfer/invalid-instrument" not in rules_of(DOC.format(places="FR, GB") + clauses)


CONTROLLER = "controller:\n  legal_name: Example Inc.\n  country: US\n"


def test_a_representative_is_asked_for_each_territory() -> None:
    assert {"controller/no-eu-representative", "controller/no-uk-representative"} <= rules_of(
        DOC.format(places="FR, GB") + CONTROLLER
    )
    only_uk = (
        DOC.format(places="FR, GB")
        + CONTROLLER
        + ("contacts:\n  - id: uk-rep\n    role: representative\n    postal_address: {text: London, country: GB}\n")
    )
    got = rules_of(only_uk)
    assert "controller/no-eu-representative" in got and "controller/no-uk-representative" not in got


def test_a_statement_that_no_representative_is_needed_is_an_answer() -> None:
    text = (
        DOC.format(places="GB")
        + CONTROLLER
        + (
            "absences:\n  - topic: other\n    description: our processing is occasional, so we have not designated a "
            "UK representative\n"
        )
    )
    assert "controller/no-uk-representative" not in rules_of(text)


def test_no_representative_rule_runs_without_a_known_country() -> None:
    text = DOC.format(places="GB") + "controller:\n  legal_name: Example Inc.\n"
    assert "controller/no-uk-representative" not in rules_of(text)
