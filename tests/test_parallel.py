"""Parallel checking gives the very report a serial run gives, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policyval.check import parallel
from policyval.check.plan import Plan
from policyval.check.run import collect, run
from policyval.config import Resolver
from policyval.findings import Finding, Severity

CASES = Path(__file__).resolve().parent / "cases"


def _tree(tmp_path: Path, copies: int = 12) -> list[str]:
    """Valid and invalid cases many times over, a binary file, and paths that do not exist."""
    cases = sorted(CASES.rglob("*.yaml"))
    for n in range(copies):
        for i, case in enumerate(cases):
            target = tmp_path / f"d{n:02d}" / f"{i:02d}-{case.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(case, target)
    (tmp_path / "d00" / "binary.yaml").write_bytes(b"\x00\x01\x02")
    dirs = sorted(str(p) for p in tmp_path.iterdir())
    return [*dirs[:5], str(tmp_path / "missing.yaml"), *dirs[5:], str(tmp_path / "also-missing")]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks and a low threshold, so a test-sized tree crosses many chunk boundaries.
    monkeypatch.setattr(parallel, "CHUNK", 5)
    monkeypatch.setattr(parallel, "MIN_FILES", 10)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_report_is_identical_to_serial(tmp_path: Path, jobs: int) -> None:
    paths = _tree(tmp_path)
    # A configuration that governs some directories only: workers must ask it as the parent does.
    (tmp_path / "d01" / ".policyval.yaml").write_text("ignore: [meta/]\nseverity:\n  ref/: info\n", "utf-8")
    serial = collect(paths, Plan(Resolver(), jobs=1))
    assert parallel.worthwhile(Plan(jobs=jobs), len(serial.summary.files))
    parallel_ = collect(paths, Plan(Resolver(), jobs=jobs))
    assert len(serial.summary.files) > 10 * parallel.CHUNK
    assert {f.rule for f in serial.findings} >= {"io/not-found", "file/binary", "schema/enum", "ref/unknown-id"}
    assert parallel_.results == serial.results  # findings, profiles and suppressions alike
    assert parallel_.summary == serial.summary
    assert list(serial.summary.profiles) != []


@pytest.mark.usefixtures("small_chunks")
def test_parallel_progress_counts_every_file_in_order(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    class Quiet:
        def file(self, result: object) -> None: ...

        def end(self, summary: object) -> None: ...

    summary = run(_tree(tmp_path, copies=3), Plan(jobs=2), Quiet(), lambda d, t: seen.append((d, t)))
    total = len(summary.files)
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_few_files_or_one_job_stay_serial() -> None:
    assert not parallel.worthwhile(Plan(jobs=1), 10_000)
    assert not parallel.worthwhile(Plan(jobs=8), parallel.MIN_FILES - 1)
    assert parallel.worthwhile(Plan(jobs=2), parallel.MIN_FILES)


def test_default_jobs_is_at_least_one() -> None:
    assert parallel.default_jobs() >= 1


@pytest.mark.usefixtures("small_chunks")
def test_chunks_keep_bad_paths_in_place() -> None:
    bad = Finding("x", 0, 0, "io/not-found", Severity.ERROR, "no such file or directory")
    items: list[tuple[str, Path] | Finding] = [(f"f{i}", Path(f"f{i}")) for i in range(12)]
    items.insert(3, bad)
    units = list(parallel._chunks(items))
    names = [[name for name, _ in unit] if isinstance(unit, list) else unit for unit in units]
    assert names == [["f0", "f1", "f2"], bad, ["f3", "f4", "f5", "f6", "f7"], ["f8", "f9", "f10", "f11"]]
