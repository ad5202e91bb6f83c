"""check, the Python API and report give the same findings: they are one pipeline.

For every case under tests/cases, every encoded policy, and a directory governed by a
``.policyval.yaml`` whose policies carry inline suppressions, the findings of

* ``policyval check --format json FILE``,
* ``policyval.validate(Path(FILE))``, and
* ``policyval report --format markdown FILE`` (its findings list)

are the same, at the same positions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import policyval
from policyval.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CONFIGURED = CASES / "configured"
# Policies only: dotfiles such as .policyval.yaml are configuration.
FILES = sorted(p for p in [*CASES.rglob("*.yaml"), *(ROOT / "policies").glob("*.yaml")] if not p.name.startswith("."))
CONFIGURED_POLICIES = sorted(p for p in CONFIGURED.glob("*.yaml") if not p.name.startswith("."))
# report's Markdown lists each finding as: N. <a id="..."></a>**severity** `rule` at line L:C: message
_LISTED = re.compile(r"^\d+\. <a id=\"[^\"]+\"></a>\*\*(\w+)\*\* `([^`]+)` at line (\d+):(\d+): ", re.M)

Key = tuple[str, str, int, int]


def by_check(path: Path, capsys: pytest.CaptureFixture[str]) -> list[Key]:
    main(["check", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    return [(f["severity"], f["rule"], f["line"] or 0, f["column"] or 0) for f in report["findings"]]


def by_api(path: Path) -> list[Key]:
    return [(f.severity.value, f.rule, f.line, f.column) for f in policyval.validate(path)]


def by_report(path: Path, capsys: pytest.CaptureFixture[str]) -> list[Key]:
    assert main(["report", "--format", "markdown", str(path)]) == 0
    page = capsys.readouterr().out
    return [(s, rule, int(line), int(col)) for s, rule, line, col in _LISTED.findall(page)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_check_api_and_report_agree(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checked = by_check(path, capsys)
    assert by_api(path) == checked
    assert by_report(path, capsys) == checked


@pytest.mark.parametrize("path", CONFIGURED_POLICIES, ids=lambda p: p.name)
def test_configuration_and_suppressions_apply_everywhere(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    want = [(e["severity"], e["rule"], e["line"], e["column"]) for e in expected]
    assert by_check(path, capsys) == want
    assert by_api(path) == want
    assert by_report(path, capsys) == want
    # What the configuration and the comments leave out really is there without them.
    main(["check", "--isolated", "--format", "json", str(path)])
    isolated = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "meta/no-effective-date" in isolated  # ignored by .policyval.yaml
    assert "rights/no-complaint" not in {rule for _, rule, _, _ in want}


def test_the_configured_directory_is_covered() -> None:
    assert (CONFIGURED / ".policyval.yaml").is_file()
    assert {p.name for p in CONFIGURED_POLICIES} == {"suppressed.yaml", "drafts-1.yaml"}
    assert "# policyval: disable=" in (CONFIGURED / "suppressed.yaml").read_text("utf-8")
