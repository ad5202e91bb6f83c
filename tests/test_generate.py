"""The schema tables are the one source of a policy's shape: the generator reproduces every
generated file, released schemas byte for byte, and its check mode fails when one is stale."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import generate  # noqa: E402 - tools/ is not a package

from policyval.policy import schemas, shape  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from test_schema_frozen import RELEASED  # noqa: E402 - the pinned hashes, in one place


def test_check_mode_passes_on_the_committed_files() -> None:
    done = subprocess.run([sys.executable, "tools/generate.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_schemas_are_reproduced_byte_for_byte(version: str) -> None:
    files = generate.outputs(generate.json.loads(generate.EXTRACT.read_text("utf-8")))
    produced = files[ROOT / "schema" / f"policy-{version}.schema.json"].encode("utf-8")
    # The SHA-256 that tests/test_schema_frozen.py pins for the released file.
    assert hashlib.sha256(produced).hexdigest() == RELEASED[version]


def test_check_mode_names_a_stale_file_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = generate.outputs
    target = generate.PACKAGE / "shape.py"
    before = target.read_text("utf-8")

    def edited(extract: dict[str, object]) -> dict[Path, str]:
        files = real(extract)
        files[target] += "# a field added to a table but not generated\n"
        return files

    monkeypatch.setattr(generate, "outputs", edited)
    assert generate.main(["--check"]) == 1
    assert "stale: validator/policyval/policy/shape.py" in capsys.readouterr().err
    assert target.read_text("utf-8") == before


def test_every_version_has_its_tables() -> None:
    assert schemas.versions() == shape.VERSIONS
    for version in shape.VERSIONS:
        sections = {key for key, _, _ in shape.SECTIONS[version]}
        assert sections == set(schemas.schema(version)["properties"]) - {"$schema", "schema_version"}
        assert {path for path, _ in shape.PATHS[version] if "." not in path and "[]" not in path} >= sections


def test_views_type_check_real_policy_data() -> None:
    # The views are importable (they are also read by mypy) and name every top-level section.
    from policyval.policy import views

    assert set(views.Policy.__annotations__) >= {key for key, _, _ in shape.SECTIONS[shape.LATEST]}


def test_views_cover_every_object_of_the_latest_schema() -> None:
    """Each titled object of the latest schema is a TypedDict of the same name (its title in
    CamelCase, as code generators name it), with the same keys, required keys and values."""
    import typing

    from policyval.policy import views

    schema = schemas.schema(shape.LATEST)
    objects = {name: node for name, node in schema["$defs"].items() if node.get("type") == "object"}
    assert len(objects) > 40
    for node in [schema, *objects.values()]:
        name = "Policy" if node is schema else "".join(w.capitalize() for w in node["title"].split())
        view = getattr(views, name)
        assert set(view.__annotations__) == set(node["properties"]), name
        assert set(view.__required_keys__) == set(node.get("required", [])), name
        hints = typing.get_type_hints(view)
        for key, prop in node["properties"].items():
            target = schema["$defs"][prop["$ref"].rsplit("/", 1)[1]] if "$ref" in prop else prop
            if "oneOf" in target and len(target["oneOf"]) <= 40:
                assert set(typing.get_args(hints[key])) == {b["const"] for b in target["oneOf"]}, (name, key)
