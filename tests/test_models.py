"""The pydantic models and the published schemas say the same thing, version by version.

* every valid case and every file in policies/ loads into the models of its own version, and
  back to the same data; each valid 1.0 document, with its version bumped, into 1.1's too;
* every structurally invalid case is rejected by the models and by policyval;
* field names, required fields, nested objects and Literal values match the schema's, recursively.
"""

from __future__ import annotations

import importlib
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic.fields import FieldInfo

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.policy import schemas
from policyval.policy.models import MODULES
from policyval.policy.models import v1_0 as models
from policyval.policy.models.v1_0 import Policy

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
GOOD = sorted((CASES / "valid").rglob("*.yaml")) + sorted((ROOT / "policies").glob("*.yaml"))
GOOD += sorted((ROOT / "tests" / "data" / "policies-1.0").glob("*.yaml"))
BAD = sorted((CASES / "invalid" / "schema").rglob("*.yaml"))
SCHEMA = schemas.schema(models.VERSION)


def data_of(path: Path) -> Any:
    return load_text(path.read_text("utf-8")).data


def policy_model(version: Any) -> type[BaseModel]:
    """The Policy model of a version (the latest's for a version this policyval does not know)."""
    module = MODULES.get(version, MODULES[schemas.latest()]) if isinstance(version, str) else MODULES[schemas.latest()]
    model: type[BaseModel] = importlib.import_module(module).Policy
    return model


@pytest.mark.parametrize("path", GOOD, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_documents_load_and_round_trip(path: Path) -> None:
    data = data_of(path)
    policy = policy_model(data["schema_version"]).model_validate(data)
    assert policy.to_data() == data  # type: ignore[attr-defined]
    if data["schema_version"] == "1.0":  # a 1.0 document, its version bumped, is a 1.1 document
        bumped = {**data, "schema_version": "1.1"}
        assert policy_model("1.1").model_validate(bumped).to_data() == bumped  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", BAD, ids=lambda p: str(p.relative_to(CASES)))
def test_structurally_invalid_cases_are_rejected_by_both(path: Path) -> None:
    findings = list(pipeline.check_path(str(path), path, Plan(rules=False)).findings)
    assert any(f.rule.startswith("schema/") for f in findings)
    data = data_of(path)
    with pytest.raises(ValidationError):
        policy_model(data.get("schema_version") if isinstance(data, dict) else None).model_validate(data)


def test_selection_is_not_empty() -> None:
    assert GOOD and BAD


def test_models_are_frozen_and_closed() -> None:
    policy = Policy.model_validate(data_of(CASES / "valid" / "complete-gdpr.yaml"))
    with pytest.raises(ValidationError):
        policy.schema_version = "1.0"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Policy.model_validate({"schema_version": "1.0", "unknown": 1})


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({"children": {"minimum_age": 15.0}}, True),  # JSON Schema: 15.0 is an integer
        ({"children": {"minimum_age": True}}, False),  # and true is not
        ({"children": {"minimum_age": "15"}}, False),  # no coercion from text
        ({"children": {"minimum_age": 26}}, False),
        ({"policy": {"jurisdictions": ["FR", "FR"]}}, False),  # uniqueItems
        ({"policy": {"jurisdictions": ["CA-QC", "EU"]}}, True),
        ({"policy": {"evidence": [""]}}, False),  # minLength
        ({"policy": {"evidence": []}}, False),  # minItems
        ({"retention": [{"duration": "P"}]}, False),  # the lookahead in the duration pattern
        ({"retention": [{"duration": "P1Y6M"}]}, True),
        ({"$schema": "https://policyval.dev/schema/policy-1.0.schema.json"}, True),
        ({"rights": [{"right": "erasur"}]}, False),  # a labelled list in 1.1, an enum in 1.0
        ({"data_categories": [{"id": "x", "dpv_term": "pd:EmailAddress"}]}, True),  # a long list: _term
        ({"data_categories": [{"id": "x", "dpv_term": "pd:EmailAdress"}]}, False),
    ],
)
@pytest.mark.parametrize("version", schemas.versions())
def test_models_agree_with_the_schema_on_edge_values(change: dict[str, Any], valid: bool, version: str) -> None:
    data = {"schema_version": version, **change}
    schema_valid = not list(schemas.validator(version).iter_errors(data))
    assert schema_valid is valid
    try:
        policy_model(version).model_validate(data)
        model_valid = True
    except ValidationError:
        model_valid = False
    assert model_valid is valid


# --- the shapes, recursively ----------------------------------------------------------


def resolve(node: dict[str, Any], schema: dict[str, Any] = SCHEMA) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def choices(node: dict[str, Any]) -> set[Any] | None:
    """The values of a closed list: an enum, or (1.1) a labelled list, oneOf of const."""
    if "enum" in node:
        return set(node["enum"])
    if "oneOf" in node:
        return {branch["const"] for branch in node["oneOf"]}
    return None


def parts(annotation: Any) -> list[Any]:
    """Every type inside an annotation: Optional, list, Annotated and Literal unwrapped."""
    found = [annotation]
    for arg in typing.get_args(annotation):
        if typing.get_origin(annotation) is not typing.Literal:
            found += parts(arg)
    return found


def model_in(annotation: Any) -> type[BaseModel]:
    (model,) = {p for p in parts(annotation) if isinstance(p, type) and issubclass(p, BaseModel)}
    return model


def literal_in(annotation: Any) -> set[Any] | None:
    literals = [p for p in parts(annotation) if typing.get_origin(p) is typing.Literal]
    return set(typing.get_args(literals[0])) if literals else None


def checked_by_validator(field: FieldInfo) -> bool:
    # pydantic keeps a required field's Annotated metadata on the field, an optional one's in the type.
    metadata = [*field.metadata, *(m for p in parts(field.annotation) for m in getattr(p, "__metadata__", ()))]
    return any(isinstance(m, AfterValidator) for m in metadata)


def compare(
    node: dict[str, Any], model: type[BaseModel], where: str, seen: list[str], schema: dict[str, Any] = SCHEMA
) -> None:
    fields = {f.alias or name: f for name, f in model.model_fields.items()}
    assert set(fields) == set(node["properties"]), where
    required = {name for name, f in fields.items() if f.is_required()}
    assert required == set(node.get("required", [])), where
    seen.append(where)
    for name, prop in node["properties"].items():
        here = f"{where}/{name}"
        annotation = fields[name].annotation
        target = resolve(prop, schema)
        if target.get("type") == "array":
            target = resolve(target["items"], schema)
        if target.get("type") == "object":
            compare(target, model_in(annotation), here, seen, schema)
        elif "const" in target:
            assert literal_in(annotation) == {target["const"]}, here
        elif (allowed := choices(target)) is not None:
            literal = literal_in(annotation)
            if literal is not None:
                assert literal == allowed, here
            else:  # a large vocabulary, checked against the schema's own list
                assert checked_by_validator(fields[name]), here


@pytest.mark.parametrize("version", schemas.versions())
def test_fields_match_the_schema_recursively(version: str) -> None:
    seen: list[str] = []
    compare(schemas.schema(version), policy_model(version), "", seen, schemas.schema(version))
    assert len(seen) > (60 if version == "1.1" else 20)  # every object was visited, not just the top


@pytest.mark.parametrize("version", schemas.versions())
def test_every_model_class_is_reached_from_policy(version: str) -> None:
    module = importlib.import_module(MODULES[version])
    reached: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        reached.add(model)
        for f in model.model_fields.values():
            for p in parts(f.annotation):
                if isinstance(p, type) and issubclass(p, BaseModel) and p not in reached:
                    walk(p)

    walk(module.Policy)
    exported = {getattr(module, n) for n in module.__all__}
    assert exported == reached


def test_every_schema_version_has_its_models() -> None:
    assert list(MODULES) == list(schemas.versions())
    assert isinstance(Policy.model_fields["schema_uri"].annotation, types.UnionType)
