"""What every generated model shares: closed, strict, immutable, and checked as the schema checks.

* every object is closed (``extra="forbid"``) like the schema's ``additionalProperties: false``;
* validation is strict (no ``"15"`` for an integer, no ``true`` for a string), because JSON
  Schema does not coerce either;
* the large vocabularies (countries, jurisdictions, DPV terms, legal bases) are read from the
  bundled schema itself (``_term``), so they cannot differ from it;
* patterns are matched as ECMA-262 regular expressions (``schemas.ecma_matches``), exactly as
  policyval's own schema check and other JSON Schema consumers read them.

The models describe shape only. ``policyval.load`` builds them from a document that has
already passed the schema, so they are a typed view, not a second validator.
"""

from __future__ import annotations

from typing import Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from policyval.policy import schemas


class Model(BaseModel):
    """Base of every model: immutable, closed, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Document(Model):
    """Base of a whole policy document."""

    def to_data(self) -> dict[str, Any]:
        """The document as plain JSON data again: what was loaded, nothing added."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data


def _enum_at(version: str, pointer: str) -> frozenset[str]:
    """The values the schema allows at ``pointer``: an ``enum``, or a labelled list (``oneOf`` of ``const``)."""
    node: Any = schemas.schema(version)
    for part in pointer.split("/"):
        node = node[part]
    if "enum" in node:
        return frozenset(node["enum"])
    return frozenset(branch["const"] for branch in node["oneOf"])


def _term(version: str, pointer: str, what: str) -> AfterValidator:
    allowed = _enum_at(version, pointer)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not a known {what}")
        return value

    return AfterValidator(check)


def _unique(items: list[Any]) -> list[Any]:
    # JSON Schema uniqueItems; every unique list of the schema holds strings.
    if len(set(items)) != len(items):
        raise ValueError("lists the same item more than once")
    return items


def _json_integer(value: Any) -> Any:
    # JSON Schema counts 15.0 as an integer and true as not a number at all.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _matching(pattern: str, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not schemas.ecma_matches(pattern, value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value

    return AfterValidator(check)
