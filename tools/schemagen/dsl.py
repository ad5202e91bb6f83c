"""Building blocks of the schema tables.

Each helper returns a plain JSON Schema node. A node may also carry generator metadata
under keys that start with ``$policyval:``; ``public`` strips them, so they never reach a
published schema (released files stay byte for byte what they were):

* ``$policyval:name``: the class name of an object in the typed views and the models;
* ``$policyval:ref``: for a list of ids, the top-level list whose ids it names;
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


def ref(name: str, description: str) -> dict[str, Any]:
    # 2020-12 allows siblings next to $ref, so every property keeps its own description.
    return {"$ref": f"#/$defs/{name}", "description": description}


def text(description: str, **kw: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **kw}


def ids(description: str, *, to: str) -> dict[str, Any]:
    """A list of ids of entries of the top-level list ``to``."""
    return {**arr(description, {"$ref": "#/$defs/id"}, uniqueItems=True), META + "ref": to}


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
