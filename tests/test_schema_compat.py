"""Schema 1.1 is a minor version of 1.0 (docs/schema-compatibility.md), and says what issue 11
asked it to say.

* every 1.0 document (the valid cases, the seed policies as encoded in 1.0) is still valid
  under 1.0, and with its version bumped it is valid under 1.1; every 1.0 schema error stays
  an error under 1.1;
* walked side by side, 1.1 removes, retypes, narrows or newly requires nothing of 1.0, and
  keeps every value of each closed list, in order;
* every property 1.1 adds is described, with an example, and used by a valid 1.1 case, as are
  the values the issue names;
* for code generators and editors: every object is a titled definition, referenced bare, and
  every closed list but the ISO 3166 ones is labelled.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from schemagen import restructure, v1_0, walk  # noqa: E402 - tools/ is not a package

CASES = ROOT / "tests" / "cases"
VALID_1_0 = [
    p
    for p in sorted((CASES / "valid").glob("*.yaml"))
    + sorted((ROOT / "tests" / "data" / "policies-1.0").glob("*.yaml"))
    if 'schema_version: "1.0"' in p.read_text("utf-8")
]
VALID_1_1 = sorted((CASES / "valid" / "1.1").glob("*.yaml"))
INVALID_1_0 = sorted(
    p
    for p in (CASES / "invalid" / "schema").rglob("*.yaml")
    if p.parent.name != "unknown-version" and load_text(p.read_text("utf-8")).data.get("schema_version") == "1.0"
)
S10, S11 = schemas.schema("1.0"), schemas.schema("1.1")


def data_of(path: Path) -> Any:
    return load_text(path.read_text("utf-8")).data


def schema_findings(text: str) -> list[str]:
    findings = pipeline.check_text("<doc>", text, Plan(rules=False)).findings
    return [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings if not f.rule.startswith("meta/")]


def bumped(text: str) -> str:
    assert 'schema_version: "1.0"' in text
    return text.replace('schema_version: "1.0"', 'schema_version: "1.1"', 1)


def test_the_selections_are_not_empty() -> None:
    assert len(VALID_1_0) >= 9 and len(VALID_1_1) >= 3 and len(INVALID_1_0) >= 5


@pytest.mark.parametrize("doc", VALID_1_0, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_1_0_document_is_valid_under_1_0_and_bumped_under_1_1(doc: Path) -> None:
    text = doc.read_text("utf-8")
    assert data_of(doc)["schema_version"] == "1.0"
    assert schema_findings(text) == []
    assert schema_findings(bumped(text)) == []
    assert list(schemas.validator("1.1").iter_errors(load_text(bumped(text)).data)) == []


@pytest.mark.parametrize("doc", INVALID_1_0, ids=lambda p: str(p.relative_to(CASES)))
def test_every_1_0_schema_error_stays_an_error_under_1_1(doc: Path) -> None:
    text = doc.read_text("utf-8")
    old = [f.split(" ", 2)[1] for f in schema_findings(text)]
    new = [f.split(" ", 2)[1] for f in schema_findings(bumped(text))]
    assert old and new == old  # the same errors, with the same rule ids (schema/enum for a labelled list too)


# --- 1.1 is a superset of 1.0, walked side by side ------------------------------------------------

# Keywords 1.1 may add to a 1.0 node: annotations, and the labelled form of a closed list.
ANNOTATIONS = {"title", "description", "examples", "$comment", "$ref", "oneOf"}


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def values(node: dict[str, Any]) -> list[Any] | None:
    if "enum" in node:
        return list(node["enum"])
    if "oneOf" in node:
        return [branch["const"] for branch in node["oneOf"]]
    return None


Schemas = tuple[dict[str, Any], dict[str, Any]]


def narrowed(pair: Schemas, old: dict[str, Any], new: dict[str, Any], path: str = "") -> Iterator[str]:
    """Every way ``new`` (under the newer schema) accepts less than ``old`` (under the older)."""
    o, n = resolve(pair[0], old), resolve(pair[1], new)
    if extra := set(n) - set(o) - ANNOTATIONS:
        yield f"{path}: new constraining keywords {sorted(extra)}"
    for key in (
        "type",
        "pattern",
        "additionalProperties",
        "minItems",
        "minLength",
        "minimum",
        "maximum",
        "uniqueItems",
    ):
        if o.get(key) != n.get(key):
            yield f"{path}: {key} {o.get(key)!r} -> {n.get(key)!r}"
    if "const" in o and path != "/schema_version" and o["const"] != n.get("const"):
        yield f"{path}: const changed"
    if (vo := values(o)) is not None and (values(n) or [])[: len(vo)] != vo:
        yield f"{path}: the 1.0 values are not kept, in order"
    if set(n.get("required", [])) != set(o.get("required", [])):
        yield f"{path}: required {o.get('required')} -> {n.get('required')}"
    for prop, sub in o.get("properties", {}).items():
        if prop not in n.get("properties", {}):
            yield f"{path}/{prop}: removed"
        else:
            yield from narrowed(pair, sub, n["properties"][prop], f"{path}/{prop}")
    if "items" in o:
        yield from narrowed(pair, o["items"], n["items"], f"{path}[]")


def test_1_1_removes_retypes_narrows_and_requires_nothing_of_1_0() -> None:
    assert list(narrowed((S10, S11), S10, S11)) == []
    assert set(S10["$defs"]) <= set(S11["$defs"])  # every 1.0 definition is still there, by name


def test_the_side_by_side_walk_sees_a_narrowing() -> None:
    # Guards the walk itself: a dropped value, a new required key and a retyped field are caught.
    changed = copy.deepcopy(S11)
    changed["$defs"]["end_action"]["oneOf"].pop(0)
    changed["$defs"]["tracker"]["required"].append("party")
    changed["$defs"]["children"]["properties"]["minimum_age"]["type"] = "number"
    assert list(narrowed((S10, changed), S10, changed)) == [
        "/retention[]/end_action: the 1.0 values are not kept, in order",
        "/cookies/trackers[]: required ['kind'] -> ['kind', 'party']",
        "/children/minimum_age: type 'integer' -> 'number'",
    ]


# --- what 1.1 adds: described, exemplified, and shown in a valid case ------------------------------


def object_defs(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: d for k, d in schema["$defs"].items() if d.get("type") == "object"}


def new_properties() -> set[tuple[str, str]]:
    """(definition, property) of every property 1.1 adds to an object ("" for the document),
    found by comparing the generator's tables: 1.0's objects carry the class names whose snake
    case names their 1.1 definitions."""
    extract = json.loads((ROOT / "schema" / "vocab" / "dpv-2.3.json").read_text("utf-8"))
    old = {
        ("" if name == "Policy" else restructure.snake(name)): set(node["properties"])
        for name, node in walk.objects(v1_0.build(extract))
    }
    found = {
        (name, prop)
        for name, node in object_defs(S11).items()
        for prop in node["properties"]
        if prop not in old.get(name, set())
    }
    return found | {("", prop) for prop in S11["properties"] if prop not in old[""]}


def uses(node: Any, schema_node: dict[str, Any], found: set[tuple[str, str]]) -> None:
    """Record (definition, property) for every property ``node`` sets, walking the schema with it."""
    if isinstance(node, list) and "items" in schema_node:
        for item in node:
            uses(item, schema_node["items"], found)
        return
    target = schema_node
    name = ""
    while "$ref" in target:
        name = target["$ref"].rsplit("/", 1)[1]
        target = S11["$defs"][name]
    if not isinstance(node, dict) or "properties" not in target:
        if isinstance(node, list) and "items" in target:
            uses(node, target, found)
        return
    for key, value in node.items():
        found.add((name if target is not S11 else "", key))
        uses(value, target["properties"][key], found)


def test_every_property_1_1_adds_is_shown_in_a_valid_1_1_case() -> None:
    found: set[tuple[str, str]] = set()
    for case in VALID_1_1:
        uses(data_of(case), S11, found)
    missing = sorted(p for p in new_properties() - found if p[1] != "evidence")  # evidence: as in 1.0
    assert missing == [], f"show these in tests/cases/valid/1.1/: {missing}"


# Values issue 11 names ("Vocabulary", "Rights", "Cookies and trackers", "Transfers", ...).
NAMED_VALUES = {
    "law": [
        "us-ccpa",
        "us-ca-cpra",
        "us-va-vcdpa",
        "us-co-cpa",
        "us-ct-ctdpa",
        "uk-gdpr",
        "uk-dpa-2018",
        "ca-qc-law-25",
        "ca-privacy-act",
        "br-lgpd",
    ],
    "right_kind": [
        "know",
        "erasure",
        "rectification",
        "opt_out_sale_sharing",
        "limit_sensitive",
        "non_discrimination",
        "appeal",
    ],
    "transfer_instrument": ["eu_scc_2021", "eu_us_dpf", "privacy_shield", "safe_harbor", "bcr_controller", "uk_idta"],
    "consent_model": ["prior_opt_in", "browser_settings", "opt_out_link", "implied", "none"],
    "tracker_kind": ["social_plugin", "web_beacon"],
    "tracker_context": ["email"],
    "transfer_region": ["worldwide"],
    "recipient_role": ["public"],
    "end_action": ["destruction", "deletion", "anonymisation"],
    "absence_topic": ["dpo", "sale"],
    "claim_kind": ["anonymised"],
    "signal_kind": ["gpc", "dnt"],
    "opt_out_link_kind": ["do_not_sell_or_share", "limit_sensitive"],
    "document_relation": ["incorporated"],
    "channel_type": ["in_product_setting", "web_form"],
    "requirement_basis": ["statutory", "contractual", "contract_entry"],
}


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def test_the_values_the_issue_names_are_shown_in_a_valid_1_1_case() -> None:
    shown = {s for case in VALID_1_1 for s in strings(data_of(case))}
    for name, wanted in NAMED_VALUES.items():
        assert set(wanted) <= set(values(S11["$defs"][name]) or []), name
        assert sorted(set(wanted) - shown) == [], name


def test_every_new_property_has_a_description_and_an_example() -> None:
    missing = []
    for owner, prop in sorted(new_properties()):
        node = (S11["properties"] if owner == "" else S11["$defs"][owner]["properties"])[prop]
        target = resolve(S11, node)
        if not (node.get("description") or target.get("description")):
            missing.append(f"{owner}.{prop}: description")
        if prop != "evidence" and not (node.get("examples") or target.get("examples")):
            missing.append(f"{owner}.{prop}: examples")
    assert missing == []


# --- named types for code generators, labels for editors ------------------------------------------


def subschemas(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from subschemas(sub, f"{pointer}/{key}/{name}")
            elif key == "items":
                yield from subschemas(value, f"{pointer}/items")
            elif key == "oneOf":
                for i, sub in enumerate(value):
                    yield from subschemas(sub, f"{pointer}/oneOf/{i}")


def test_every_object_is_a_titled_definition_referenced_bare() -> None:
    inline = [p for p, n in subschemas(S11) if p and n.get("type") == "object" and p.count("/") != 2]
    assert inline == []
    assert [k for k, d in object_defs(S11).items() if not d.get("title")] == []
    bare = [
        p
        for p, n in subschemas(S11)
        if "$ref" in n and len(n) > 1 and S11["$defs"][n["$ref"].rsplit("/", 1)[1]].get("type") in ("object", "array")
    ]
    assert bare == []


def test_every_closed_list_but_iso_3166_is_labelled() -> None:
    plain = [p for p, n in subschemas(S11) if "enum" in n]
    assert plain == ["/$defs/country", "/$defs/jurisdiction"]
    for name, node in S11["$defs"].items():
        if "oneOf" in node:
            consts = [b["const"] for b in node["oneOf"]]
            assert node["type"] == "string" and "title" not in node, name
            assert len(consts) == len(set(consts)), name
            assert all(set(b) == {"const", "description"} and b["description"].strip() for b in node["oneOf"]), name
