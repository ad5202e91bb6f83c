"""policyval init: a commented skeleton that validates, and never over an existing file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policyval import cli
from policyval.check import pipeline
from policyval.check.plan import Plan
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
STRUCTURAL = ("yaml/", "file/", "schema/", "io/")
EDITOR_LINE = "# yaml-language-server: $schema="


def skeleton(capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["init", "-"]) == cli.EXIT_OK
    return capsys.readouterr().out


def uncommented(text: str) -> str:
    """Every '# ' example line turned into YAML; '##' notes and the editor line stay comments."""
    return "\n".join(
        line if line.startswith(EDITOR_LINE) else re.sub(r"^(\s*)# ", r"\1", line) for line in text.splitlines()
    )


def test_skeleton_has_no_structural_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert pipeline.check_text("policy.yaml", skeleton(capsys), Plan(rules=False)).findings == ()


def test_every_commented_example_is_valid_once_uncommented(capsys: pytest.CaptureFixture[str]) -> None:
    text = uncommented(skeleton(capsys))
    assert "controller:\n  legal_name:" in text  # the examples really were uncommented
    assert pipeline.check_text("policy.yaml", text, Plan(rules=False)).findings == ()


def test_skeleton_says_semantic_findings_are_expected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = skeleton(capsys)
    assert "semantic findings" in text
    target = tmp_path / "policy.yaml"
    assert cli.main(["init", str(target)]) == cli.EXIT_OK
    capsys.readouterr()
    cli.main(["check", "--format", "json", str(target)])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f for f in findings if f["rule"].startswith(STRUCTURAL)] == []
    assert findings, "an empty skeleton gets rule findings that say what to add"


def test_writes_policy_yaml_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init"]) == cli.EXIT_OK
    text = (tmp_path / "policy.yaml").read_text("utf-8")
    assert text.startswith(EDITOR_LINE)
    assert f'schema_version: "{schemas.latest()}"' in text


def test_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious: true\n", "utf-8")
    assert cli.main(["init", str(target)]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "already exists" in err and "never overwrites" in err
    assert target.read_text("utf-8") == "precious: true\n"


def test_unwritable_place_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", str(tmp_path / "no" / "such" / "dir.yaml")]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("policyval init: cannot write") and "Traceback" not in err


def test_editor_line_points_at_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = f"policy-{schemas.latest()}.schema.json"
    bundled = schemas.schema_path(schemas.latest()).read_bytes()
    # In a repository of one's own with no copy of the schema: init writes one beside the
    # policy (byte for byte the bundled schema) and points at it, so it resolves offline.
    (tmp_path / "mine").mkdir()
    assert cli.main(["init", str(tmp_path / "mine" / "p.yaml")]) == cli.EXIT_OK
    first = (tmp_path / "mine" / "p.yaml").read_text("utf-8").splitlines()[0]
    assert first == f"{EDITOR_LINE}schema/{name}"
    assert (tmp_path / "mine" / "schema" / name).read_bytes() == bundled
    assert "https://" not in first
    # In a checkout that carries schema/ (like this repository's policies/): a relative path to
    # that copy, and nothing else written.
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / name).write_text("{}", "utf-8")
    (tmp_path / "policies").mkdir()
    assert cli.main(["init", str(tmp_path / "policies" / "new.yaml")]) == cli.EXIT_OK
    first = (tmp_path / "policies" / "new.yaml").read_text("utf-8").splitlines()[0]
    assert first == f"{EDITOR_LINE}../schema/{name}"
    assert not (tmp_path / "policies" / "schema").exists()


def test_schema_output_vendors_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for version in schemas.versions():
        assert cli.main(["schema", "--version", version, "--output", str(tmp_path / "vendored")]) == cli.EXIT_OK
        written = tmp_path / "vendored" / f"policy-{version}.schema.json"
        assert written.read_bytes() == schemas.schema_path(version).read_bytes()


def test_seed_policies_use_the_same_editor_line_as_init() -> None:
    for policy in sorted((ROOT / "policies").glob("*.yaml")):
        first = policy.read_text("utf-8").splitlines()[0]
        assert first.startswith(EDITOR_LINE), policy
        assert (policy.parent / first.removeprefix(EDITOR_LINE)).resolve().is_file(), policy
