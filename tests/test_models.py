"""The pydantic models and the published schema 1.0 say the same thing.

* every valid case and every file in policies/ loads into the models, and back to the same data;
* every structurally invalid case is rejected by the models and by policyval;
* field names, required fields, nested objects and Literal values match the schema's, recursively.
"""

from __future__ import annotations

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
GOOD = sorted((CASES / "valid").glob("*.yaml")) + sorted((ROOT / "policies").glob("*.yaml"))
BAD = sorted((CASES / "invalid" / "schema").rglob("*.yaml"))
SCHEMA = schemas.schema(models.VERSION)


def data_of(path: Path) -> Any:
    return load_text(path.read_text("utf-8")).data


@pytest.mark.parametrize("path", GOOD, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_documents_load_and_round_trip(path: Path) -> None:
    data = data_of(path)
    policy = Policy.model_validate(data)
    assert policy.to_data() == data


@pytest.mark.parametrize("path", BAD, ids=lambda p: str(p.relative_to(CASES)))
def test_structurally_invalid_cases_are_rejected_by_both(path: Path) -> None:
    findings = list(pipeline.check_path(str(path), path, Plan(rules=False)).findings)
    assert any(f.rule.startswith("schema/") for f in findings)
    with pytest.raises(ValidationError):
        Policy.model_validate(data_of(path))


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
    ],
)
def test_models_agree_with_the_schema_on_edge_values(change: dict[str, Any], valid: bool) -> None:
    data = {"schema_version": "1.0", **change}
    schema_valid = not list(schemas.validator("1.0").iter_errors(data))
    assert schema_valid is valid
    try:
        Policy.model_validate(data)
        model_valid = True
    except ValidationError:
        model_valid = False
    assert model_valid is valid


# --- the shapes, recursively ----------------------------------------------------------


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


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


def compare(node: dict[str, Any], model: type[BaseModel], where: str, seen: list[str]) -> None:
    fields = {f.alias or name: f for name, f in model.model_fields.items()}
    assert set(fields) == set(node["properties"]), where
    required = {name for name, f in fields.items() if f.is_required()}
    assert required == set(node.get("required", [])), where
    seen.append(where)
    for name, prop in node["properties"].items():
        here = f"{where}/{name}"
        annotation = fields[name].annotation
        target = resolve(prop)
        if target.get("type") == "array":
            target = resolve(target["items"])
        if target.get("type") == "object":
            compare(target, model_in(annotation), here, seen)
        elif "const" in target:
            assert literal_in(annotation) == {target["const"]}, here
        elif "enum" in target:
            literal = literal_in(annotation)
            if literal is not None:
                assert literal == set(target["enum"]), here
            else:  # a large vocabulary, checked against the schema's own list
                assert checked_by_validator(fields[name]), here


def test_fields_match_the_schema_recursively() -> None:
    seen: list[str] = []
    compare(SCHEMA, Policy, "", seen)
    assert len(seen) > 20  # every object in the schema was visited, not just the top


def test_every_model_class_is_reached_from_policy() -> None:
    reached: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        reached.add(model)
        for f in model.model_fields.values():
            for p in parts(f.annotation):
                if isinstance(p, type) and issubclass(p, BaseModel) and p not in reached:
                    walk(p)

    walk(Policy)
    exported = {getattr(models, n) for n in models.__all__}
    assert exported == reached


def test_every_schema_version_has_its_models() -> None:
    assert list(MODULES) == list(schemas.versions())
    assert isinstance(Policy.model_fields["schema_uri"].annotation, types.UnionType)
