"""Walking a schema table: every property with its path, its resolved node and its kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schemagen.dsl import META

Path = tuple[str, ...]  # property names, "*" for the items of an array


@dataclass(frozen=True)
class Prop:
    """One property of one object, wherever it stands."""

    path: Path
    node: dict[str, Any]  # resolved: a $ref (and that of a list's items) replaced by its definition
    required: bool

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def items(self) -> dict[str, Any] | None:
        return self.node.get("items") if self.node.get("type") == "array" else None

    @property
    def kind(self) -> str:
        """object | list (of objects) | leaf (a scalar, or a list of scalars)."""
        if is_object(self.node):
            return "object"
        if self.items is not None and is_object(self.items):
            return "list"
        return "leaf"


def is_object(node: dict[str, Any]) -> bool:
    return node.get("type") == "object" and "properties" in node


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` (to ``#/$defs/...``) replaced by the definition, siblings kept."""
    target = node.get("$ref")
    if not isinstance(target, str):
        return node
    name = target.removeprefix("#/$defs/")
    merged = dict(resolve(schema, schema["$defs"][name]))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    merged[META + "def"] = name
    return merged


def props(schema: dict[str, Any], node: dict[str, Any] | None = None, path: Path = ()) -> Iterator[Prop]:
    """Every property under ``node`` (default: the document), depth first, in schema order."""
    node = schema if node is None else node
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        resolved = resolve(schema, child)
        if resolved.get("type") == "array":
            resolved = {**resolved, "items": resolve(schema, resolved["items"])}
        prop = Prop((*path, name), resolved, name in required)
        yield prop
        if prop.kind == "object":
            yield from props(schema, prop.node, prop.path)
        elif prop.kind == "list":
            assert prop.items is not None
            yield from props(schema, prop.items, (*prop.path, "*"))


def objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(class name, object node) of every named object, each once, children before parents."""
    seen: set[str] = set()

    def definition(node: dict[str, Any]) -> dict[str, Any]:
        # The object itself, with its own description (not that of the property naming it).
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
        return node

    def visit(node: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
        for child in node.get("properties", {}).values():
            child = definition(child)
            inner = definition(child["items"]) if child.get("type") == "array" else child
            if is_object(inner):
                yield from visit(inner)
        name = node[META + "name"]
        if name not in seen:
            seen.add(name)
            yield name, node

    yield from visit(schema)


def dotted(path: Path) -> str:
    """("purposes", "*", "legal_bases") -> "purposes[].legal_bases"."""
    out = ""
    for part in path:
        out += "[]" if part == "*" else (f".{part}" if out else part)
    return out
