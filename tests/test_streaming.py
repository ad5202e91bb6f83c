"""text and github reports stream: each file's findings are printed as its result arrives,
the output is byte for byte what the collected report prints, and the Report keeps counts
rather than findings, so memory does not grow with the number of files."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyval import cli
from policyval.check import source
from policyval.check.plan import Plan
from policyval.check.result import Result, Summary
from policyval.check.run import collect, run
from policyval.findings import Severity
from policyval.reporters import text

CASES = Path(__file__).resolve().parent / "cases"
POLICIES = Path(__file__).resolve().parent.parent / "policies"


def _mixed_tree(tmp_path: Path) -> list[str]:
    """Valid and invalid cases, a binary file, a broken config's directory, and a missing path."""
    tmp_path.mkdir()
    for i, case in enumerate(sorted(CASES.rglob("*.yaml"))):
        shutil.copyfile(case, tmp_path / f"{i:03d}-{case.name}")
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01\x02")
    broken = tmp_path / "sub"
    broken.mkdir()
    (broken / ".policyval.yaml").write_text("ignore: [no-such-rule]\n", encoding="utf-8")
    shutil.copyfile(POLICIES / "photo-cdm.yaml", broken / "a.yaml")
    shutil.copyfile(POLICIES / "cameraux.yaml", broken / "b.yaml")
    return [str(tmp_path), str(tmp_path / "missing.yaml")]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "github"])
@pytest.mark.parametrize("extra", [[], ["--strict"], ["-j", "2"]])
def test_streamed_output_is_the_collected_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, extra: list[str]
) -> None:
    paths = _mixed_tree(tmp_path / "tree")
    streamed_code, streamed = _run(["check", *paths, "--format", fmt, *extra], capsys)
    # --output collects the whole report before writing it: the reference.
    target = tmp_path / "report.txt"
    collected_code, _ = _run(["check", *paths, "--format", fmt, "-o", str(target), *extra], capsys)
    assert streamed == target.read_text(encoding="utf-8")
    assert streamed_code == collected_code
    assert streamed.count("config/unknown-rule") == 1  # a broken config's error, once
    assert "missing.yaml" in streamed and "binary.yaml" in streamed


def test_text_prints_a_files_findings_before_the_next_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("schema_version: '1.0'\nunknown_key: 1\n", encoding="utf-8")
    second.write_text("schema_version: '1.0'\n", encoding="utf-8")
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    printed_before: dict[str, str] = {}
    read = source.read

    def recording(file: str, path: Path, max_bytes: int) -> Any:
        printed_before[file] = out.getvalue()
        return read(file, path, max_bytes)

    monkeypatch.setattr(source, "read", recording)
    assert cli.main(["check", "-j", "1", str(first), str(second)]) == 1
    assert printed_before[str(first)] == ""
    assert f"{first}:2:1: error [schema/additionalProperties]" in printed_before[str(second)]
    assert str(second) not in printed_before[str(second)]
    assert out.getvalue().endswith("(2 files checked).\n")


class Counting:
    """A reporter that keeps nothing but what it is asked to check."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.findings = 0

    def file(self, result: Result) -> None:
        self.files.append(result.file)
        self.findings += len(result.findings)

    def end(self, summary: Summary) -> None:
        self.summary = summary


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_keeps_counts_not_findings(tmp_path: Path, jobs: int) -> None:
    for n in range(2000):
        directory = tmp_path / f"d{n // 100:02d}"
        directory.mkdir(exist_ok=True)
        # Two schema errors each: one per unknown key.
        (directory / f"p{n:04d}.yaml").write_text("schema_version: '1.0'\nextra: 1\nmore: 2\n", encoding="utf-8")
    reporter = Counting()
    summary = run([str(tmp_path)], Plan(jobs=jobs), reporter)
    assert not hasattr(summary, "findings")  # the run's summary holds counts only
    assert len(summary.files) == 2000 and reporter.files == summary.files  # one call per file, in order
    assert summary.total() == reporter.findings == 4000
    assert summary.count(Severity.ERROR) == 4000
    assert summary.with_findings == 2000
    assert summary.io_errors == []
    assert reporter.summary is summary


def test_a_run_keeps_io_errors_for_the_exit_code(tmp_path: Path) -> None:
    summary = collect([str(tmp_path / "missing.yaml")], Plan()).summary
    assert [f.rule for f in summary.io_errors] == ["io/not-found"]
    assert cli.exit_code(summary) == cli.EXIT_ERROR


def _summary(profiled: dict[str, tuple[str, ...]], unprofiled: list[str]) -> Summary:
    summary = Summary()
    for file, ran in profiled.items():
        summary.add(Result(file, (), ran))
    for file in unprofiled:
        summary.add(Result(file, ()))
    return summary


def test_the_profiles_line_names_few_files() -> None:
    summary = _summary(
        {"a.yaml": ("baseline", "eu-gdpr"), "b.yaml": ("baseline",), "c.yaml": ("baseline",)}, ["d.yaml"]
    )
    assert text.profile_lines(summary) == [
        "Rule profiles baseline, eu-gdpr: 1 file (a.yaml)",
        "Rule profiles baseline: 2 files (b.yaml, c.yaml)",
        "Rules not run (fix the errors reported above first): 1 file (d.yaml)",
    ]


def test_the_profiles_line_counts_many_files() -> None:
    many = {f"p{n:05d}.yaml": ("baseline", "eu-gdpr") for n in range(10_000)}
    ten = {f"q{n}.yaml": ("baseline",) for n in range(text.LISTED_FILES)}
    broken = [f"x{n}.yaml" for n in range(text.LISTED_FILES + 1)]
    lines = text.profile_lines(_summary({**many, **ten}, broken))
    assert lines == [
        "Rule profiles baseline, eu-gdpr: 10000 files",
        f"Rule profiles baseline: 10 files ({', '.join(ten)})",
        "Rules not run (fix the errors reported above first): 11 files",
    ]
    assert sum(map(len, lines)) < 500  # one short line per set of profiles, however many files


def test_a_run_of_many_files_prints_a_short_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(30):
        shutil.copyfile(POLICIES / "photo-cdm.yaml", tmp_path / f"p{n:02d}.yaml")
    code, out = _run(["check", str(tmp_path)], capsys)
    assert code == 1
    tail = out.splitlines()[-3:]
    assert tail[0] == "Rule profiles baseline: 30 files"
    assert tail[1].startswith("Profiles not applied (eu-gdpr, ") and ": 30 files declaring no jurisdiction" in tail[1]
    assert tail[2].startswith("Found ") and tail[2].endswith(" in 30 files (30 files checked).")


# -- the document formats stream too (issue 18, item 13) ----------------------------------


def _results(files: int, per_file: int) -> Iterator[Result]:
    from policyval.findings import Finding

    for n in range(files):
        name = f"policies/d{n // 100:03d}/p{n:05d}.yaml"
        yield Result(
            name,
            tuple(
                Finding(
                    name,
                    i + 1,
                    3,
                    "schema/additionalProperties",
                    Severity.ERROR,
                    f"unknown key 'k{i}' " + "x" * 80,
                    f"/k{i}",
                )
                for i in range(per_file)
            ),
            ("baseline",),
        )


def _peak(fmt: str, files: int, per_file: int) -> tuple[int, int]:
    """(peak traced bytes, bytes written) of a ``fmt`` report over generated results."""
    import tracemalloc

    from policyval import reporters

    written = 0

    def write(text: str) -> None:
        nonlocal written
        written += len(text)

    tracemalloc.start()
    try:
        out = reporters.reporter(fmt, write, root=Path.cwd())
        summary = Summary()
        for result in _results(files, per_file):
            summary.add(result)
            out.file(result)
        out.end(summary)
        return tracemalloc.get_traced_memory()[1], written
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_document_formats_keep_no_findings(fmt: str) -> None:
    """12,000 findings make a report of megabytes, and the reporter holds a few MiB at most
    (the spool's 1 MiB, the per-file counts, what a rollover to disk copies). Collecting the
    results, as the reporters once did, peaks at 10 MB (junit) to 78 MB (sarif)."""
    small, small_out = _peak(fmt, 300, 2)
    large, large_out = _peak(fmt, 300, 40)
    assert large_out > 8 * small_out > 1_000_000  # the report did grow with the findings
    assert large < 6 * 1024 * 1024, (small, large)  # memory did not
