"""Baselines: accepted findings stay quiet, new ones fail, gone ones are shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyval import cli
from policyval.check import baseline

TWO_ERRORS = """\
schema_version: "1.0"
controller:
  legal_name: 42
  country: fr
"""
DUPLICATE_KEY = """\
schema_version: "1.0"
controller:
  legal_name: A
  legal_name: B
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "a.yaml").write_text(TWO_ERRORS, "utf-8")
    (tmp_path / "policies" / "b.yaml").write_text(DUPLICATE_KEY, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(capsys: pytest.CaptureFixture[str], *paths: str, target: str = "base.json") -> dict[str, object]:
    code, _, err = check(capsys, "--write-baseline", target, *paths)
    assert code == cli.EXIT_OK, err
    data: dict[str, object] = json.loads(Path(target).read_text("utf-8"))
    return data


def test_recorded_findings_are_accepted(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys, "policies")[0] == cli.EXIT_FINDINGS
    data = write(capsys, "policies")
    assert data["version"] == "1"
    code, out, err = check(capsys, "--baseline", "base.json", "policies")
    assert code == cli.EXIT_OK
    # The summary line itself says what the baseline hides: never "All checks passed".
    assert out == "No new findings: 2 files checked, 3 known findings accepted by the baseline.\n"
    assert err == ""
    _, out, err = check(capsys, "--baseline", "base.json", "--format", "json", "policies")
    assert json.loads(out)["summary"]["accepted"] == 3
    assert err == "policyval: 3 known finding(s) accepted by the baseline base.json\n"


def test_baseline_file_is_sorted_stable_and_repository_relative(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(capsys, "policies")
    text = Path("base.json").read_text("utf-8")
    again = write(capsys, str(repo / "policies" / "b.yaml"), str(repo / "policies" / "a.yaml"))
    assert Path("base.json").read_text("utf-8") == text  # same bytes, however the files were named
    assert first == again
    entries = first["entries"]
    assert isinstance(entries, list)
    keys = [(e["file"], e["rule"], e["path"], e["message"]) for e in entries]
    assert keys == sorted(keys)
    assert {e["file"] for e in entries} == {"policies/a.yaml", "policies/b.yaml"}
    assert all("line" not in e and "column" not in e for e in entries)


def test_entries_survive_moved_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(capsys, "policies")
    for name in ("a.yaml", "b.yaml"):
        policy = repo / "policies" / name
        policy.write_text("# a new comment\n# and another\n" + policy.read_text("utf-8"), "utf-8")
    # b.yaml's message cites the line of the first key, which moved too.
    assert check(capsys, "--baseline", "base.json", "policies")[0] == cli.EXIT_OK


def test_new_findings_fail_and_only_they_are_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(capsys, "policies")
    policy = repo / "policies" / "a.yaml"
    policy.write_text(policy.read_text("utf-8") + "children:\n  minimum_age: old\n", "utf-8")
    code, out, _ = check(capsys, "--baseline", "base.json", "policies")
    assert code == cli.EXIT_FINDINGS
    lines = out.splitlines()
    assert lines[0].startswith("policies/a.yaml:6:16: error [schema/type] 'minimum_age'")
    assert lines[1:] == ["Found 1 error in 1 file (2 files checked); 3 known findings accepted by the baseline."]


def test_identical_findings_share_an_entry_with_a_count(repo: Path) -> None:
    from policyval.findings import Finding, Severity

    same = [Finding("policies/a.yaml", n, 1, "ref/x", Severity.WARNING, "repeated", "/p") for n in (3, 9)]
    recorded = baseline.record(same, ["policies/a.yaml"], repo)
    assert recorded.to_json()["entries"] == [
        {"file": "policies/a.yaml", "rule": "ref/x", "path": "/p", "message": "repeated", "count": 2}
    ]
    three = [*same, Finding("policies/a.yaml", 12, 1, "ref/x", Severity.WARNING, "repeated", "/p")]
    left, accepted = recorded.accept("policies/a.yaml", three, repo)
    assert [f.line for f in left] == [12]
    assert [f.line for f in accepted] == [3, 9]


def test_a_reworded_message_at_the_same_place_is_still_accepted(repo: Path) -> None:
    from policyval.findings import Finding, Severity

    def finding(message: str, path: str = "/transfers/0") -> Finding:
        return Finding("policies/a.yaml", 7, 5, "transfer/x", Severity.ERROR, message, path)

    recorded = baseline.record([finding("goes worldwide")], ["policies/a.yaml"], repo)
    assert recorded.accept("policies/a.yaml", [finding("goes to any country")], repo)[0] == []
    # Elsewhere it is a new finding, and the recorded one is reported gone.
    moved, _ = recorded.accept("policies/a.yaml", [finding("goes worldwide", "/transfers/1")], repo)
    assert sorted(f.rule for f in moved) == ["baseline/fixed", "transfer/x"]


def test_fixed_findings_are_shown_but_do_not_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(capsys, "policies")
    (repo / "policies" / "a.yaml").write_text(TWO_ERRORS.replace("country: fr", "country: FR"), "utf-8")
    code, out, _ = check(capsys, "--baseline", "base.json", "policies")
    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert lines[0].startswith("policies/a.yaml: info [baseline/fixed] [schema/enum]")
    assert "(at /controller/country)" in lines[0]
    assert lines[-1] == "Found 1 info in 1 file (2 files checked); 2 known findings accepted by the baseline."


def test_files_not_checked_are_neither_fixed_nor_forgotten(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(capsys, "policies")
    # A hook that checks only a.yaml must not call b.yaml's entries fixed...
    code, out, _ = check(capsys, "--baseline", "base.json", "policies/a.yaml")
    assert (code, "baseline/fixed" in out) == (cli.EXIT_OK, False)
    # ...nor drop them when it records a.yaml alone.
    before = Path("base.json").read_text("utf-8")
    write(capsys, "policies/a.yaml")
    assert Path("base.json").read_text("utf-8") == before
    # Entries of a file that no longer exists are dropped.
    (repo / "policies" / "b.yaml").unlink()
    data = write(capsys, "policies/a.yaml")
    entries = data["entries"]
    assert isinstance(entries, list)
    assert {e["file"] for e in entries} == {"policies/a.yaml"}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "create it with --write-baseline"),
        ("{not json", "base.json:1:2: not valid JSON"),
        ('{"version": "9", "entries": []}', "format version '9'"),
        ('{"version": "1", "entries": [{"file": "a"}]}', "entry 1: an entry needs file, rule and message"),
        ('{"version": "1", "entries": [3]}', "entry 1: an entry must be an object"),
    ],
)
def test_bad_baseline_is_a_clear_usage_error(
    content: str | None, says: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if content is not None:
        Path("base.json").write_text(content, "utf-8")
    code, out, err = check(capsys, "--baseline", "base.json", "policies")
    assert code == cli.EXIT_ERROR
    assert says in err
    assert "Traceback" not in err + out


def test_baseline_options_exclude_each_other(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = check(capsys, "--baseline", "x.json", "--write-baseline", "y.json", "policies")
    assert code == cli.EXIT_ERROR
    assert "exclude each other" in err


def test_no_baseline_is_written_when_paths_are_missing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, "--write-baseline", "base.json", "policies", "nowhere.yaml")
    assert code == cli.EXIT_ERROR
    assert "io/not-found" in out and "not written" in err
    assert not Path("base.json").exists()
