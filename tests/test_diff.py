"""policyval diff: semantic changes keyed by id, widening marks, findings introduced/resolved."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from policyval.check.plan import Plan
from policyval.cli import main
from policyval.publish import diff

CASES = Path(__file__).resolve().parent / "cases" / "diff"
BASE = CASES / "base.yaml"
PLAN = Plan()  # the rules with the profiles each side declares


def changes(name: str) -> list[diff.Change]:
    return diff.diff_files(str(BASE), str(CASES / f"{name}.yaml"), PLAN).changes


def summary(name: str) -> list[tuple[str, str, bool]]:
    return [(c.section, c.kind, c.widening) for c in changes(name)]


def test_new_recipient_is_an_added_widening_change() -> None:
    [change] = changes("add-recipient")
    assert (change.section, change.kind, change.widening) == ("recipients", "added", True)
    assert change.message == "new recipient 'adnet' (AdNet SARL)"
    assert change.new["country"] == "FR"


def test_new_country_is_marked_on_the_transfer_and_as_a_new_destination() -> None:
    found = changes("add-country")
    assert summary("add-country") == [("transfers", "changed", True), ("transfers", "added", True)]
    assert "country added: IN" in found[0].message
    assert found[1].message == "data now goes to a new country: India (IN)"


def test_shorter_retention_is_a_change_that_does_not_widen() -> None:
    [change] = changes("shorter-retention")
    assert (change.section, change.kind, change.widening) == ("retention", "changed", False)
    assert "shorter (P13M (13 months) → P6M (6 months))" in change.message


def test_retention_no_longer_fixed_widens_and_is_flagged_by_the_rules() -> None:
    result = diff.diff_files(str(BASE), str(CASES / "vague-retention.yaml"), PLAN)
    [change] = result.changes
    assert change.widening
    assert "no longer a fixed period" in change.message
    assert [f.rule for f in result.introduced] == ["retention/vague-retention"]


def test_dropped_right_is_removed_and_the_rule_finding_it_introduces_is_listed() -> None:
    result = diff.diff_files(str(BASE), str(CASES / "drop-right.yaml"), PLAN)
    [change] = result.changes
    assert (change.section, change.kind, change.item) == ("rights", "removed", "right 'withdraw_consent'")
    assert [(f.rule, f.path) for f in result.introduced] == [
        ("basis/consent-without-withdrawal", "/purposes/2/legal_bases/0")
    ]
    assert result.resolved == []
    undo = diff.diff_files(str(CASES / "drop-right.yaml"), str(BASE), PLAN)
    assert [f.rule for f in undo.resolved] == ["basis/consent-without-withdrawal"]


def test_same_period_written_differently_is_no_change() -> None:
    assert changes("same-period") == []
    assert main(["diff", str(BASE), str(CASES / "same-period.yaml")]) == 0


def test_reverse_diff_narrows() -> None:
    found = diff.diff_files(str(CASES / "add-recipient.yaml"), str(BASE), PLAN).changes
    assert [(c.kind, c.widening, c.item) for c in found] == [("removed", False, "recipient 'adnet'")]


def test_reordering_a_list_is_no_change(tmp_path: Path) -> None:
    text = BASE.read_text("utf-8")
    access = "  - right: access\n    exercise_via: [dpo]\n    conditions: [proof of identity]\n"
    last = "  - right: post_mortem_directives\n    exercise_via: [dpo]\n"
    moved = text.replace(access, "").replace(last, last + access)
    assert moved != text
    (tmp_path / "moved.yaml").write_text(moved, "utf-8")
    assert diff.diff_files(str(BASE), str(tmp_path / "moved.yaml"), PLAN).changes == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [("P1Y", "P12M", 0), ("P6M", "P1Y", 1), ("P2Y", "P13M", -1), ("P1M", "P32D", 1), ("P1M", "P30D", None)],
)
def test_durations_compare_on_the_calendar(old: str, new: str, expected: int | None) -> None:
    assert diff.compare_durations(old, new) == expected


def test_cli_formats_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    new = str(CASES / "add-recipient.yaml")
    assert main(["diff", str(BASE), new, "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    [policy] = payload["policies"]
    assert policy["widening"] == 1
    assert policy["changes"][0]["item"] == "recipient 'adnet'"
    assert main(["diff", str(BASE), new, "--format", "markdown", "--exit-zero"]) == 0
    markdown = capsys.readouterr().out
    assert "| ⚠️ widens + | Recipients | new recipient 'adnet' (AdNet SARL) |" in markdown
    assert "**⚠️ 1 change widens processing** in 1 policy" in markdown
    assert main(["diff", str(BASE), str(CASES / "missing.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["diff", str(BASE)]) == 2


def test_findings_introduced_and_resolved(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BASE.read_text("utf-8").replace("    country: BE\n", "    country: be\n"), "utf-8")
    forward = diff.diff_files(str(BASE), str(broken), PLAN)
    assert [(f.rule, f.file, f.path) for f in forward.introduced] == [
        ("schema/enum", str(broken), "/recipients/0/country")
    ]
    assert forward.resolved == []
    backward = diff.diff_files(str(broken), str(BASE), PLAN)
    assert [f.rule for f in backward.resolved] == ["schema/enum"]


def test_unreadable_yaml_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rights: [unclosed\n", "utf-8")
    assert main(["diff", str(BASE), str(bad)]) == 2
    assert "not a readable policy" in capsys.readouterr().err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_git_mode_lists_modified_added_and_deleted_policies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / "policies").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.com")
    _git(repo, "config", "user.name", "test")
    shutil.copy(BASE, repo / "policies" / "shop.yaml")
    shutil.copy(BASE, repo / "policies" / "old.yaml")
    (repo / "notes.txt").write_text("not a policy\n", "utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    shutil.copy(CASES / "add-country.yaml", repo / "policies" / "shop.yaml")
    (repo / "policies" / "old.yaml").unlink()
    shutil.copy(BASE, repo / "policies" / "new.yaml")
    (repo / "notes.txt").write_text("changed, still not a policy\n", "utf-8")
    monkeypatch.chdir(repo)
    assert main(["diff", "--git", "HEAD", "--format", "json"]) == 1
    policies = json.loads(capsys.readouterr().out)["policies"]
    got = {(p["old"], p["new"], p["status"]) for p in policies}
    assert got == {
        ("HEAD:policies/shop.yaml", "policies/shop.yaml", "modified"),
        ("HEAD:policies/old.yaml", "/dev/null", "deleted"),
        ("/dev/null", "policies/new.yaml", "added"),
    }
    shop = next(p for p in policies if p["status"] == "modified")
    assert [c["message"] for c in shop["changes"] if c["widening"]][-1] == "data now goes to a new country: India (IN)"
    added = next(p for p in policies if p["status"] == "added")
    assert any(c["item"] == "recipient 'hosting'" and c["kind"] == "added" for c in added["changes"])
    # Limited to a path, and against a revision that does not exist.
    assert main(["diff", "--git", "HEAD", "policies/shop.yaml", "--format", "json"]) == 1
    assert len(json.loads(capsys.readouterr().out)["policies"]) == 1
    assert main(["diff", "--git", "no-such-rev"]) == 2
    assert "no-such-rev" in capsys.readouterr().err


def test_lower_minimum_age_and_dropped_security_are_widening_changes() -> None:
    # Today's main (741efb1) said "No semantic change." and exited 0 on this pair.
    found = changes("lower-age-no-security")
    assert [(c.section, c.kind, c.effect) for c in found] == [
        ("security", "removed", "widening"),
        ("children", "changed", "widening"),
    ]
    assert "minimum age changed from 15 to 13" in found[1].message
    back = diff.diff_files(str(CASES / "lower-age-no-security.yaml"), str(BASE), PLAN).changes
    assert [c.effect for c in back] == ["narrowing", "narrowing"]


def test_summary_counts_policies_in_good_english(tmp_path: Path) -> None:
    # Today's main printed "2 policyies changed".
    one = diff.diff_files(str(BASE), str(CASES / "add-recipient.yaml"), PLAN)
    two = diff.diff_files(str(BASE), str(CASES / "shorter-retention.yaml"), PLAN)
    assert diff.summary([one]).startswith("1 policy changed: ")
    assert diff.summary([one, two]).startswith("2 policies changed: ")


def test_longer_retention_and_a_removed_safeguard_both_widen() -> None:
    # The example of docs/examples/diff-retention-safeguard.md.
    result = diff.diff_files(str(BASE), str(CASES / "longer-retention-no-safeguard.yaml"), PLAN)
    assert [(c.section, c.effect) for c in result.changes] == [("retention", "widening"), ("transfers", "widening")]
    assert "longer (P13M (13 months) → P25M (25 months))" in result.changes[0].message
    assert "safeguard removed: standard_contractual_clauses" in result.changes[1].message
    assert {f.rule for f in result.introduced} == {"transfer/no-safeguard"}


@pytest.mark.parametrize(
    ("case", "fail_on", "code"),
    [
        ("shorter-retention", "widening", 0),  # a change, narrowing: the widening gate passes
        ("shorter-retention", "any", 1),
        ("add-recipient", "widening", 1),
        ("longer-retention-no-safeguard", "widening", 1),
        ("same-period", "any", 0),
        ("same-period", "widening", 0),
    ],
)
def test_fail_on_sets_the_exit_code_for_ci(
    case: str, fail_on: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(BASE), str(CASES / f"{case}.yaml"), "--fail-on", fail_on]) == code
    assert main(["diff", str(BASE), str(CASES / f"{case}.yaml")]) == (0 if case == "same-period" else 1)


def test_fail_on_and_exit_zero_are_one_choice(capsys: pytest.CaptureFixture[str]) -> None:
    new = str(CASES / "add-recipient.yaml")
    assert main(["diff", str(BASE), new, "--fail-on", "widening", "--exit-zero"]) == 2
    assert "--exit-zero and --fail-on contradict each other" in capsys.readouterr().err
    assert main(["diff", str(BASE), new, "--fail-on", "sometimes"]) == 2


def _pair(tmp_path: Path, edit: Callable[[str], str]) -> diff.FileDiff:
    new = tmp_path / "new.yaml"
    new.write_text(edit(BASE.read_text("utf-8")), "utf-8")
    return diff.diff_files(str(BASE), str(new), PLAN)


def test_markdown_is_a_pull_request_comment(tmp_path: Path) -> None:
    # A widening change (a new recipient) and a narrowing one (usage kept 6 months, not 13).
    d = _pair(
        tmp_path,
        lambda t: (
            (CASES / "add-recipient.yaml")
            .read_text("utf-8")
            .replace(
                "    duration: P13M\n    end_action: anonymisation", "    duration: P6M\n    end_action: anonymisation"
            )
        ),
    )
    assert {c.effect for c in d.changes} == {"widening", "narrowing"}
    text = diff.format_markdown([d])
    lines = text.splitlines()
    assert lines[0] == diff.COMMENT_MARKER
    assert lines[3].startswith("**⚠️ 1 change widens processing** in 1 policy")
    assert lines[5].startswith("1 policy changed: 2 changes (1 widen processing)")
    assert text.index("**Widening changes (1)**") < text.index("**Other changes (1)**")
    assert "| narrows ~ | Retention |" in text
    assert "| ⚠️ widens + | Recipients | new recipient 'adnet' (AdNet SARL) |" in text


def test_markdown_without_widening_says_so(tmp_path: Path) -> None:
    d = diff.diff_files(str(BASE), str(CASES / "shorter-retention.yaml"), PLAN)
    text = diff.format_markdown([d])
    assert "✅ No change widens processing." in text
    assert "**Widening changes" not in text and "**Other changes (1)**" in text


def test_markdown_escapes_what_the_policy_says(tmp_path: Path) -> None:
    hostile = "AdNet | <img src=x onerror=alert(1)> `code` *bold*"
    d = _pair(tmp_path, lambda t: (CASES / "add-recipient.yaml").read_text("utf-8").replace("AdNet SARL", hostile))
    text = diff.format_markdown([d])
    [row] = [line for line in text.splitlines() if "new recipient 'adnet'" in line]
    assert re.search(r"(?<!\\)<img", text) is None and "\\<img" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 4, "a | in the policy does not add a table column"
    assert r"\`code\` \*bold\*" in row


def test_markdown_keeps_to_the_size_of_a_comment(tmp_path: Path) -> None:
    extra = "".join(
        f"  - id: extra-{n}\n    label: extra category {n} {'x' * 300}\n" for n in range(400)
    )  # 400 new data categories: widening; their labels make each row long
    d = _pair(tmp_path, lambda t: t.replace("data_categories:\n", "data_categories:\n" + extra, 1))
    text = diff.format_markdown([d])
    assert len(text) <= diff.COMMENT_LIMIT + 200
    assert text.rstrip().endswith("run `policyval diff` to see every change.*")
