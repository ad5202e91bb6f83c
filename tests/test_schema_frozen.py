"""Released schemas are a contract: their bytes never change, and each keeps its own $id.

Services validate documents with the schema they downloaded, by its $id. Editing a released
file would silently change what those services accept, so the bytes are pinned here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from policyval.cli import main
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"

# SHA-256 of every released schema file. A release adds a line here; nothing ever edits one.
RELEASED = {
    "1.0": "5b6177767c16199c1d1f016524343dc745f76bf35cc6e16d644a96c1c0c3e138",
    "1.1": "dcd675ff820d47ece7d4ecbed4dabc3ffe2fee3ac5e1fa3779b3e5557df80854",
}

HOW_TO_CHANGE = (
    "schema/policy-{v}.schema.json is released and frozen: do not edit it. Add a new version file "
    "(schema/policy-X.Y.schema.json with its own $id), record it in schema/CHANGELOG.md, and follow "
    "docs/schema-compatibility.md to choose between a minor and a major version."
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_schema_bytes_are_unchanged(version: str) -> None:
    path = SCHEMA_DIR / f"policy-{version}.schema.json"
    assert path.is_file(), f"released schema {path.name} was removed; " + HOW_TO_CHANGE.format(v=version)
    assert sha256(path.read_bytes()) == RELEASED[version], HOW_TO_CHANGE.format(v=version)


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_cli_serves_the_released_bytes(version: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--version", version]) == 0
    assert sha256(capsys.readouterr().out.encode("utf-8")) == RELEASED[version]


def test_every_released_version_is_still_known() -> None:
    # Old versions stay supported: documents that declare them keep validating.
    assert set(RELEASED) <= set(schemas.versions())


def test_schema_list_names_every_version_and_each_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--list"]) == 0
    listed = capsys.readouterr().out.split()
    assert listed == list(schemas.versions())
    assert set(RELEASED) <= set(listed)
    ids = []
    for version in listed:
        assert main(["schema", "--version", version]) == 0
        printed = json.loads(capsys.readouterr().out)
        assert printed["properties"]["schema_version"]["const"] == version
        ids.append(printed["$id"])
    assert len(set(ids)) == len(ids), "every version has its own $id"
    assert all(i.endswith(f"/policy-{v}.schema.json") for i, v in zip(ids, listed, strict=True))


def test_changelog_records_every_version() -> None:
    changelog = (SCHEMA_DIR / "CHANGELOG.md").read_text("utf-8")
    for version in schemas.versions():
        assert f"## {version} " in changelog or f"## {version}\n" in changelog, version


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_changelog_records_each_released_file_and_its_hash(version: str) -> None:
    entry = (SCHEMA_DIR / "CHANGELOG.md").read_text("utf-8").split(f"## {version} ", 1)[1].split("\n## ", 1)[0]
    assert f"`schema/policy-{version}.schema.json`" in entry and f"`{RELEASED[version]}`" in entry
