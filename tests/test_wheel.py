"""A wheel installed into a fresh venv outside the repository carries its schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_wheel_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], tmp_path)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("policyval-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    installed = run([str(bin_dir / "pip"), "install", "-q", str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    policy = elsewhere / "policy.yaml"
    policy.write_text((ROOT / "tests/cases/valid/complete-gdpr.yaml").read_text("utf-8"), "utf-8")
    bad = elsewhere / "bad.yaml"
    bad.write_text('schema_version: "1.0"\ncontroller:\n  legal_nme: X\n', "utf-8")

    schema = run([str(bin_dir / "policyval"), "schema"], elsewhere)
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout) == json.loads((ROOT / "schema/policy-1.1.schema.json").read_text("utf-8"))

    good = run([str(bin_dir / "policyval"), "check", "policy.yaml"], elsewhere)
    assert good.returncode == 0, good.stdout + good.stderr
    failing = run([str(bin_dir / "policyval"), "check", "bad.yaml"], elsewhere)
    assert failing.returncode == 1
    assert "bad.yaml:3:3: error [schema/additionalProperties] unknown key 'legal_nme'" in failing.stdout

    code = "import policyval.policy.schemas as s; print(s.schema_dir())"
    located = run([str(bin_dir / "python"), "-c", code], elsewhere)
    assert "site-packages" in located.stdout and "_schema" in located.stdout
