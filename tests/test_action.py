"""The GitHub Action (action.yml, composite): its steps run as a runner runs them, with the
inputs passed as the runner passes them, on a repository with policies; and the example
workflow uses it and uploads the SARIF it writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
BAD = 'schema_version: "1.0"\ncontroller:\n  country: fr\n'
_EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def run_action(workspace: Path, temp: Path, **given: str) -> tuple[int, str, dict[str, str]]:
    """Run the composite's steps in order, as the runner does: bash -e -o pipefail, each step's
    env with the inputs' expressions evaluated, GITHUB_ACTION_PATH at this repository."""
    action = load(ROOT / "action.yml")
    inputs = {name: given.get(name, spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    files = {"GITHUB_OUTPUT": temp / "output", "GITHUB_STEP_SUMMARY": temp / "summary.md"}
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(temp),
        **{k: str(v) for k, v in files.items()},
    }
    printed = []
    for step in action["runs"]["steps"]:
        assert "${{" not in step["run"], "inputs reach the script through env, never pasted into it"
        step_env = {k: _EXPRESSION.sub(lambda m: inputs[m.group(1)], str(v)) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        printed.append(done.stdout)
        if done.returncode != 0:
            return done.returncode, "".join(printed) + done.stderr, _outputs(files["GITHUB_OUTPUT"])
    return 0, "".join(printed), _outputs(files["GITHUB_OUTPUT"])


def _outputs(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


def test_action_is_composite_and_uses_this_package() -> None:
    action = load(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    scripts = " ".join(step["run"] for step in action["runs"]["steps"])
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in scripts
    assert set(action["inputs"]) == {"paths", "args", "sarif-file", "python"}


def test_action_annotates_fails_and_writes_sarif(tmp_path: Path) -> None:
    workspace, temp = tmp_path / "workspace", tmp_path / "runner-temp"
    temp.mkdir()
    (workspace / "policies").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    shutil.copy(GOOD, workspace / "policies" / "good.yaml")
    (workspace / "policies" / "bad.yaml").write_text(BAD, "utf-8")
    code, out, outputs = run_action(workspace, temp, python=sys.executable, **{"sarif-file": "policyval.sarif"})
    assert code == 1, out  # findings fail the step
    assert "::error file=policies/bad.yaml,line=3,col=12,title=policyval [schema/enum]::" in out
    assert out.rstrip().endswith("Found 1 error in 1 file (2 files checked).")
    assert outputs == {"sarif-file": "policyval.sarif"}
    sarif = json.loads((workspace / "policyval.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["schema/enum"]
    assert "| policies/bad.yaml | 3 | error | schema/enum |" in (temp / "summary.md").read_text("utf-8")

    (workspace / "policies" / "bad.yaml").unlink()
    code, out, outputs = run_action(workspace, temp, python=sys.executable, args="--strict --select contact/")
    assert code == 0, out
    assert outputs == {"sarif-file": "policyval.sarif"}  # the earlier run's line; this run wrote none
    assert out.rstrip().endswith("All checks passed: 1 file checked, no findings.")


def test_example_workflow_uses_the_action_and_uploads_sarif() -> None:
    workflow = load(ROOT / "docs" / "github-workflow.yml")
    steps = workflow["jobs"]["policies"]["steps"]
    ours = next(s for s in steps if str(s.get("uses", "")).endswith("/policyval@v0.1.0"))
    action_inputs = set(load(ROOT / "action.yml")["inputs"])
    assert set(ours["with"]) <= action_inputs
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps." + ours["id"] + ".outputs.sarif-file }}"
    assert workflow["permissions"]["security-events"] == "write"


def test_readme_points_at_the_action_and_the_workflow() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert "## GitHub Action" in text and "docs/github-workflow.yml" in text
