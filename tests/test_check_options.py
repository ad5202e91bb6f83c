"""The options of `policyval check` that users of ruff, yamllint and check-jsonschema reach for:
standard input, --exit-zero, --quiet, --statistics, --select/--extend-select/--ignore layered
over the configuration files as ruff's are, --exclude/--force-exclude, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policyval import cli

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
BAD = 'schema_version: "1.0"\ncontroller:\n  country: fr\n'
# Rule findings only (schema-valid): contact/missing-contact, contact/no-controller-name,
# retention/no-retention-period, meta/no-effective-date.
GAPS = 'schema_version: "1.0"\npolicy:\n  title: Notice\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "gaps.yaml").write_text(GAPS, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def rules(out: str) -> list[str]:
    return sorted(line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if ": " in line and "[" in line)


# -- standard input -----------------------------------------------------------------------


def test_dash_reads_standard_input(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _stdin(BAD))
    code, out, _ = check(capsys, "-")
    assert code == cli.EXIT_FINDINGS
    assert out.splitlines()[0].startswith("-:3:12: error [schema/enum] 'fr'")
    assert out.splitlines()[-1] == "Found 1 error in 1 file (1 file checked)."


def test_stdin_filename_names_it_and_finds_its_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "policies" / ".policyval.yaml").write_text("ignore: [meta/no-effective-date]\n", "utf-8")
    for args in (["--stdin-filename", "policies/new.yaml", "-"], ["--stdin-filename", "policies/new.yaml"]):
        monkeypatch.setattr(sys, "stdin", _stdin(GAPS))
        code, out, _ = check(capsys, *args)
        assert code == cli.EXIT_FINDINGS
        # The configuration next to NAME applied.
        assert rules(out) == [
            "contact/missing-contact",
            "contact/no-controller-name",
            "meta/no-jurisdiction",
            "retention/no-retention-period",
        ]
        assert all(line.startswith("policies/new.yaml:") for line in out.splitlines() if "] " in line)


def test_stdin_is_bounded_and_alone(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _stdin("x: " + "y" * 100))
    code, out, _ = check(capsys, "--max-bytes", "50", "-")
    assert code == cli.EXIT_FINDINGS and "[file/too-large]" in out
    assert check(capsys, "-", "policies")[0] == cli.EXIT_ERROR
    code, _, err = check(capsys, "--stdin-filename", "x.yaml", "policies")
    assert code == cli.EXIT_ERROR and "give - as the path" in err


def _stdin(text: str) -> object:
    import io

    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


def test_stdin_through_a_real_pipe(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "policyval", "check", "--format", "json", "--stdin-filename", "policies/p.yaml", "-"],
        input=BAD,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == cli.EXIT_FINDINGS, done.stderr
    assert [f["file"] for f in json.loads(done.stdout)["findings"]] == ["policies/p.yaml"]


# -- exit code and what is printed --------------------------------------------------------


def test_exit_zero_keeps_the_findings_and_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, "--exit-zero", "policies")
    assert code == cli.EXIT_OK and "[contact/missing-contact]" in out
    # It cannot turn "could not check" into a pass.
    assert check(capsys, "--exit-zero", "missing.yaml")[0] == cli.EXIT_ERROR


def test_quiet_prints_the_findings_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, loud, _ = check(capsys, "policies")
    code, quiet, err = check(capsys, "--quiet", "policies")
    assert code == cli.EXIT_FINDINGS
    assert quiet.splitlines() == [line for line in loud.splitlines() if line.startswith("policies/gaps.yaml:")]
    assert len(quiet.splitlines()) == 5 and err == ""
    assert check(capsys, "-q", str(VALID))[1] == ""


def test_statistics_count_findings_per_rule(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "more.yaml").write_text(GAPS, "utf-8")
    (repo / "policies" / "bad.yaml").write_text(BAD, "utf-8")
    code, out, _ = check(capsys, "--statistics", "policies")
    assert code == cli.EXIT_FINDINGS
    assert out.splitlines() == [
        "2  error    contact/missing-contact",
        "2  error    contact/no-controller-name",
        "2  info     meta/no-effective-date",
        "2  warning  meta/no-jurisdiction",
        "2  error    retention/no-retention-period",
        "1  error    schema/enum",
        "Found 7 errors, 2 warnings, 2 infos in 3 files (3 files checked).",
    ]
    code, _, err = check(capsys, "--statistics", "--format", "json", "policies")
    assert code == cli.EXIT_ERROR and "exclude each other" in err


# -- rule selection on the command line, layered as ruff's --------------------------------

CONFIG = "select: [contact/, meta/]\nignore: [contact/no-controller-name]\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["contact/missing-contact", "meta/no-effective-date", "meta/no-jurisdiction"]),
        # --select starts over: the file's select and ignore no longer count.
        (["--select", "contact/no-controller-name"], ["contact/no-controller-name"]),
        (
            ["--select", "contact/,meta/no-effective-date"],
            ["contact/missing-contact", "contact/no-controller-name", "meta/no-effective-date"],
        ),
        # --extend-select adds to the file's choice, even a rule the file ignores.
        (
            ["--extend-select", "contact/no-controller-name"],
            ["contact/missing-contact", "contact/no-controller-name", "meta/no-effective-date", "meta/no-jurisdiction"],
        ),
        # --ignore removes last, on top of the file's.
        (["--ignore", "meta/"], ["contact/missing-contact"]),
        (["--select", "contact/", "--ignore", "contact/missing-contact"], ["contact/no-controller-name"]),
        (
            ["--select", "contact/", "--select", "meta/", "--ignore", "contact/"],
            ["meta/no-effective-date", "meta/no-jurisdiction"],
        ),
    ],
)
def test_select_and_ignore_combine_with_the_configuration_as_ruffs_do(
    args: list[str], expected: list[str], repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "policies" / ".policyval.yaml").write_text(CONFIG, "utf-8")
    assert rules(check(capsys, *args, "policies")[1]) == expected


def test_per_file_ignores_still_apply_under_select(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / ".policyval.yaml").write_text('per-file-ignores:\n  "gaps.yaml": [contact/]\n', "utf-8")
    assert rules(check(capsys, "--select", "contact/,meta/", "policies")[1]) == [
        "meta/no-effective-date",
        "meta/no-jurisdiction",
    ]


def test_selection_applies_in_worker_processes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(30):
        (repo / "policies" / f"g{i:02d}.yaml").write_text(GAPS, "utf-8")
    code, out, _ = check(capsys, "-j", "2", "--select", "meta/", "policies")
    assert (
        code == cli.EXIT_OK
        and set(rules(out)) == {"meta/no-effective-date", "meta/no-jurisdiction"}
        and len(rules(out)) == 62
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--select", "contact/missing-contct"],
            "--select: unknown rule 'contact/missing-contct'; did you mean 'contact/missing-contact'?",
        ),
        (["--ignore", "schema/enum"], "--ignore: 'schema/enum' cannot be ignored"),
        (["--extend-select", "file/bom"], "--extend-select: 'file/bom' is not a semantic rule"),
    ],
)
def test_unknown_rules_on_the_command_line_are_usage_errors(
    args: list[str], message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = check(capsys, *args, "policies")
    assert code == cli.EXIT_ERROR and message in err


# -- exclusions ---------------------------------------------------------------------------


def test_exclude_leaves_out_matching_files_of_a_walk(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "drafts").mkdir()
    (repo / "policies" / "drafts" / "d.yaml").write_text(BAD, "utf-8")
    (repo / "policies" / "x.example.yaml").write_text(BAD, "utf-8")
    _, out, _ = check(capsys, "policies")
    assert out.splitlines()[-1].endswith("(3 files checked).")
    code, out, _ = check(capsys, "--exclude", "drafts/", "--exclude", "*.example.yaml", "policies")
    assert out.splitlines()[-1].endswith("(1 file checked).") and "drafts" not in out and code == cli.EXIT_FINDINGS
    # A file named on the command line is checked unless --force-exclude.
    assert "(1 file checked)" in check(capsys, "--exclude", "drafts/", "policies/drafts/d.yaml")[1]
    forced = check(capsys, "--exclude", "drafts/", "--force-exclude", "policies/drafts/d.yaml", "policies/gaps.yaml")
    assert "(1 file checked)" in forced[1] and "drafts" not in forced[1]


def test_force_exclude_never_checks_configuration_files_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / ".policyval.yaml").write_text("ignore: [meta/no-effective-date]\n", "utf-8")
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", "utf-8")
    names = ["policies/.policyval.yaml", ".pre-commit-config.yaml"]
    assert check(capsys, *names)[0] == cli.EXIT_FINDINGS  # named, they are checked (and are not policies)
    code, out, _ = check(capsys, "--force-exclude", *names)
    assert code == cli.EXIT_OK and out == "All checks passed: 0 files checked, no findings.\n"


# -- the report file ----------------------------------------------------------------------


def test_output_over_a_checked_policy_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "policies" / "gaps.yaml").read_text("utf-8")
    code, _, err = check(capsys, "--format", "json", "-o", "policies/gaps.yaml", "policies/gaps.yaml")
    assert code == cli.EXIT_ERROR and "is one of the policies to check" in err
    assert (repo / "policies" / "gaps.yaml").read_text("utf-8") == before


# -- shell completion ---------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_are_printed(shell: str) -> None:
    env = {**os.environ, "_POLICYVAL_COMPLETE": f"{shell}_source"}
    done = subprocess.run(
        [sys.executable, "-m", "policyval"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "_POLICYVAL_COMPLETE" in done.stdout


def test_bash_completion_completes_options() -> None:
    env = {
        **os.environ,
        "_POLICYVAL_COMPLETE": "bash_complete",
        "COMP_WORDS": "policyval check --exit",
        "COMP_CWORD": "2",
    }
    done = subprocess.run(
        [sys.executable, "-m", "policyval"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "plain,--exit-zero" in done.stdout.splitlines()
