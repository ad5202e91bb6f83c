"""The console script's --version fast path says exactly what the CLI says, without loading it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from policyval import launch
from policyval.cli import main


def test_fast_version_matches_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    from_cli = capsys.readouterr().out
    assert launch.main(["--version"]) == 0
    assert capsys.readouterr().out == from_cli


def test_fast_version_imports_no_cli() -> None:
    code = "import sys; from policyval import launch; launch.main(['--version']); print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.splitlines()[-1]
    assert "'click'" not in loaded and "'policyval.cli'" not in loaded and "'jsonschema'" not in loaded


def test_everything_else_goes_to_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert launch.main(["schema", "--list"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == ["1.0", "1.1"]
    assert launch.main(["--help"]) == 0
    assert "Usage" in capsys.readouterr().out


def test_python_m_policyval_takes_the_same_fast_path() -> None:
    code = "import runpy, sys; sys.argv = ['policyval', '--version']\n"
    code += "try:\n    runpy.run_module('policyval', run_name='__main__')\nexcept SystemExit as e:\n    print(e.code)\n"
    code += "print(sorted(sys.modules))"
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines[0] == f"policyval {__import__('policyval').__version__}" and lines[1] == "0"
    assert "'click'" not in lines[-1] and "'typing'" not in lines[-1]


def test_a_cold_check_of_a_valid_policy_loads_no_reference_validator(tmp_path: object) -> None:
    # jsonschema, pydantic (configuration files) and multiprocessing load only when needed.
    valid = "tests/cases/valid/complete-gdpr.yaml"
    code = f"import sys; from policyval.cli import main; main(['check', {valid!r}]); print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.splitlines()[-1]
    for heavy in ("'jsonschema'", "'pydantic'", "'pathspec'", "'concurrent.futures.process'", "'xml.etree'"):
        assert heavy not in loaded, heavy
