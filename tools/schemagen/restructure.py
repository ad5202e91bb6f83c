"""Passes that turn a version's table into the shape code generators and editors read well,
without changing which documents it accepts (schema 1.1 on; 1.0 is released as it is).

* ``named_types``: every object becomes a ``$defs`` entry with a ``title`` (its class name in
  words, so that json-schema-to-typescript and datamodel-code-generator name the type as the
  models do), referenced by a bare ``$ref``;
* ``bare_refs``: a ``$ref`` to an object or to ``evidence`` loses its sibling keywords, and one
  to another list (``channels``) is written out as a list of its items, keeping its own
  description;
* ``label``: the closed lists become labelled definitions (``oneOf`` of ``const``), at the
  places that held them as ``enum``.
"""

from __future__ import annotations

import re
from typing import Any

from schemagen.dsl import META, choices, labelled
from schemagen.walk import is_object


def snake(name: str) -> str:
    """'PolicyInfo' -> 'policy_info': the $defs key of a class."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def words(name: str) -> str:
    """'PolicyInfo' -> 'Policy info': a title generators turn back into 'PolicyInfo'."""
    return snake(name).replace("_", " ").capitalize()


def named_types(table: dict[str, Any]) -> dict[str, Any]:
    """``table`` with every object a titled definition. A property keeps its own metadata
    (a section's ``$policyval:title``) beside the reference that replaces the object."""
    defs: dict[str, Any] = {}

    def hoist(node: Any) -> Any:
        if isinstance(node, list):
            return [hoist(x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {k: hoist(v) for k, v in node.items()}
        if not is_object(out):
            return out
        name = str(out[META + "name"])
        kept = {k: out.pop(k) for k in [META + "title"] if k in out}
        _define(defs, snake(name), {"title": words(name), **out})
        return {"$ref": f"#/$defs/{snake(name)}", **kept}

    for key, node in table["$defs"].items():
        top = {k: hoist(v) for k, v in node.items()}
        if node.get("type") in ("object", "array"):
            top = {"title": words(str(node.get(META + "name", key.title().replace("_", "")))), **top}
        _define(defs, key, top)
    out = {k: v for k, v in table.items() if k not in ("properties", "$defs")}
    out["properties"] = {k: hoist(v) for k, v in table["properties"].items()}
    out["$defs"] = defs
    return {k: out[k] for k in table}


def _define(defs: dict[str, Any], key: str, node: dict[str, Any]) -> None:
    # One object used in several places (a shared definition) must be the same everywhere.
    if key in defs and defs[key] != node:
        raise ValueError(f"two different objects would both be $defs/{key}")
    defs[key] = node


def bare_refs(table: dict[str, Any], named_lists: tuple[str, ...] = ("evidence",)) -> dict[str, Any]:
    """References to objects and to the ``named_lists`` without siblings (each is one named type);
    a reference to another list, with its own description, is written out as a list of its items."""
    defs = table["$defs"]

    def fix(node: Any) -> Any:
        if isinstance(node, list):
            return [fix(x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {k: fix(v) for k, v in node.items()}
        target = out.get("$ref")
        if not isinstance(target, str):
            return out
        meta = {k: v for k, v in out.items() if k.startswith(META)}
        name = target.removeprefix("#/$defs/")
        definition = defs[name]
        if is_object(definition) or name in named_lists:
            return {"$ref": target, **meta}
        if definition.get("type") == "array" and "description" in out:
            return {"type": "array", "description": out["description"], "items": definition["items"], **meta}
        return out

    return {**table, "properties": fix(table["properties"]), "$defs": fix(defs)}


def label(
    table: dict[str, Any], lists: dict[str, tuple[str, dict[str, str]]], sites: list[tuple[str, str, str]]
) -> None:
    """Add the labelled ``lists`` to ``$defs`` and put them where ``sites`` say, in place.

    A site is (definition, property, list): ``"sources[]"`` names the items of a list. Each
    ``enum`` replaced must be the list's first values, in order (a version only adds values)."""
    defs = table["$defs"]
    for name, (description, labels) in lists.items():
        _define(defs, name, labelled(description, labels))
    for owner, prop, target in sites:
        props = defs[owner]["properties"]
        key = prop.removesuffix("[]")
        holder, slot = (props[key], "items") if prop.endswith("[]") else (props, key)
        site = holder[slot]
        old, new = choices(site), list(lists[target][1])
        if old is None or new[: len(old)] != old:
            raise ValueError(f"$defs/{owner}.{prop}: {target} must start with the values {old}")
        holder[slot] = {
            "$ref": f"#/$defs/{target}",
            **{k: v for k, v in site.items() if k in ("description", "examples")},
        }
