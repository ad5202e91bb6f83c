"""``policyval init`` then yaml-language-server: schema validation in a repository of one's own,
offline.

init writes the skeleton with an editor line that is a relative path to a copy of the schema
it writes beside the policy (``schema/``), never a URL. yaml-language-server (installed by the
README's test command into .ci/node), with the schema store off, validates the file against
that copy: the skeleton gets no diagnostic, a schema error gets one, and a change to the local
copy changes the verdict, so it is the file beside the policy that is read, not the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_editor_schema import SERVER, SETTINGS, Client

from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
EDITOR_LINE = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's repository, with a policy written by ``policyval init``."""
    root = tmp_path_factory.mktemp("mine")
    (root / ".git").mkdir()
    (root / "privacy").mkdir()
    subprocess.run(
        [sys.executable, "-m", "policyval", "init", "privacy/policy.yaml"], cwd=root, check=True, capture_output=True
    )
    return root


@pytest.fixture(scope="module")
def yamlls(repo: Path) -> Iterator[Client]:
    if not SERVER.is_file() or shutil.which("node") is None:
        (line,) = [x for x in (ROOT / ".ci" / "run").read_text("utf-8").splitlines() if x.startswith("npm install")]
        pytest.fail(f"yaml-language-server is not installed ({SERVER}). Install it with:\n  {line}")
    process = subprocess.Popen(
        [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    lsp = Client(process)
    try:
        capabilities = {"workspace": {"configuration": True}}
        lsp.request("initialize", {"processId": None, "rootUri": repo.as_uri(), "capabilities": capabilities})
        lsp.send({"method": "initialized", "params": {}})
        lsp.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": SETTINGS}}})
        yield lsp
    finally:
        process.kill()
        process.wait(timeout=10)


def test_init_points_the_editor_at_a_local_copy(repo: Path) -> None:
    first = (repo / "privacy" / "policy.yaml").read_text("utf-8").splitlines()[0]
    name = f"policy-{schemas.latest()}.schema.json"
    assert first == f"{EDITOR_LINE}schema/{name}"
    assert (repo / "privacy" / "schema" / name).read_bytes() == schemas.schema_path(schemas.latest()).read_bytes()


def test_the_skeleton_validates_offline_with_no_diagnostic(yamlls: Client, repo: Path) -> None:
    policy = repo / "privacy" / "policy.yaml"
    uri = yamlls.open(policy, policy.read_text("utf-8"))
    assert yamlls.diagnostics[uri] == []


def test_a_schema_error_is_reported_offline(yamlls: Client, repo: Path) -> None:
    policy = repo / "privacy" / "policy.yaml"
    broken = policy.read_text("utf-8") + "rights:\n  - right: erasur\n"
    uri = yamlls.open(policy.with_name("broken.yaml"), broken)
    (problem,) = yamlls.diagnostics[uri]
    assert (
        problem["source"].startswith("yaml-schema")
        and problem["range"]["start"]["line"] == len(broken.splitlines()) - 1
    )


def test_the_local_copy_is_what_is_read(yamlls: Client, repo: Path, tmp_path: Path) -> None:
    # The same skeleton beside a copy that forbids its schema_version: now it is an error.
    (tmp_path / "schema").mkdir()
    name = f"policy-{schemas.latest()}.schema.json"
    stricter = json.loads(schemas.schema_path(schemas.latest()).read_text("utf-8"))
    stricter["properties"]["schema_version"] = {"const": "0.0"}
    (tmp_path / "schema" / name).write_text(json.dumps(stricter), "utf-8")
    text = (repo / "privacy" / "policy.yaml").read_text("utf-8")
    uri = yamlls.open(tmp_path / "policy.yaml", text)
    (problem,) = yamlls.diagnostics[uri]
    assert problem["range"]["start"]["line"] == next(
        n for n, line in enumerate(text.splitlines()) if line.startswith("schema_version:")
    )
