"""``policyval migrate``: a dry run by default, atomic writes with --write, and nothing but the
version changes (comments, key order, quoting, line ends and a byte-order mark are kept)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.cli import main
from policyval.cli.migrate import MigrationError, migrate_text

ROOT = Path(__file__).resolve().parent.parent
OLD_POLICIES = sorted((ROOT / "tests" / "data" / "policies-1.0").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../schema/policy-{}.schema.json"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The five 1.0 policies as a user's repository has them."""
    target = tmp_path / "policies"
    shutil.copytree(ROOT / "tests" / "data" / "policies-1.0", target)
    return target


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(a) == len(b), "migrate adds or removes no line"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_dry_run_shows_a_diff_and_writes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in repo.iterdir()}
    assert main(["migrate", str(repo)]) == 0
    out, err = capsys.readouterr()
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in repo.iterdir()} == before
    assert out.count("+++ ") == 5 and '-schema_version: "1.0"\n+schema_version: "1.1"\n' in out
    assert "5 files would be migrated to 1.1" in err and "--write" in err


@pytest.mark.parametrize("name", [p.name for p in OLD_POLICIES])
def test_write_changes_only_the_version_and_the_modeline(
    repo: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / name
    old = path.read_text("utf-8")
    assert main(["migrate", "--write", str(path)]) == 0
    new = path.read_text("utf-8")
    assert changed_lines(old, new) == [
        (MODELINE.format("1.0") + "\n", MODELINE.format("1.1") + "\n"),
        ('schema_version: "1.0"\n', 'schema_version: "1.1"\n'),
    ]
    assert load_text(new).data == {**load_text(old).data, "schema_version": "1.1"}
    assert f"migrated {path} (1.0 -> 1.1)" in capsys.readouterr().err


# Rules that read fields schema 1.0 does not have, so do not run (or run in part) on 1.0.
ONLY_1_1 = {
    "cookies/no-lifetime",
    "indirect/no-source",
    "info/no-requirement-statement",
    "transfer/no-copy-of-safeguards",
    "pipeda/processor-accountability-not-stated",
}


@pytest.mark.parametrize("name", [p.name for p in OLD_POLICIES])
def test_a_migrated_policy_gets_the_findings_of_the_old_one(repo: Path, name: str) -> None:
    """A version bump alone migrates: the rules read the 1.1 document as they read the 1.0 one,
    except the rules that read what only 1.1 can say (a tracker's lifetime, a source's name, a
    processor's obligations), which now ask for it."""
    path = repo / name
    old = pipeline.check_path(str(path), path, Plan()).findings
    assert main(["migrate", "--write", str(path)]) == 0
    new = pipeline.check_path(str(path), path, Plan()).findings
    assert not [f for f in new if f.rule.startswith(("schema/", "yaml/", "file/"))]
    kept = [(f.rule, f.line, f.column, f.message) for f in new if f.rule not in ONLY_1_1]
    assert kept == [(f.rule, f.line, f.column, f.message) for f in old if f.rule not in ONLY_1_1]
    assert not [f for f in old if f.rule in ONLY_1_1 - {"info/no-requirement-statement"}]


def test_a_second_run_has_nothing_to_do(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--write", str(repo)]) == 0
    capsys.readouterr()
    assert main(["migrate", str(repo)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 files would be migrated to 1.1, 5 files already at 1.1." in err


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("schema_version: '1.0'\n", "schema_version: '1.1'\n"),
        ('schema_version:   "1.0"   # the version\n', 'schema_version:   "1.1"   # the version\n'),
        (
            '{"schema_version": "1.0", "children": {"minimum_age": 15}}\n',
            '{"schema_version": "1.1", "children": {"minimum_age": 15}}\n',
        ),
        (
            '$schema: https://policyval.dev/schema/policy-1.0.schema.json\nschema_version: "1.0"\n',
            '$schema: https://policyval.dev/schema/policy-1.1.schema.json\nschema_version: "1.1"\n',
        ),
        # A comment that merely mentions the old version is a comment: it is kept.
        ('# written for schema 1.0\nschema_version: "1.0"\n', '# written for schema 1.0\nschema_version: "1.1"\n'),
        (
            '\ufeffschema_version: "1.0"\r\npolicy:\r\n  title: "1.0"\r\n',
            '\ufeffschema_version: "1.1"\r\npolicy:\r\n  title: "1.0"\r\n',
        ),
    ],
)
def test_only_the_version_is_edited(before: str, after: str) -> None:
    assert migrate_text(before, "1.1").new == after


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("schema_version: 1.0\n", "must be a string"),
        ('schema_version: "0.9"\n', "not one this policyval knows"),
        ("policy: {}\n", "declares no schema_version"),
        ('schema_version: "1.0"\nunknown: 1\n', "not valid under its own schema 1.0 (1 schema error)"),
        ('schema_version: "1.0"\npolicy: [unclosed\n', "not a readable policy"),
        ('schema_version: "1.0"\nschema_version: "1.0"\n', "not a readable policy"),
    ],
)
def test_what_cannot_be_migrated_says_why(text: str, says: str) -> None:
    with pytest.raises(MigrationError, match=re.escape(says)):
        migrate_text(text, "1.1")


def test_a_newer_document_is_not_moved_back() -> None:
    with pytest.raises(MigrationError, match=re.escape("already at schema 1.1, newer than 1.0")):
        migrate_text('schema_version: "1.1"\n', "1.0")


def test_a_file_that_cannot_be_migrated_is_left_alone_and_the_others_are_migrated(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = repo / "broken.yaml"
    broken.write_text('schema_version: "1.0"\ncontroller:\n  legal_nme: X\n', "utf-8")
    assert main(["migrate", "--write", str(repo), str(repo / "missing.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"policyval migrate: {broken}: it is not valid under its own schema 1.0" in err
    assert "missing.yaml: no such file or directory" in err
    assert "5 files migrated to 1.1, 0 files already at 1.1, 2 files could not be migrated." in err
    assert broken.read_text("utf-8").startswith('schema_version: "1.0"')
    assert load_text((repo / "planorama.yaml").read_text("utf-8")).data["schema_version"] == "1.1"


def test_a_failed_write_leaves_the_old_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "cameraux.yaml"
    before = path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert main(["migrate", "--write", str(path)]) == 2
    assert path.read_bytes() == before
    assert [p.name for p in repo.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    assert "No space left on device" in capsys.readouterr().err


def test_unknown_target_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--to", "2.0", str(repo)]) == 2
    assert "unknown schema version '2.0'; known versions: 1.0, 1.1" in capsys.readouterr().err
