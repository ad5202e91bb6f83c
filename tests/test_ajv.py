"""An independent consumer: ajv (JavaScript, ECMA-262 regexes) must agree with policyval.

Every file in policies/ and every structural test case is read with policyval's own loader,
written as JSON, and validated by ajv-cli (draft 2020-12, ajv-formats, strict mode) against
the published schema its ``schema_version`` names. policyval's structural verdict (any
``schema/`` finding) and ajv's must be the same for every document. YAML-level cases
(tests/cases/invalid/yaml/) say nothing about the schema and are not selected.

ajv is installed by .ci/run into .ci/node; without it these tests fail and say how to
install it (they never skip: a skipped consumer is an untested contract).
"""

from __future__ import annotations

import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
AJV = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "ajv"
INSTALL_PREFIX = "npm install --prefix .ci/node"


def install_command() -> str:
    """The pinned install command, read from .ci/run (the README's test command) so the test
    and CI cannot drift apart."""
    lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    (line,) = [x for x in lines if INSTALL_PREFIX in x and not x.startswith("#")]
    return INSTALL_PREFIX + line.split(INSTALL_PREFIX, 1)[1].split(" && ", 1)[0]


def structural_documents() -> list[Path]:
    """Documents whose verdict is about the schema: policies, valid cases, schema/ cases."""
    selected = sorted((ROOT / "policies").glob("*.yaml"))
    selected += sorted((CASES / "valid").rglob("*.yaml"))
    selected += sorted((CASES / "invalid" / "schema").rglob("*.yaml"))
    return selected


DOCUMENTS = structural_documents()


@dataclass(frozen=True)
class Verdicts:
    ajv: dict[Path, bool]
    output: str


def _json_data(path: Path) -> Any:
    doc = load_text(path.read_text("utf-8"))
    assert doc.usable, f"{path}: not loadable YAML, so not a structural case"
    return doc.data


def _schema_for(data: Any) -> Path:
    declared = data.get("schema_version") if isinstance(data, dict) else None
    version = declared if isinstance(declared, str) and declared in schemas.versions() else schemas.latest()
    return ROOT / "schema" / f"policy-{version}.schema.json"


def _has_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_non_finite(v) for v in value)
    return False


def _run_ajv(schema: Path, files: list[Path]) -> tuple[dict[Path, bool], str]:
    cmd = [str(AJV), "validate", "--spec=draft2020", "--strict=true", "-c", "ajv-formats", "-s", str(schema)]
    for file in files:
        cmd += ["-d", str(file)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1), f"ajv could not run (exit {done.returncode}):\n{output}"
    verdicts: dict[Path, bool] = {}
    for line in output.splitlines():
        name, _, word = line.rpartition(" ")
        if word in ("valid", "invalid") and Path(name) in files:
            verdicts[Path(name)] = word == "valid"
    missing = [f.name for f in files if f not in verdicts]
    assert not missing, f"ajv gave no verdict for {missing}:\n{output}"
    return verdicts, output


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    if not AJV.is_file():
        pytest.fail(
            f"ajv is not installed ({AJV.relative_to(ROOT)} is missing). Install it with:\n  {install_command()}"
        )
    out_dir = tmp_path_factory.mktemp("ajv")
    by_schema: dict[Path, list[Path]] = {}
    json_of: dict[Path, Path] = {}
    for i, source in enumerate(DOCUMENTS):
        data = _json_data(source)
        assert not _has_non_finite(data), f"{source}: .nan/.inf cannot be written as JSON"
        target = out_dir / f"{i:03d}-{source.stem}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, allow_nan=False), "utf-8")
        by_schema.setdefault(_schema_for(data), []).append(target)
        json_of[source] = target
    results: dict[Path, bool] = {}
    outputs: list[str] = []
    for schema, files in by_schema.items():
        found, output = _run_ajv(schema, files)
        outputs.append(output)
        results.update({source: found[target] for source, target in json_of.items() if target in found})
    return Verdicts(results, "\n".join(outputs))


def test_ajv_is_installed() -> None:
    assert AJV.is_file(), f"ajv is not installed ({AJV}). Install it with:\n  {install_command()}"


def test_ci_installs_pinned_ajv_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert "set -euo pipefail" in lines
    install = install_command()
    assert "ajv-cli@5." in install and "ajv-formats@3." in install
    command = next(x for x in lines if install in x)
    assert command.index(install) < command.index("pytest")


def test_selection_holds_valid_and_invalid_documents() -> None:
    # Guards against a vacuous pass: both verdicts must be exercised.
    assert any(p.is_relative_to(CASES / "valid") for p in DOCUMENTS)
    assert any(p.is_relative_to(CASES / "valid" / "1.1") for p in DOCUMENTS)  # 1.1 cases, under 1.1
    assert any(p.is_relative_to(CASES / "invalid" / "schema") for p in DOCUMENTS)
    assert not any(p.is_relative_to(CASES / "invalid" / "yaml") for p in DOCUMENTS)


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_ajv_and_policyval_agree(source: Path, verdicts: Verdicts) -> None:
    findings = list(pipeline.check_path(str(source), source, Plan(rules=False)).findings)
    schema_findings = [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings if f.rule.startswith("schema/")]
    policyval_valid = not schema_findings
    assert verdicts.ajv[source] == policyval_valid, (
        f"ajv says {'valid' if verdicts.ajv[source] else 'invalid'}, policyval says "
        f"{'valid' if policyval_valid else 'invalid'} {schema_findings}\n--- ajv output ---\n{verdicts.output}"
    )


@pytest.mark.parametrize(
    "source", [p for p in DOCUMENTS if p.is_relative_to(CASES / "invalid")], ids=lambda p: str(p.relative_to(CASES))
)
def test_ajv_rejects_every_structural_invalid_case(source: Path, verdicts: Verdicts) -> None:
    assert verdicts.ajv[source] is False
