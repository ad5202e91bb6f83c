"""pre-commit: the published hook, run by the real pre-commit, and this repository's own hooks.

The hook environments are installed from PyPI by pre-commit itself (into a temporary
PRE_COMMIT_HOME), so the first run of these tests takes a minute or two.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from policyval import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"
BASELINE = "policies/.policyval-baseline.json"
# Installing a hook environment downloads and builds packages: be generous.
TIMEOUT = 900


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def own_hooks() -> dict[str, dict[str, Any]]:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("GIT_INDEX_FILE", None)  # set when the suite itself runs inside a git hook
    try:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # pragma: no cover - a message, not a bare timeout
        pytest.fail(f"pre-commit {' '.join(args)} took over {TIMEOUT}s (installing the hook from PyPI?): {exc}")


def describe(proc: subprocess.CompletedProcess[str]) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"


def new_repo(path: Path) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    return path


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module, so each hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


# -- the published hook -------------------------------------------------------------------


def test_hook_manifest() -> None:
    hooks = load_yaml(ROOT / ".pre-commit-hooks.yaml")
    assert [h["id"] for h in hooks] == ["policyval"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["types"]) == ("policyval check --force-exclude", "python", ["yaml"])


def test_readme_lists_every_hook_id() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for hook in load_yaml(ROOT / ".pre-commit-hooks.yaml"):
        assert re.search(rf"^\s*- id: {re.escape(hook['id'])}\s*$", readme, re.MULTILINE), hook["id"]


def test_try_repo_passes_a_good_policy_and_fails_a_bad_one(tmp_path: Path, home: Path) -> None:
    repo = new_repo(tmp_path / "user-repo")
    (repo / "policies").mkdir()
    shutil.copy(GOOD, repo / "policies" / "good.yaml")
    git(repo, "add", ".")
    passed = pre_commit(repo, home, "try-repo", str(ROOT), "policyval", "--all-files")
    assert passed.returncode == 0, describe(passed)
    assert "policyval" in passed.stdout and "Passed" in passed.stdout, describe(passed)

    bad = (repo / "policies" / "good.yaml").read_text("utf-8").replace("country: FR\n", "country: France\n", 1)
    (repo / "policies" / "bad.yaml").write_text(bad, "utf-8")
    git(repo, "add", ".")
    failed = pre_commit(repo, home, "try-repo", str(ROOT), "policyval", "--all-files")
    assert failed.returncode == 1, describe(failed)
    assert "Failed" in failed.stdout, describe(failed)
    assert re.search(r"policies/bad\.yaml:\d+:\d+: error \[schema/enum\] 'France'", failed.stdout), describe(failed)
    assert "good.yaml:" not in failed.stdout, describe(failed)


# -- this repository's own hooks ----------------------------------------------------------


def test_own_config_runs_the_expected_hooks() -> None:
    hooks = own_hooks()
    assert {"ruff", "ruff-format", "mypy", "check-yaml", "policyval"} <= hooks.keys()
    assert "--baseline " + BASELINE in hooks["policyval"]["entry"]
    assert re.fullmatch(hooks["policyval"]["files"], "policies/cameraux.yaml")


def _names(requirements: list[str]) -> dict[str, str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower().replace("_", "-"): r for r in requirements}


def test_hook_dependencies_follow_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    hooks = own_hooks()
    for hook_id in ("mypy", "policyval"):
        have = _names(hooks[hook_id]["additional_dependencies"])
        for name, requirement in _names(project).items():
            assert have.get(name) == requirement, (
                f"pyproject.toml requires {requirement!r}; copy it into the additional_dependencies "
                f"of the {hook_id} hook in .pre-commit-config.yaml"
            )


def test_seed_policies_pass_against_the_baseline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    data = json.loads((ROOT / BASELINE).read_text("utf-8"))
    assert data["version"] == "1" and data["entries"], "the baseline records the seeds' findings"
    code = cli.main(["check", "--baseline", BASELINE, "policies"])
    assert code == cli.EXIT_OK, (
        "the seed policies have findings the baseline does not accept; if that is intended, run "
        f"`policyval check --write-baseline {BASELINE} policies/` and review the diff"
    )


def _copy_of_this_repo(path: Path) -> Path:
    """What the policyval hook needs from a checkout: its config, the code, schemas, policies, seeds."""
    repo = new_repo(path)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    for name in ("validator", "schema", "policies", "seeds"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "add", ".")
    return repo


def test_own_policyval_hook_passes_and_catches_a_new_finding(tmp_path: Path, home: Path) -> None:
    repo = _copy_of_this_repo(tmp_path / "policyval-checkout")
    passed = pre_commit(repo, home, "run", "policyval", "--all-files")
    assert passed.returncode == 0, describe(passed)

    policy = sorted((repo / "policies").glob("*.yaml"))[0]
    policy.write_text(policy.read_text("utf-8") + "unexpected_section: true\n", "utf-8")
    git(repo, "add", ".")
    failed = pre_commit(repo, home, "run", "policyval", "--all-files")
    assert failed.returncode == 1, describe(failed)
    assert f"policies/{policy.name}:" in failed.stdout and "[schema/additionalProperties]" in failed.stdout, describe(
        failed
    )


# -- the README's snippet, exactly as printed ---------------------------------------------

README_URL = "https://git.example.com/policyval.git"


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)[0]


def _policyval_repo(path: Path, tag: str | None) -> Path:
    """A repository to install the hook from: this working tree's package, committed (and tagged)."""
    repo = new_repo(path)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("validator", "schema"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "release")
    if tag is not None:
        git(repo, "tag", tag)
    return repo


def _user_repo(path: Path, policyval: Path) -> Path:
    repo = new_repo(path)
    snippet = readme_snippet()
    assert snippet.count(README_URL) == 1
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace(README_URL, str(policyval)), "utf-8")
    (repo / "policies").mkdir()
    shutil.copy(GOOD, repo / "policies" / "good.yaml")
    # Configuration files under policies/ match `files: ^policies/`: never checked as policies.
    (repo / "policies" / ".policyval.yaml").write_text("ignore: [meta/no-effective-date]\n", "utf-8")
    (repo / "policies" / ".pre-commit-config.yaml").write_text("repos: []\n", "utf-8")
    git(repo, "add", ".")
    return repo


def test_readme_snippet_names_this_releases_tag() -> None:
    from policyval import __version__

    hook = load_yaml(ROOT / ".pre-commit-hooks.yaml")[0]
    snippet = YAML(typ="safe").load(readme_snippet())
    assert snippet["repos"][0]["rev"] == f"v{__version__}"
    assert [h["id"] for h in snippet["repos"][0]["hooks"]] == [hook["id"]]


def test_readme_snippet_works_as_printed(tmp_path: Path, home: Path) -> None:
    from policyval import __version__

    policyval = _policyval_repo(tmp_path / "policyval", tag=f"v{__version__}")
    repo = _user_repo(tmp_path / "user", policyval)
    passed = pre_commit(repo, home, "run", "--all-files")
    assert passed.returncode == 0, describe(passed)
    assert ".policyval.yaml" not in passed.stdout and "Passed" in passed.stdout, describe(passed)
    # Named one by one, as a commit that touches only them would name them: still never policies.
    named = pre_commit(
        repo, home, "run", "policyval", "--files", "policies/.policyval.yaml", "policies/.pre-commit-config.yaml"
    )
    assert named.returncode == 0, describe(named)

    bad = (repo / "policies" / "good.yaml").read_text("utf-8").replace("country: FR\n", "country: France\n", 1)
    (repo / "policies" / "bad.yaml").write_text(bad, "utf-8")
    git(repo, "add", ".")
    failed = pre_commit(repo, home, "run", "--all-files")
    assert failed.returncode == 1, describe(failed)
    assert re.search(r"policies/bad\.yaml:\d+:\d+: error \[schema/enum\] 'France'", failed.stdout), describe(failed)


def test_readme_says_how_to_get_a_rev_when_there_is_no_tag(tmp_path: Path, home: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "`pre-commit autoupdate --bleeding-edge` pins its newest commit" in readme
    policyval = _policyval_repo(tmp_path / "policyval", tag=None)
    repo = _user_repo(tmp_path / "user", policyval)
    untagged = pre_commit(repo, home, "run", "--all-files")
    assert untagged.returncode != 0, describe(untagged)  # the printed rev does not exist there
    updated = pre_commit(repo, home, "autoupdate", "--bleeding-edge")
    assert updated.returncode == 0, describe(updated)
    config = YAML(typ="safe").load((repo / ".pre-commit-config.yaml").read_text("utf-8"))
    assert re.fullmatch(r"[0-9a-f]{40}", config["repos"][0]["rev"]), config
    git(repo, "add", ".")
    passed = pre_commit(repo, home, "run", "--all-files")
    assert passed.returncode == 0, describe(passed)
