"""The command line as a user meets it: output lines, summary, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyval import __version__
from policyval.cli import main
from policyval.policy import schemas

CASES = Path(__file__).resolve().parent / "cases"
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) \[(?P<rule>[a-z]+/[\w-]+)\] "
)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"policyval {__version__}"


def test_schema_prints_the_latest_bundled_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schemas.schema(schemas.latest())
    assert printed["$id"].endswith("policy-1.1.schema.json")


def test_schema_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--version", "1.0"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["schema_version"]["const"] == "1.0"


def test_schema_unknown_version_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--version", "0.9"]) == 2
    assert "known versions: 1.0, 1.1" in capsys.readouterr().err


def test_schema_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--list"]) == 0
    assert capsys.readouterr().out.split() == list(schemas.versions())


def test_valid_file_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CASES / "valid" / "complete-gdpr.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("All checks passed: 1 file checked")


def test_findings_exit_one_with_every_error_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "invalid" / "schema" / "additionalProperties" / "misspelt-key.yaml"
    assert main(["check", str(case)]) == 1
    lines = capsys.readouterr().out.splitlines()
    findings = [m for m in map(LINE.match, lines) if m]
    assert [(m["line"], m["col"], m["rule"]) for m in findings] == [
        ("4", "3", "schema/additionalProperties"),
        ("7", "3", "schema/additionalProperties"),
    ]
    assert "did you mean 'effective_date'?" in lines[0]
    assert lines[0].endswith("(at /policy/efective_date)")
    assert lines[-1] == "Found 2 errors in 1 file (1 file checked)."


def test_directory_is_walked_recursively_for_yaml_and_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    good = (CASES / "valid" / "complete-gdpr.yaml").read_text("utf-8")
    (tmp_path / "a" / "one.yaml").write_text(good, "utf-8")
    (tmp_path / "a" / "b" / "two.yml").write_text(good, "utf-8")
    (tmp_path / "a" / "b" / "notes.txt").write_text("not a policy", "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.yaml").write_text("- not: checked\n", "utf-8")
    (tmp_path / "a" / ".policyval.yaml").write_text("select: [rights/]\n", "utf-8")
    assert main(["check", str(tmp_path)]) == 0
    assert "2 files checked" in capsys.readouterr().out


def test_missing_path_is_an_io_error_but_other_files_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "invalid" / "yaml" / "duplicate-key" / "twice.yaml"
    assert main(["check", "does/not/exist.yaml", str(case)]) == 2
    out = capsys.readouterr().out
    assert "does/not/exist.yaml: error [io/not-found]" in out
    assert "[yaml/duplicate-key]" in out


def test_no_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "give the policy files or directories to check (or - to read standard input)" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-option", "x"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_check_does_not_modify_the_file(tmp_path: Path) -> None:
    src = CASES / "invalid" / "schema" / "enum" / "country-case.yaml"
    target = tmp_path / "p.yaml"
    target.write_bytes(src.read_bytes())
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    assert main(["check", str(target)]) == 1
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]
