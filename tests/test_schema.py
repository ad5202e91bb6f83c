"""The published schema: valid 2020-12, described, versioned, and the one the checker enforces."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = sorted((ROOT / "schema").glob("policy-*.schema.json"))


def _walk(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            out.append((f"{path}/{name}", prop))
        for key, value in node.items():
            out.extend(_walk(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_walk(value, f"{path}/{i}"))
    return out


def test_there_is_a_published_schema() -> None:
    assert [p.name for p in PUBLISHED] == ["policy-1.0.schema.json", "policy-1.1.schema.json"]


def test_schemas_are_valid_2020_12() -> None:
    for path in PUBLISHED:
        schema = json.loads(path.read_text("utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_file_name_and_id_carry_the_version() -> None:
    for path in PUBLISHED:
        schema = json.loads(path.read_text("utf-8"))
        version = path.name.removeprefix("policy-").removesuffix(".schema.json")
        assert schema["$id"].endswith(f"/policy-{version}.schema.json")
        assert schema["properties"]["schema_version"]["const"] == version


def _description(schema: dict[str, Any], prop: dict[str, Any]) -> str:
    """A property's own description, or (from 1.1 on, where a reference to an object is bare so that
    code generators name its type once) the description of the definition it references."""
    if "description" in prop or "$ref" not in prop:
        return str(prop.get("description", ""))
    return str(schema["$defs"][prop["$ref"].rsplit("/", 1)[1]].get("description", ""))


def test_every_property_has_a_description() -> None:
    for path in PUBLISHED:
        schema = json.loads(path.read_text("utf-8"))
        missing = [p for p, prop in _walk(schema) if not _description(schema, prop)]
        assert missing == []


def test_schema_has_examples_that_validate() -> None:
    for path in PUBLISHED:
        schema = json.loads(path.read_text("utf-8"))
        assert schema["examples"]
        validator = Draft202012Validator(schema)
        for example in schema["examples"]:
            assert list(validator.iter_errors(example)) == []


def test_unknown_keys_are_errors_everywhere() -> None:
    for path in PUBLISHED:
        for where, node in _walk_objects(json.loads(path.read_text("utf-8"))):
            assert node.get("additionalProperties") is False, where


def _walk_objects(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            out.append((path, node))
        for key, value in node.items():
            out.extend(_walk_objects(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_walk_objects(value, f"{path}/{i}"))
    return out


def test_checker_enforces_the_published_bytes() -> None:
    # One source of truth: what policyval validates with is the file under schema/.
    for version in schemas.versions():
        published = ROOT / "schema" / f"policy-{version}.schema.json"
        assert schemas.schema_path(version).read_bytes() == published.read_bytes()
        assert schemas.validator(version).schema == json.loads(published.read_text("utf-8"))


def test_dpv_licence_travels_with_derived_data() -> None:
    vocab = json.loads((ROOT / "schema/vocab/dpv-2.3.json").read_text("utf-8"))
    assert "World Wide Web Consortium" in vocab["license"]
    assert (ROOT / "schema/vocab/LICENSE-DPV.md").read_text("utf-8").startswith("The documents")
    for path in PUBLISHED:
        assert "World Wide Web Consortium" in json.loads(path.read_text("utf-8"))["$comment"]
