"""diff, render and report read files as check does: a FIFO or /dev/zero never hangs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from policyval.cli import main; sys.exit(main(sys.argv[1:]))"
    # A hang is the failure this guards against: the timeout turns it into a test failure.
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_report_on_a_fifo(fifo: Path) -> None:
    done = run_cli("report", "--format", "markdown", str(fifo), str(GOOD))
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr


def test_render_on_a_fifo(fifo: Path) -> None:
    done = run_cli("render", str(fifo))
    assert done.returncode in (1, 2)
    assert "FIFO" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
def test_diff_on_a_fifo_or_dev_zero(fifo: Path, source: str) -> None:
    path = str(fifo) if source == "fifo" else source
    done = run_cli("diff", path, str(GOOD))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "cannot read" in done.stderr
    assert "internal error" not in done.stderr
