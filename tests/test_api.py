"""The Python API: lazy import, load and validate, and the examples in docs/api.md."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

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
    text = VALID.read_text("utf-8")
    loaded = [policyval.load(VALID), policyval.load(str(VALID)), policyval.load(text), policyval.load(text.encode())]
    assert all(p == loaded[0] for p in loaded)
    assert loaded[0].controller is not None and loaded[0].controller.country == "FR"


def test_load_refuses_an_invalid_policy_with_its_findings() -> None:
    with pytest.raises(policyval.PolicyError) as info:
        policyval.load(INVALID)
    assert [f.rule for f in info.value.findings] == ["schema/enum", "schema/enum"]
    assert "country-case.yaml:4:12: [schema/enum]" in str(info.value)
    assert "(and 1 more)" in str(info.value)


@pytest.mark.parametrize(
    "source",
    ["does/not/exist.yaml", b"\xff\xfe\x00junk", "key: [unclosed\n", "- a list\n", "schema_version: 1.0\n"],
)
def test_bad_input_gives_findings_not_exceptions(source: str | bytes) -> None:
    findings = policyval.validate(source)
    assert findings and all(isinstance(f, policyval.Finding) for f in findings)
    with pytest.raises(policyval.PolicyError):
        policyval.load(source)


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
