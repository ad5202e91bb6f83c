"""``policyval export``: the data exactly as validated, canonical, and never from an invalid policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.check.run import collect
from policyval.cli import main
from policyval.policy import schemas
from policyval.publish import export

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
INVALID = ROOT / "tests" / "cases" / "invalid" / "schema" / "enum" / "country-case.yaml"

# YAML 1.2 core scalars as policyval reads them: NO and an unquoted date stay strings,
# 0x0F is an integer; non-ASCII text is kept.
SCALARS = """\
schema_version: "1.0"
policy:
  title: NO
  effective_date: 2024-01-31
  language: fr
controller:
  legal_name: Société Générale de l'Exemple
children:
  minimum_age: 0x0F
"""


def export_to(tmp_path: Path, *args: str) -> tuple[int, bytes]:
    out = tmp_path / "out.json"
    code = main(["export", *args, "--output", str(out)])
    return code, out.read_bytes() if out.exists() else b""


def test_export_is_the_loaded_data_in_canonical_json(tmp_path: Path) -> None:
    code, raw = export_to(tmp_path, str(VALID))
    assert code == 0
    text = raw.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1
    data = json.loads(text)
    assert data == load_text(VALID.read_text("utf-8")).data
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_yaml_1_2_scalars_and_utf8(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(SCALARS, "utf-8")
    code, raw = export_to(tmp_path, str(policy))
    assert code == 0
    data = json.loads(raw)
    assert data["policy"]["title"] == "NO"
    assert data["policy"]["effective_date"] == "2024-01-31"
    assert data["children"]["minimum_age"] == 15
    assert "Société Générale".encode() in raw  # UTF-8, not \\u escapes


def test_export_validates_against_the_schema_it_declares(tmp_path: Path) -> None:
    code, raw = export_to(tmp_path, str(VALID))
    assert code == 0
    data: dict[str, Any] = json.loads(raw)
    Draft202012Validator(schemas.schema(data["schema_version"])).validate(data)


def test_stdout_one_line_per_policy_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "scalars.yaml"
    other.write_text(SCALARS, "utf-8")
    assert main(["export", str(VALID), str(other)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert [json.loads(line)["policy"]["title"] for line in lines] == ["Example Shop privacy notice", "NO"]
    assert captured.err == ""


def test_invalid_policy_is_refused_with_findings_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(INVALID)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[schema/enum]" in captured.err and "did you mean 'FR'?" in captured.err


def test_one_invalid_policy_means_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous export\n", "utf-8")
    assert main(["export", str(VALID), str(INVALID), "--output", str(out)]) == 1
    assert out.read_text("utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_output_never_overwrites_an_input_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_bytes(VALID.read_bytes())
    assert main(["export", str(policy), "--output", str(policy)]) == 2
    assert policy.read_bytes() == VALID.read_bytes()
    assert "never overwrites a policy" in capsys.readouterr().err


def test_missing_policy_and_unwritable_output_are_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.yaml")]) == 2
    assert "[io/not-found]" in capsys.readouterr().err
    assert main(["export", str(VALID), "--output", str(tmp_path / "no" / "dir" / "out.json")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "xml", str(VALID)]) == 2
    assert "'json'" in capsys.readouterr().err


def test_formats_are_a_table_of_exporters(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "json" in export.formats()
    monkeypatch.setitem(export.EXPORTERS, "titles", ("tests.test_export", "titles_only"))
    collected = collect([str(VALID)], Plan(rules=False, keep_data=True))
    assert not export.blocked(collected.results)
    assert export.texts(collected.results, "titles") == ['{"title":"Example Shop privacy notice"}\n']


def titles_only(data: Any) -> Any:
    return {"title": data["policy"]["title"]}
