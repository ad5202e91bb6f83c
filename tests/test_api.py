"""The Python API: lazy import, load and validate, and the examples in docs/api.md."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policyval
from policyval.cli import main

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
INVALID = ROOT / "tests" / "cases" / "invalid" / "schema" / "enum" / "country-case.yaml"


def test_import_policyval_is_light() -> None:
    code = "import sys, policyval; print(sorted(m for m in ('pydantic', 'jsonschema', 'ruamel') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_public_names() -> None:
    for name in policyval.__all__:
        assert getattr(policyval, name) is not None
    assert {"load", "validate", "Policy", "PolicyError"} <= set(dir(policyval))
    with pytest.raises(AttributeError):
        _ = policyval.no_such_name  # type: ignore[attr-defined]


def test_every_kind_of_source_loads_the_same_policy() -> None:
    import json

    text = VALID.read_text("utf-8")
    data = policyval.load(VALID).to_data()
    loaded = [
        policyval.load(VALID),
        policyval.load(text.encode()),
        policyval.load(data),
        policyval.load_file(VALID),
        policyval.load_file(str(VALID)),
        policyval.load_text(text),
        policyval.load_text(json.dumps(data, separators=(",", ":"))),  # compact JSON is YAML too
        policyval.load_data(data),
    ]
    assert all(p == loaded[0] for p in loaded)
    assert loaded[0].controller is not None and loaded[0].controller.country == "FR"


def test_load_refuses_an_invalid_policy_with_its_findings() -> None:
    with pytest.raises(policyval.PolicyError) as info:
        policyval.load(INVALID)
    assert [f.rule for f in info.value.findings] == ["schema/enum", "schema/enum"]
    assert "country-case.yaml:4:12: [schema/enum]" in str(info.value)
    assert "(and 1 more)" in str(info.value)


@pytest.mark.parametrize(
    ("validate", "load", "source"),
    [
        (policyval.validate_file, policyval.load_file, "does/not/exist.yaml"),
        (policyval.validate, policyval.load, b"\xff\xfe\x00junk"),
        (policyval.validate_text, policyval.load_text, "key: [unclosed\n"),
        (policyval.validate_text, policyval.load_text, "- a list"),
        (policyval.validate_text, policyval.load_text, "schema_version: 1.0"),
        (policyval.validate_data, policyval.load_data, ["a list"]),
        (policyval.validate, policyval.load, {"schema_version": "1.0", "controller": {"country": "fr"}}),
    ],
)
def test_bad_input_gives_findings_not_exceptions(validate: Any, load: Any, source: object) -> None:
    findings = validate(source)
    assert findings and all(isinstance(f, policyval.Finding) for f in findings)
    with pytest.raises(policyval.PolicyError):
        load(source)


# -- no guessing between a path and text --------------------------------------------------


@pytest.mark.parametrize("function", [policyval.validate, policyval.load])
@pytest.mark.parametrize("source", ["/etc/passwd", "policies/planorama.yaml", 'schema_version: "1.0"\n'])
def test_a_str_is_never_guessed(function: Any, source: str) -> None:
    with pytest.raises(TypeError, match=r"_file\(path\) for a file, \w+_text\(text, name=...\) for text"):
        function(source)


def test_text_is_never_read_as_a_path() -> None:
    findings = policyval.validate_text("/etc/passwd", "upload.yaml")
    assert [(f.file, f.rule) for f in findings] == [("upload.yaml", "schema/type")]
    assert "root:" not in findings[0].message  # the file was not read
    one_line = policyval.validate_text('schema_version: "1.0"', "one-line.yaml", isolated=True)
    assert "io/not-found" not in {f.rule for f in one_line} and one_line  # checked as text: rule findings


def test_compact_json_text_is_checked() -> None:
    findings = policyval.validate_text('{"schema_version":"1.0","controller":{"country":"fr"}}', "api.json")
    assert [(f.line, f.column, f.rule) for f in findings][:1] == [(1, 49, "schema/enum")]


def test_data_is_checked_without_positions() -> None:
    findings = policyval.validate({"schema_version": "1.0", "controller": {"country": "fr"}})
    assert [(f.file, f.line, f.rule, f.path) for f in findings] == [("<data>", 0, "schema/enum", "/controller/country")]


def test_text_has_a_size_cap() -> None:
    big = "policy:\n  title: " + "x" * (3 * 1024 * 1024) + "\n"
    assert [f.rule for f in policyval.validate_text(big)] == ["file/too-large"]
    assert [f.rule for f in policyval.validate_text("policy: {}\n", max_bytes=5)] == ["file/too-large"]
    with pytest.raises(policyval.PolicyError):
        policyval.load_text(big)


# -- the options of the command line ------------------------------------------------------


def test_options_are_the_command_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text((ROOT / "policies" / "planorama.yaml").read_text("utf-8"), "utf-8")
    config = tmp_path / "strict.yaml"
    config.write_text("select: [contact/]\n", "utf-8")
    for options, argv in [
        ({}, []),
        ({"profiles": ["ca-pipeda"]}, ["--profile", "ca-pipeda"]),
        ({"config": config}, ["--config", str(config)]),
        ({"isolated": True}, ["--isolated"]),
        ({"max_bytes": 100}, ["--max-bytes", "100"]),
    ]:
        checked = policyval.check_file(policy, **options)
        code = main(["check", *argv, str(policy)])
        printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(policy))]
        assert [text_line(f) for f in checked.findings] == printed, options
        assert checked.passed == (code == 0)
    assert policyval.check_file(VALID).passed and policyval.check_file(VALID, strict=True).passed


def test_strict_fails_on_warnings() -> None:
    lawless = ("applicable_laws:", "- law:")  # its jurisdictions stay: one warning
    text = "\n".join(line for line in VALID.read_text("utf-8").splitlines() if not line.strip().startswith(lawless))
    lenient, strict = policyval.check_text(text, "v.yaml"), policyval.check_text(text, "v.yaml", strict=True)
    assert [f.rule for f in lenient.findings] == ["meta/no-applicable-law"]
    assert lenient.passed and not strict.passed


def text_line(finding: policyval.Finding) -> str:
    from policyval.reporters import text

    return text.line(finding)


@pytest.mark.parametrize(
    "path", [VALID, INVALID, *sorted((ROOT / "policies").glob("*.yaml"))], ids=lambda p: str(p.relative_to(ROOT))
)
def test_validate_reports_what_check_prints(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policyval.reporters import text

    main(["check", str(path)])
    printed = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(path))]
    assert [text.line(f) for f in policyval.validate(path)] == printed


def test_docs_api_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0
