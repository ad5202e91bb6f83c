"""Progress shows on a terminal's stderr only, for long runs, and never in the report."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from policyval.cli import main, progress

VALID = Path(__file__).resolve().parent / "cases" / "valid" / "complete-gdpr.yaml"


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """Time moves only when the test says so: no timing in the assertions."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_updates_one_line_at_most_every_interval() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = progress.Progress(stream, clock)
    bar(1, 1000)
    assert stream.getvalue() == ""  # the first line waits one interval
    clock.now += progress.INTERVAL
    bar(2, 1000)
    clock.now += progress.INTERVAL / 2
    bar(3, 1000)  # too soon: not shown
    clock.now += progress.INTERVAL
    bar(500, 1000)
    assert (
        stream.getvalue()
        == "\r\x1b[Kpolicyval: checked 2/1000 files (0%)\r\x1b[Kpolicyval: checked 500/1000 files (50%)"
    )
    assert "\n" not in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_silent_when_not_a_terminal_or_few_files() -> None:
    clock = Clock()
    piped = io.StringIO()
    bar = progress.Progress(piped, clock)
    clock.now += 10
    bar(5, 1000)
    assert piped.getvalue() == ""
    tty = FakeTTY()
    short = progress.Progress(tty, clock)
    clock.now += 10
    short(5, progress.MIN_FILES)
    short.close()
    assert tty.getvalue() == ""


def test_check_shows_progress_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(progress.MIN_FILES + 1):
        shutil.copyfile(VALID, tmp_path / f"p{n:03d}.yaml")
    monkeypatch.setattr(progress, "INTERVAL", 0.0)  # every file updates the line
    assert main(["check", "-j", "1", str(tmp_path)]) in (0, 1)
    piped = capsys.readouterr()
    assert "policyval: checked" not in piped.err + piped.out

    tty = FakeTTY()
    monkeypatch.setattr("sys.stderr", tty)
    assert main(["check", "-j", "1", str(tmp_path)]) in (0, 1)
    out = capsys.readouterr().out
    assert f"checked {progress.MIN_FILES + 1}/{progress.MIN_FILES + 1} files (100%)" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")  # erased before the report
    assert "policyval: checked" not in out and "\r" not in out
