"""Building blocks of the schema tables.

Each helper returns a plain JSON Schema node. A node may also carry generator metadata
under keys that start with ``$policyval:``; ``public`` strips them, so they never reach a
published schema (released files stay byte for byte what they were):

* ``$policyval:name``: the class name of an object in the typed views and the models;
* ``$policyval:ref``: for an id or a list of ids, the top-level list whose ids it names;
* ``$policyval:title``: a top-level section's human title (diff, notice headings).
"""

from __future__ import annotations

from typing import Any

META = "$policyval:"


def s(description: str, **kw: Any) -> dict[str, Any]:
    return {"description": description, **kw}


def obj(
    name: str, description: str, props: dict[str, Any], required: list[str] | None = None, **kw: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "description": description, "additionalProperties": False}
    out["properties"] = props
    if required:
        out["required"] = required
    out.update(kw)
    out[META + "name"] = name
    return out


def arr(description: str, items: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": items, **kw}


def ref(name: str, description: str, **kw: Any) -> dict[str, Any]:
    # 2020-12 allows siblings next to $ref, so every property keeps its own description
    # (from 1.1 on, only references to scalars keep it: see ``use``).
    return {"$ref": f"#/$defs/{name}", "description": description, **kw}


def text(description: str, **kw: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **kw}


def ids(description: str, *, to: str, **kw: Any) -> dict[str, Any]:
    """A list of ids of entries of the top-level list ``to``."""
    return {**arr(description, {"$ref": "#/$defs/id"}, uniqueItems=True, **kw), META + "ref": to}


def one_id(description: str, *, to: str, **kw: Any) -> dict[str, Any]:
    """The id of one entry of the top-level list ``to``."""
    return {**ref("id", description), **kw, META + "ref": to}


def use(name: str) -> dict[str, Any]:
    """A bare reference to a definition: code generators then name its type once (a sibling
    description makes json-schema-to-typescript fork numbered copies: Evidence1 ... Evidence22)."""
    return {"$ref": f"#/$defs/{name}"}


def listof(name: str, description: str, **kw: Any) -> dict[str, Any]:
    """A list of a defined object, described where it is used."""
    return arr(description, use(name), **kw)


def labelled(description: str, labels: dict[str, str], **kw: Any) -> dict[str, Any]:
    """A closed list of strings, each value with the label editors show on completion and hover.

    ``oneOf`` of ``const`` + ``description``: standard keywords, so strict consumers (ajv) accept
    it, where ``enumDescriptions`` is not JSON Schema. Untitled: json-schema-to-typescript
    inlines it as a union of literals instead of naming (and numbering) a type per use."""
    return {
        "description": description,
        "type": "string",
        "oneOf": [{"const": value, "description": label} for value, label in labels.items()],
        **kw,
    }


def choices(node: dict[str, Any]) -> list[Any] | None:
    """The values a node allows when it is a closed list (``enum``, or ``oneOf`` of ``const``)."""
    if "enum" in node:
        return list(node["enum"])
    branches = node.get("oneOf")
    if isinstance(branches, list) and branches and all(isinstance(b, dict) and "const" in b for b in branches):
        return [b["const"] for b in branches]
    return None


def titled(title: str, node: dict[str, Any]) -> dict[str, Any]:
    """A top-level section with its human title."""
    return {**node, META + "title": title}


def public(node: Any) -> Any:
    """``node`` without generator metadata: what a schema file holds."""
    if isinstance(node, dict):
        return {k: public(v) for k, v in node.items() if not (isinstance(k, str) and k.startswith(META))}
    if isinstance(node, list):
        return [public(v) for v in node]
    return node
