"""The README is what a newcomer copies, and what CI runs: its quick start, and its list of the
options of `policyval check`, which must be the ones `--help` shows."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from policyval.cli import cli

ROOT = Path(__file__).resolve().parent.parent
NODE_PREFIX = "npm install --prefix .ci/node"


def readme() -> str:
    return (ROOT / "README.md").read_text("utf-8")


def section(title: str) -> str:
    return readme().split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def quick_start_commands() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section("Quick start"), flags=re.S)]


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("policyval check policies/")
    assert all(c.startswith("python3 -m venv .venv && .venv/bin/pip install -q 'pip>=25.3' && ") for c in commands)
    assert "pytest" in commands[1]


def test_the_test_command_installs_what_the_suite_needs() -> None:
    command = quick_start_commands()[1]
    steps = command.split(" && ")
    assert steps[0] == "python3 -m venv .venv"
    assert steps[1] == ".venv/bin/pip install -q 'pip>=25.3'"  # the launcher without `import re`
    assert ".venv/bin/pip install -q -e '.[test]'" in steps
    npm = next(step for step in steps if step.startswith(NODE_PREFIX))  # the project's own prefix
    for package in ("ajv-cli@5.", "ajv-formats@3.", "@microsoft/sarif-multitool@5."):
        assert package in npm, package
    assert steps[-1] == ".venv/bin/python -m pytest"


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def _help_options() -> set[str]:
    result = CliRunner().invoke(cli, ["check", "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", result.output.split("Options:", 1)[1]))


def test_every_check_option_is_documented_in_the_readme() -> None:
    table = section("`policyval check` options")
    documented = set(re.findall(r"`(--?[a-z][a-z-]*)[ `]", table))
    options = {o for o in _help_options() if o.startswith("-")}
    assert options - documented == set(), "document these options in the README's `policyval check` options"
    assert documented - options == set(), "the README documents options that `policyval check --help` lacks"
    for flag in ("--exit-zero", "--quiet", "--statistics", "--select", "--ignore", "--extend-select", "--exclude"):
        assert flag in options, flag
    assert "`-` reads one policy from standard input" in table and "--stdin-filename" in options


def test_shell_completion_is_documented() -> None:
    table = section("`policyval check` options")
    for shell in ("bash", "zsh", "fish"):
        assert f"_POLICYVAL_COMPLETE={shell}_source policyval" in table
