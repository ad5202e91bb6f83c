"""Configuration: discovery, select/ignore/severity/per-file-ignores, errors in the config, --strict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyval import config
from policyval.check.plan import Plan
from policyval.check.run import collect
from policyval.cli import exit_code, main
from policyval.config import resolve
from policyval.findings import Finding

# Findings of this policy: three errors at 1:1 (contact/missing-contact,
# contact/no-controller-name, retention/no-retention-period), one warning at 2:1
# (meta/no-effective-date).
POLICY = 'schema_version: "1.0"\npolicy:\n  title: Privacy notice\n  language: en\n'
ERRORS = {"contact/missing-contact", "contact/no-controller-name", "retention/no-retention-period"}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (the walk stops at its .git) with one policy in policies/."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "p.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*paths: str) -> tuple[int, list[Finding]]:
    """Exit code and findings of a configured run over ``paths``."""
    collected = collect(paths, Plan(config.Resolver()))
    return exit_code(collected.summary), collected.findings


def text_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_no_config_reports_everything(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = text_check(capsys, "policies")
    assert code == 1
    for rule in [*ERRORS, "meta/no-effective-date"]:
        assert f"[{rule}]" in out


def test_ignore_by_namespace_and_id_turns_exit_1_into_0_and_strict_fails_on_warning(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.policyval]\nignore = ["contact/", "retention/no-retention-period"]\n',
        encoding="utf-8",
    )
    code, out = text_check(capsys, "policies")
    assert code == 0
    assert "[meta/no-effective-date]" in out and "[contact/" not in out and "[retention/" not in out
    code, _ = text_check(capsys, "--strict", "policies")
    assert code == 1


def test_severity_override_changes_the_exit_code(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text(
        "severity:\n  contact/: warning\n  retention/no-retention-period: info\n  meta/no-effective-date: off\n",
        encoding="utf-8",
    )
    code, out = text_check(capsys, "policies")
    assert code == 0  # no error left: two warnings and an info
    assert "warning [contact/missing-contact]" in out
    assert "info [retention/no-retention-period]" in out
    assert "meta/no-effective-date" not in out
    assert text_check(capsys, "--strict", "policies")[0] == 1


def test_severity_of_the_rule_wins_over_its_namespace(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text(
        "severity:\n  contact/: info\n  contact/missing-contact: warning\n", encoding="utf-8"
    )
    _, out = text_check(capsys, "policies")
    assert "warning [contact/missing-contact]" in out
    assert "info [contact/no-controller-name]" in out


def test_select_runs_only_the_chosen_rules(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("select: [meta/, contact/missing-contact]\n", encoding="utf-8")
    _, out = text_check(capsys, "policies")
    found = {line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "[" in line}
    assert found == {"meta/no-effective-date", "meta/no-jurisdiction", "contact/missing-contact"}


def test_per_file_ignores_glob_is_relative_to_the_config_directory(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "drafts").mkdir()
    (repo / "drafts" / "d.yaml").write_text(POLICY, encoding="utf-8")
    (repo / ".policyval.yaml").write_text(
        "per-file-ignores:\n  'drafts/*.yaml': [contact/, retention/, meta/]\n  'p.yaml': [meta/]\n",
        encoding="utf-8",
    )
    _, out = text_check(capsys, "drafts", "policies")
    assert "drafts/d.yaml" not in out.split("Rule profiles")[0]
    assert "policies/p.yaml:1:1: error [contact/missing-contact]" in out
    assert "meta/no-effective-date" not in out  # a bare name matches in any directory
    # From another working directory the glob still means <config dir>/drafts/*.yaml.
    _, out = text_check(capsys, str(repo / "drafts"))
    assert "[contact/" not in out


def test_nearest_config_wins_and_configs_are_not_merged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [contact/]\n", encoding="utf-8")
    (repo / "policies" / ".policyval.yaml").write_text("ignore: [meta/]\n", encoding="utf-8")
    _, out = text_check(capsys, "policies")
    assert "[contact/missing-contact]" in out  # the root's ignore does not apply below
    assert "meta/no-effective-date" not in out


def test_policyval_yaml_wins_over_pyproject_in_the_same_directory(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "policies" / "pyproject.toml").write_text('[tool.policyval]\nignore = ["meta/"]\n', encoding="utf-8")
    (repo / "policies" / ".policyval.yaml").write_text("ignore: [contact/]\n", encoding="utf-8")
    _, out = text_check(capsys, "policies")
    assert "[contact/" not in out and "[meta/no-effective-date]" in out


def test_pyproject_without_tool_policyval_is_passed_over(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.policyval]\nignore = ["meta/"]\n', encoding="utf-8")
    _, out = text_check(capsys, "policies")
    assert "meta/no-effective-date" not in out


def test_walk_stops_at_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".policyval.yaml").write_text("ignore: [contact/]\n", encoding="utf-8")
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    (inner / "p.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(inner)
    _, out = text_check(capsys, "p.yaml")
    assert "[contact/missing-contact]" in out  # the config above the repository is not read


def test_config_option_and_isolated(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [contact/]\n", encoding="utf-8")
    (repo / "other.yaml").write_text("ignore: [meta/]\n", encoding="utf-8")
    _, out = text_check(capsys, "--config", "other.yaml", "policies")
    assert "[contact/missing-contact]" in out and "meta/" not in out
    _, out = text_check(capsys, "--isolated", "policies")
    assert "[contact/missing-contact]" in out and "[meta/no-effective-date]" in out
    assert main(["check", "--isolated", "--config", "other.yaml", "policies"]) == 2


def test_config_profiles_and_cli_profile_wins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("profiles: [eu-gdpr]\n", encoding="utf-8")
    _, out = text_check(capsys, "policies")
    assert "Rule profiles baseline, eu-gdpr" in out
    _, out = text_check(capsys, "--profile", "ca-pipeda", "policies")
    assert "Rule profiles baseline, ca-pipeda" in out


def test_every_config_error_at_its_line_and_column_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text(
        "[tool.policyval]\n"
        'ignore = ["contact/no-controler-name", "schema/type"]\n'
        'selct = ["meta/"]\n'
        "\n"
        "[tool.policyval.severity]\n"
        '"meta/no-effective-date" = "fatal"\n',
        encoding="utf-8",
    )
    code, out = text_check(capsys, "policies")
    assert code == 2
    lines = out.splitlines()
    assert any(
        line.startswith("pyproject.toml:2:11: error [config/unknown-rule]") and "'contact/no-controller-name'" in line
        for line in lines
    )
    assert any(line.startswith("pyproject.toml:2:40: error [config/invalid]") for line in lines)
    assert any(line.startswith("pyproject.toml:3:1: error [config/invalid]") and "'select'" in line for line in lines)
    assert any(line.startswith("pyproject.toml:6:1: error [config/invalid]") for line in lines)
    # The policy is not checked under settings that are not what the user wrote.
    assert "policies/p.yaml" not in out.split("Rule profiles")[0]


def test_yaml_config_errors_point_into_the_yaml(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("ignore:\n  - rights\nper-file-ignores: [x]\n", encoding="utf-8")
    code, findings = check("policies")
    assert code == 2
    where = {(f.file, f.rule, f.line, f.column) for f in findings}
    assert (".policyval.yaml", "config/unknown-rule", 2, 5) in where
    assert (".policyval.yaml", "config/invalid", 3, 19) in where
    assert any("did you mean 'rights/'" in f.message for f in findings)


def test_broken_config_syntax_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.policyval]\nignore = [\n", encoding="utf-8")
    code, out = text_check(capsys, "policies")
    assert code == 2 and "pyproject.toml:3:1: error [config/invalid] TOML syntax error" in out
    assert "Traceback" not in out


def test_one_config_error_is_reported_once_for_many_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(3):
        (repo / "policies" / f"q{n}.yaml").write_text(POLICY, encoding="utf-8")
    (repo / ".policyval.yaml").write_text("ignore: [nope/]\n", encoding="utf-8")
    code, out = text_check(capsys, "policies")
    assert code == 2 and out.count("[config/unknown-rule]") == 1


def test_schema_and_yaml_errors_cannot_be_silenced(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [schema/]\n", encoding="utf-8")
    code, out = text_check(capsys, "policies")
    assert code == 2 and "'schema/' cannot be ignored" in out


def test_resolver_reads_each_directory_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [meta/]\n", encoding="utf-8")
    reads: list[Path] = []
    real = config.load

    def counting(source: Path, *, required: bool = False) -> config.Loaded | None:
        reads.append(source)
        return real(source, required=required)

    monkeypatch.setattr(resolve, "load", counting)
    resolver = config.Resolver()
    found = {id(resolver.for_file(f"policies/f{n}.yaml")) for n in range(100)}
    assert len(found) == 1 and reads == [repo / ".policyval.yaml"]


def test_check_without_config_still_sees_warnings_only_with_strict(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".policyval.yaml").write_text("ignore: [contact/, retention/]\n", encoding="utf-8")
    assert text_check(capsys, "policies")[0] == 0
    assert text_check(capsys, "--strict", "policies")[0] == 1


def test_readme_configuration_examples_are_valid(root: Path, tmp_path: Path) -> None:
    readme = (root / "README.md").read_text("utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(toml|yaml)\n(.*?)```", section, flags=re.S)
    examples = [(kind, body) for kind, body in blocks if "policyval: disable" not in body]
    assert {kind for kind, _ in examples} == {"toml", "yaml"}
    for kind, body in examples:
        source = tmp_path / ("pyproject.toml" if kind == "toml" else ".policyval.yaml")
        source.write_text(body, encoding="utf-8")
        loaded = config.load(source)
        assert loaded is not None and loaded.errors == () and loaded.config is not None, body
