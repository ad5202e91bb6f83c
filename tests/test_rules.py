"""The rule engine and catalogue: registry, documentation examples, profiles, settings, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyval import cli
from policyval.check import pipeline
from policyval.check.plan import Plan, Settings
from policyval.check.run import collect
from policyval.cli import check as commands
from policyval.config.overrides import Overrides, Selection
from policyval.findings import Finding, Severity
from policyval.rules import RULES, engine, get, ids, suggest
from policyval.rules.base import PROFILES, Issue, NoSources, Rule, examples
from policyval.rules.profiles import chosen, detect

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "cases" / "invalid"
VALID = ROOT / "tests" / "cases" / "valid"
COMPLETE = VALID / "complete-gdpr.yaml"
# Namespaces of findings the engine itself reports (YAML, schema, files, I/O), not rules.
ENGINE_NAMESPACES = ("yaml", "schema", "file", "io", "internal")


class Fixed:
    """A configuration that gives every file the same settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def settings_for(self, file: str) -> Settings:
        return self.settings


# Opt-in rules run only under a setting; their docstrings say which one the examples assume.
EXAMPLE_OPTIONS = {"min-coverage": 80}


def rule_findings(rule: Rule, text: str) -> list[str]:
    """Findings of ``rule`` for a policy given as text, with the rule's own profiles forced."""
    # A file name inside the repository, so seeds/ resolves for the evidence rules.
    selected = Overrides(Fixed(Settings(options=EXAMPLE_OPTIONS)), Selection(extend_select=(rule.id,)))
    plan = Plan(profiles=rule.profiles, config=selected)
    findings = pipeline.check_text(str(ROOT / "example.yaml"), text, plan).findings
    assert not [f for f in findings if f.rule.startswith(("schema/", "yaml/"))], findings
    return [f.message for f in findings if f.rule == rule.id]


def test_registry_ids_are_unique_and_found() -> None:
    # Every rule registered once (the count grows with each law; a duplicate id fails at import).
    assert len(set(ids())) == len(RULES) >= 60
    for rule in RULES:
        assert get(rule.id) is rule
    assert get("no/such-rule") is None
    assert suggest("rights/no-acess") == "rights/no-access"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.summary and "\n" not in rule.summary
    assert rule.reference
    assert set(rule.profiles) <= set(PROFILES)
    assert set(examples(rule.doc)) == {"passing", "failing"}, "the docstring gives both examples"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_example_fires(rule: Rule) -> None:
    assert rule_findings(rule, examples(rule.doc)["failing"])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_passing_example_does_not_fire(rule: Rule) -> None:
    assert rule_findings(rule, examples(rule.doc)["passing"]) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_failing_case(rule: Rule) -> None:
    cases = list((INVALID / rule.id).glob("*.yaml"))
    assert cases, f"add tests/cases/invalid/{rule.id}/<name>.yaml and its .expected.json"


def test_every_case_directory_is_a_rule() -> None:
    dirs = {p.parent.relative_to(INVALID).as_posix() for p in INVALID.rglob("*.yaml")}
    stray = {d for d in dirs if d.split("/")[0] not in ENGINE_NAMESPACES and get(d) is None}
    assert stray == set()


def test_rules_never_run_on_a_malformed_policy() -> None:
    # No schema_version and a wrong type: schema findings only, no rule guesses.
    report = collect([str(INVALID / "schema" / "type" / "wrong-types.yaml")], Plan())
    assert report.findings
    assert all(f.rule.startswith("schema/") for f in report.findings)
    assert report.summary.profiles == {}


# --- profiles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ({}, ("baseline",)),
        ({"jurisdictions": ["US"]}, ("baseline",)),
        ({"jurisdictions": ["FR"]}, ("baseline", "eu-gdpr", "eu-eprivacy", "fr-loi-78-17")),
        ({"jurisdictions": ["EU"]}, ("baseline", "eu-gdpr", "eu-eprivacy")),
        ({"jurisdictions": ["NO"]}, ("baseline", "eu-gdpr", "eu-eprivacy")),  # EEA, not EU
        ({"jurisdictions": ["CH"]}, ("baseline",)),
        ({"applicable_laws": [{"law": "fr-loi-78-17"}]}, ("baseline", "eu-gdpr", "eu-eprivacy", "fr-loi-78-17")),
        ({"jurisdictions": ["CA-QC"]}, ("baseline", "ca-pipeda", "ca-qc-law25")),
        ({"jurisdictions": ["GB"]}, ("baseline", "uk-gdpr")),
        ({"jurisdictions": ["US-CA"]}, ("baseline", "us-ccpa")),
        ({"applicable_laws": [{"law": "ca-qc-law-25"}]}, ("baseline", "ca-qc-law25")),
        ({"applicable_laws": [{"law": "ca-provincial"}]}, ("baseline", "ca-pipeda")),
        ({"jurisdictions": ["CA", "IE"]}, ("baseline", "eu-gdpr", "eu-eprivacy", "ca-pipeda")),
    ],
)
def test_profiles_follow_jurisdictions_and_laws(policy: dict[str, object], expected: tuple[str, ...]) -> None:
    assert detect({"policy": policy}) == expected


def test_profile_override_replaces_detection_but_keeps_baseline() -> None:
    data = {"policy": {"jurisdictions": ["FR"]}}
    assert chosen(data, None) == ("baseline", "eu-gdpr", "eu-eprivacy", "fr-loi-78-17")
    assert chosen(data, ["ca-pipeda"]) == ("baseline", "ca-pipeda")


def test_cli_profile_choices_are_the_catalogue_profiles() -> None:
    option = next(p for p in commands.check.params if p.name == "profiles")
    assert tuple(option.type.choices) == PROFILES  # type: ignore[attr-defined]


def test_report_says_which_profiles_ran(capsys: pytest.CaptureFixture[str]) -> None:
    pipeda = VALID / "complete-pipeda.yaml"
    assert cli.main(["check", str(COMPLETE), str(pipeda)]) == 0
    out = capsys.readouterr().out
    assert f"Rule profiles baseline, eu-gdpr, eu-eprivacy, fr-loi-78-17: 1 file ({COMPLETE})" in out
    assert f"Rule profiles baseline, ca-pipeda: 1 file ({pipeda})" in out


def test_profile_option_runs_other_rules(capsys: pytest.CaptureFixture[str]) -> None:
    # The GDPR example names no one to challenge compliance with: PIPEDA 4.10 says so.
    assert cli.main(["check", "--profile", "ca-pipeda", str(COMPLETE)]) == 1
    out = capsys.readouterr().out
    assert "[pipeda/no-challenge-procedure]" in out
    assert "Rule profiles baseline, ca-pipeda:" in out


def test_profile_without_rules_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A declared law whose profile has no rule yet: taken out of the checked profiles here, so the
    # test does not depend on which laws this policyval happens to check.
    from policyval.rules import profiles

    monkeypatch.setattr(profiles, "_CHECKED", profiles._CHECKED - {"ca-qc-law25"})
    assert cli.main(["check", "--profile", "ca-qc-law25", str(COMPLETE)]) == 2
    assert "'ca-qc-law25' has no rules" in capsys.readouterr().err


# --- strictness, severities, settings -------------------------------------------------------


@pytest.fixture
def warnings_only(tmp_path: Path) -> Path:
    """The complete example without its applicable laws (its jurisdictions stay): one warning, no error."""
    text = COMPLETE.read_text("utf-8")
    text = re.sub(r"^  applicable_laws:\n(    - law: .*\n)+", "", text, flags=re.MULTILINE)
    path = tmp_path / "undated.yaml"
    path.write_text(text, "utf-8")
    return path


def test_strict_fails_on_warnings(warnings_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(warnings_only)]) == 0
    assert "warning [meta/no-applicable-law]" in capsys.readouterr().out
    assert cli.main(["check", "--strict", str(warnings_only)]) == 1


def test_settings_select_ignore_and_override_severity(warnings_only: Path) -> None:
    def rules_of(settings: Settings) -> list[tuple[str, Severity]]:
        return [(f.rule, f.severity) for f in collect([str(warnings_only)], Plan(Fixed(settings))).findings]

    assert rules_of(Settings()) == [("meta/no-applicable-law", Severity.WARNING)]
    assert rules_of(Settings(ignore=("meta/no-applicable-law",))) == []
    assert rules_of(Settings(ignore=("meta/",))) == []
    assert rules_of(Settings(select=("rights/no-access",))) == []
    raised = Settings(levels={"meta/no-applicable-law": "error"})
    assert rules_of(raised) == [("meta/no-applicable-law", Severity.ERROR)]


def test_a_hit_can_carry_its_own_severity() -> None:
    # A case's own severity wins over the rule's default; a configured level wins over both.
    doc = "Test.\n\nPassing example::\n\n    a: 1\n\nFailing example::\n\n    a: 2\n"
    issue = Issue("m", severity=Severity.WARNING)
    # A registered id, so that configuration may grade it.
    rule = Rule("meta/no-effective-date", Severity.ERROR, ("baseline",), "r", "s", doc, lambda ctx: [issue])

    def severities(settings: Settings) -> list[Severity]:
        return [s for _, s in engine.run({}, "f.yaml", ("baseline",), settings, NoSources(), (rule,))]

    assert severities(Settings()) == [Severity.WARNING]
    assert severities(Settings(levels={"meta/no-effective-date": "info"})) == [Severity.INFO]


def test_access_rectification_restriction_apply_whatever_the_basis() -> None:
    # GDPR Arts 15, 16 and 18 grant the rights with no condition on the legal basis: an error
    # even where no basis is stated; portability and objection (Art. 20(1), 21(1)) depend on it.
    text = 'schema_version: "1.0"\npurposes:\n  - id: main\nrights:\n  - right: complaint\n'
    for rule_id in ("rights/no-access", "rights/no-rectification", "rights/no-restriction", "rights/no-erasure"):
        found = collect_text(text, rule_id)
        assert [f.severity for f in found] == [Severity.ERROR], rule_id
    for rule_id in ("rights/no-portability", "rights/no-objection"):
        assert collect_text(text, rule_id) == [], rule_id


def collect_text(text: str, rule_id: str) -> list[Finding]:
    plan = Plan(profiles=("eu-gdpr",))
    return [f for f in pipeline.check_text(str(ROOT / "example.yaml"), text, plan).findings if f.rule == rule_id]


def test_rights_not_called_for_are_not_reported() -> None:
    # A legal obligation (Art. 6(1)(c)) calls for neither erasure, objection nor portability.
    text = 'schema_version: "1.0"\npurposes:\n  - id: tax\n    legal_bases:\n      - basis: eu-gdpr:A6-1-c\n'
    for rule_id in ("rights/no-erasure", "rights/no-objection", "rights/no-portability"):
        rule = get(rule_id)
        assert rule is not None
        assert rule_findings(rule, text) == []
    access = get("rights/no-access")
    assert access is not None and rule_findings(access, text)


# --- evidence -----------------------------------------------------------------------


def test_source_text_is_found_from_the_nearest_ancestor(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository the source text is confined to
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p.txt").write_text("We keep your\n  data for two years.\n", "utf-8")
    nested = tmp_path / "policies" / "eu"
    nested.mkdir(parents=True)
    policy = nested / "p.yaml"
    policy.write_text(
        'schema_version: "1.0"\npolicy:\n  source_text: seeds/p.txt\n'
        '  evidence: ["We keep your data for two years.", "We sell your data."]\n',
        "utf-8",
    )
    findings = [f for f in collect([str(policy)], Plan()).findings if f.rule.startswith("evidence/")]
    assert [(f.rule, f.line, f.column) for f in findings] == [("evidence/quote-not-in-source", 4, 50)]


def test_unreadable_source_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_bytes(b"\xff\xfe not utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text('schema_version: "1.0"\npolicy:\n  source_text: source.txt\n  evidence: ["x"]\n', "utf-8")
    findings = [f for f in collect([str(policy)], Plan()).findings if f.rule.startswith("evidence/")]
    assert [(f.rule, f.line) for f in findings] == [("evidence/source-not-found", 3)]
    assert "UTF-8" in findings[0].message


# --- policyval rules / explain --------------------------------------------------------


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["RULE", "SEVERITY", "PROFILES", "REFERENCE"]
    assert [line.split()[0] for line in lines[1:]] == list(ids())


def test_rules_json_is_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == list(ids())
    assert listed[0].keys() == {"id", "severity", "severities", "profiles", "reference", "summary", "default"}
    assert {r["severity"] for r in listed} <= {s.value for s in Severity}
    assert [r["id"] for r in listed if not r["default"]] == [
        "ref/unused-data-category",
        "ref/purpose-without-data",
        "recipient/no-role-or-data",
    ]


def test_explain_prints_documentation_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "transfer/no-safeguard"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("transfer/no-safeguard\n  severity:  error\n  profiles:  eu-gdpr, uk-gdpr\n")
    assert "Passing example::" in out and "Failing example::" in out
    assert "mechanisms: [none_stated]" in out


def test_explain_unknown_rule_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "transfer/no-safegard"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'transfer/no-safegard'" in err
    assert "did you mean 'transfer/no-safeguard'?" in err


# --- README -------------------------------------------------------------------------


def readme_rules_table() -> str:
    """The README's Rules table, as printed."""
    section = (ROOT / "README.md").read_text("utf-8").split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    return "".join(line + "\n" for line in section.splitlines() if line.startswith("|"))


def test_readme_lists_exactly_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "--format", "markdown"]) == 0
    # Regenerate with: python tools/readme_rules.py
    assert readme_rules_table() == capsys.readouterr().out


def test_opt_in_examples_say_which_setting_they_assume() -> None:
    rule = get("evidence/low-coverage")
    assert rule is not None
    assert all(f"``{key}: {value}``" in rule.doc for key, value in EXAMPLE_OPTIONS.items())
    # Without the setting the rule stays silent, even on its failing example.
    unset = pipeline.check_text(str(ROOT / "example.yaml"), examples(rule.doc)["failing"], Plan()).findings
    assert [f for f in unset if f.rule == rule.id] == []


def test_the_summary_and_meta_no_jurisdiction_say_the_same() -> None:
    # One question (rules.profiles.unapplied) answers both: the finding appears exactly when the
    # result lists profiles not applied, whether profiles were detected or chosen.
    photo = ROOT / "policies" / "photo-cdm.yaml"
    for chosen_profiles in (None, ("baseline",), ("ca-pipeda",)):
        result = pipeline.check_path(str(photo), photo, Plan(profiles=chosen_profiles))
        found = any(f.rule == "meta/no-jurisdiction" for f in result.findings)
        assert found == bool(result.unapplied) == (chosen_profiles != ("ca-pipeda",)), chosen_profiles
