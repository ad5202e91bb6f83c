"""Inline suppressions: `# policyval: disable=<rule-id>[,...] -- reason`."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyval import config
from policyval.check import suppress
from policyval.check.plan import Plan
from policyval.check.run import collect
from policyval.cli import exit_code, main
from policyval.findings import Finding

# Without comments this policy has three errors at 1:1 (contact/missing-contact,
# contact/no-controller-name, retention/no-retention-period) and meta/no-effective-date and
# meta/no-jurisdiction (warnings) at the 'policy' key.
HEAD = 'schema_version: "1.0"'
BODY = "policy:\n  title: Privacy notice\n  language: en\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # no configuration above this directory is read
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(repo: Path, text: str) -> tuple[int, list[Finding]]:
    (repo / "p.yaml").write_text(text, encoding="utf-8")
    collected = collect(["p.yaml"], Plan(config.Resolver()))
    return exit_code(collected.summary), collected.findings


def where(findings: list[Finding]) -> set[tuple[str, int, int]]:
    return {(f.rule, f.line, f.column) for f in findings}


def test_end_of_line_and_line_before(repo: Path) -> None:
    text = (
        f"{HEAD}  # policyval: disable=contact/,retention/no-retention-period -- contacts are added at launch\n"
        "# policyval: disable=meta/no-effective-date,meta/no-jurisdiction -- dated and placed when published\n"
        f"{BODY}"
    )
    code, findings = run(repo, text)
    assert findings == [] and code == 0


def test_a_suppression_covers_only_its_line_and_its_rules(repo: Path) -> None:
    text = f"{HEAD}\n# policyval: disable=contact/missing-contact -- reason\n\n{BODY}"
    code, findings = run(repo, text)
    rules = {f.rule for f in findings}
    # The comment is about line 4 ('policy:'), where contact/missing-contact is not reported.
    assert {"contact/missing-contact", "contact/no-controller-name", "meta/no-effective-date"} <= rules
    assert ("suppression/unused", 2, 22) in where(findings)
    assert code == 1


def test_stacked_comments_before_a_line_all_apply(repo: Path) -> None:
    text = (
        "# policyval: disable=contact/ -- one\n"
        "# policyval: disable=retention/ -- two\n"
        "\n"
        f"{HEAD}\n"
        "# policyval: disable=meta/ -- three\n"
        f"{BODY}"
    )
    assert run(repo, text) == (0, [])


def test_unused_suppression_is_a_warning_that_fails_only_with_strict(repo: Path) -> None:
    text = (
        f"{HEAD}  # policyval: disable=contact/,retention/,rights/no-access -- not applicable\n"
        "# policyval: disable=meta/ -- undated\n"
        f"{BODY}"
    )
    code, findings = run(repo, text)
    assert [(f.rule, f.severity.value, f.line, f.column) for f in findings] == [
        ("suppression/unused", "warning", 1, 65)
    ]
    assert "'rights/no-access' reports nothing on line 1" in findings[0].message
    assert code == 0
    assert main(["check", "p.yaml"]) == 0
    assert main(["check", "--strict", "p.yaml"]) == 1


def test_unknown_rule_is_an_error_with_a_suggestion(repo: Path) -> None:
    text = f"{HEAD}  # policyval: disable=contact/,retention/,meta/no-efective-date -- x\n{BODY}"
    code, findings = run(repo, text)
    unknown = [f for f in findings if f.rule == "suppression/unknown-rule"]
    assert [(f.line, f.column, f.severity.value) for f in unknown] == [(1, 65, "error")]
    assert "did you mean 'meta/no-effective-date'?" in unknown[0].message
    assert code == 1


def test_missing_reason_is_a_warning_that_configuration_can_ignore(repo: Path) -> None:
    text = f"{HEAD}  # policyval: disable=contact/,retention/\n# policyval: disable=meta/ --\n{BODY}"
    code, findings = run(repo, text)
    assert where(findings) == {("suppression/no-reason", 1, 24), ("suppression/no-reason", 2, 1)}
    assert code == 0
    (repo / ".policyval.yaml").write_text("ignore: [suppression/no-reason]\n", encoding="utf-8")
    assert run(repo, text) == (0, [])


def test_schema_and_yaml_errors_cannot_be_suppressed(repo: Path) -> None:
    text = f"{HEAD}\npolicy:  # policyval: disable=schema/type -- no\n  title: [1]\n  language: en\n"
    code, findings = run(repo, text)
    assert ("suppression/invalid", 2, 31) in where(findings)
    assert "schema/type" in {f.rule for f in findings}
    assert code == 1


def test_malformed_comment_is_reported(repo: Path) -> None:
    text = f"{HEAD}  # policyval: disabel=contact/ -- typo\n{BODY}"
    _, findings = run(repo, text)
    assert ("suppression/invalid", 1, 24) in where(findings)
    assert "contact/missing-contact" in {f.rule for f in findings}


def test_a_rule_turned_off_by_configuration_makes_its_suppression_unused(repo: Path) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [meta/]\n", encoding="utf-8")
    text = f"{HEAD}  # policyval: disable=contact/,retention/ -- x\n# policyval: disable=meta/ -- x\n{BODY}"
    _, findings = run(repo, text)
    assert where(findings) == {("suppression/unused", 2, 22)}


@pytest.mark.parametrize(
    "text",
    [
        # inside a quoted string, a block scalar, a flow sequence, or glued to a plain scalar
        'a: "x # policyval: disable=nope -- q"\n',
        "a: 'x  # policyval: disable=nope -- q'\n",
        "a: |\n  text\n  # policyval: disable=nope -- q\nb: 1\n",
        "a: >-\n  # policyval: disable=nope -- q\n",
        'a: [1, "# policyval: disable=nope -- q"]\n',
        "a: x#policyval:disable=nope\n",
        "a: 'multi\n  line # policyval: disable=nope -- q'\n",
    ],
)
def test_text_that_only_looks_like_a_comment_is_not_read(text: str) -> None:
    comments = suppress.scan(text)
    assert comments.suppressions == [] and comments.problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1 # policyval: disable=x/y -- r\n", [("x/y", 1, 27, 1)]),
        ("a: 'q' #policyval:disable=x/y,z/ -- r\n", [("x/y", 1, 27, 1), ("z/", 1, 31, 1)]),
        ("a: [1, 2]  # policyval: disable=x/y -- r\n", [("x/y", 1, 33, 1)]),
        ("a: |\n  t\n# policyval: disable=x/y -- r\nb: 1\n", [("x/y", 3, 22, 4)]),
        ("a: 1\r# policyval: disable=x/y -- r\rb: 2\r", [("x/y", 2, 22, 3)]),  # CR line breaks
        ("# policyval: disable=x/y -- r\n", [("x/y", 1, 22, 2)]),  # nothing follows
    ],
)
def test_real_comments_are_read_with_positions(text: str, expected: list[tuple[str, int, int, int]]) -> None:
    got = [(s.rule, s.line, s.column, s.target) for s in suppress.scan(text).suppressions]
    assert got == expected


def test_no_suppressions_are_read_from_a_file_that_is_not_yaml() -> None:
    assert suppress.scan("a: [1  # policyval: disable=x/y -- r\n").suppressions == []


@pytest.mark.parametrize("ids", ["", "a b", "a,,b", "a,"])
def test_badly_listed_ids_are_invalid(ids: str) -> None:
    comments = suppress.scan(f"a: 1  # policyval: disable={ids} -- r\n")
    assert comments.suppressions == [] and [p.kind for p in comments.problems] == ["invalid"]
