"""What the schema says at a path: the keys a mapping takes, a field's description, the
values an enum allows with their labels.

Schema 1.0 lists a vocabulary as a plain ``enum`` (its labels come from the vocabulary
extract, ``policy.terms``); schema 1.1 gives them as ``oneOf`` of ``const`` with a
``description``. Both are read. Paths hold keys and list indexes; an index of -1 stands
for any item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from policyval.findings import JsonPath
from policyval.policy import schemas, shape, terms

Schema = dict[str, Any]


def for_version(version: str | None) -> tuple[str, Schema]:
    """The schema a document names (the latest when it names none this policyval knows)."""
    chosen = version if version in schemas.versions() else schemas.latest()
    return chosen, schemas.schema(chosen)


def references(version: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    return shape.REFERENCES.get(version, shape.REFERENCES[shape.LATEST])


def sections(version: str) -> tuple[str, ...]:
    return tuple(key for key, _, _ in shape.SECTIONS.get(version, shape.SECTIONS[shape.LATEST]))


def _deref(root: Schema, node: Any) -> Iterator[Schema]:
    """``node`` and what it stands for: its $ref target and its allOf/anyOf/oneOf branches."""
    if not isinstance(node, dict):
        return
    yield node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        yield from _deref(root, target)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(key) or []:
            if isinstance(branch, dict) and "const" not in branch:
                yield from _deref(root, branch)


def at(root: Schema, path: JsonPath) -> list[Schema]:
    """Every subschema that governs the node at ``path``."""
    found = list(_deref(root, root))
    for part in path:
        step: list[Schema] = []
        for node in found:
            child = (node.get("properties") or {}).get(part) if isinstance(part, str) else node.get("items")
            step.extend(_deref(root, child))
        found = step
    return found


def properties(found: list[Schema]) -> dict[str, list[Schema]]:
    """The keys a mapping governed by ``found`` takes, in schema order."""
    out: dict[str, list[Schema]] = {}
    for node in found:
        for name, child in (node.get("properties") or {}).items():
            out.setdefault(name, []).append(child)
    return out


def is_object(found: list[Schema]) -> bool:
    return any(node.get("type") == "object" or "properties" in node for node in found)


def description(root: Schema, found: list[Schema]) -> str | None:
    """The first description: the property's own, then its definition's."""
    for node in found:
        if isinstance(node.get("description"), str):
            return str(node["description"])
    return None


@dataclass(frozen=True)
class Value:
    value: str
    label: str | None


def values(root: Schema, found: list[Schema]) -> list[Value]:
    """The values a scalar (or the items of a list of scalars) may take, with their labels."""
    out: dict[str, Value] = {}
    for node in found:
        for item in _choices(root, node):
            out.setdefault(item.value, item)
    return list(out.values())


def _choices(root: Schema, node: Schema) -> Iterator[Value]:
    for branch in node.get("oneOf") or node.get("anyOf") or []:
        if isinstance(branch, dict) and "const" in branch:
            yield Value(str(branch["const"]), branch.get("description") or _label(branch["const"]))
    for value in node.get("enum") or []:
        if isinstance(value, str):
            yield Value(value, _label(value))
    if node.get("type") == "array":
        for item in _deref(root, node.get("items")):
            yield from _choices(root, item)


def _label(value: Any) -> str | None:
    """A 1.0 enum value's label, from the vocabulary extract."""
    text = str(value)
    found = terms.labels().get(text) or terms.RIGHT_NAMES.get(text)
    return found if found and found != text else None


def type_of(found: list[Schema]) -> str | None:
    kinds = [str(node["type"]) for node in found if isinstance(node.get("type"), str)]
    return kinds[0] if kinds else None
