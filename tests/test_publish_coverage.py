"""Every property path of every schema version is handled by diff, render and export, or
listed by them as deliberately ignored, with the reason.

"Handled" is not taken on trust: for each path a publisher claims, two documents are built
that differ only at that path (from the schema itself), and the publisher's output must
differ too. So a field added to the schema fails here until diff judges it (publish/changes.py
TABLE), the notice shows it or says why not (publish/notice.py IGNORED), and the JSON-LD
export carries it or says why not (publish/jsonld.py IGNORED).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from policyval.policy import schemas, shape
from policyval.publish import changes, export, jsonld, notice

PATHS = [(v, p, k) for v in shape.VERSIONS for p, k in shape.PATHS[v]]
LEAVES = [(v, p) for v, p, k in PATHS if k == "leaf"]
# Two values per kind of string the schema constrains by pattern (examples do not vary).
_PATTERNED = {
    "^[a-z][a-z0-9_-]{0,63}$": ["alpha", "beta"],
    "^https?://\\S+$": ["https://one.example/a", "https://two.example/b"],
}


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {
            **schema["$defs"][node["$ref"].removeprefix("#/$defs/")],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def sample(schema: dict[str, Any], node: dict[str, Any], n: int) -> Any:
    """A value the schema accepts at ``node``; ``n`` = 0 and 1 give two different ones."""
    node = resolve(schema, node)
    if "const" in node:
        return node["const"]
    choices = node.get("enum") or [b["const"] for b in node.get("oneOf", []) if "const" in b]
    if choices:
        return choices[n % len(choices)]
    kind = node.get("type")
    if kind == "object":
        return {key: sample(schema, node["properties"][key], 0) for key in node.get("required", [])}
    if kind == "array":
        return [sample(schema, node["items"], n)]
    if kind == "boolean":
        return n == 0
    if kind == "integer":
        return node.get("minimum", 0) + 1 + n
    if node.get("pattern") in _PATTERNED:
        return _PATTERNED[node["pattern"]][n]
    examples = node.get("examples") or []
    if len(examples) > n:
        return examples[n]
    if "pattern" in node:  # dates, durations, language tags: the examples give one; vary it
        return {0: examples[0], 1: _other(examples[0])}[n] if examples else pytest.fail(f"no sample for {node}")
    return f"text {n}"


def _other(example: str) -> str:
    """A second value of a patterned kind from its one example (2024-05-25 -> 2024-05-26)."""
    return example[:-1] + ("2" if example[-1] != "2" else "3")


def build(schema: dict[str, Any], node: dict[str, Any], keys: list[str], value: Any) -> Any:
    """The smallest valid-looking document with ``value`` at ``keys``."""
    node = resolve(schema, node)
    if not keys:
        return value
    if keys[0] == "*":
        return [build(schema, node["items"], keys[1:], value)]
    out = {key: sample(schema, node["properties"][key], 0) for key in node.get("required", []) if key != keys[0]}
    out[keys[0]] = build(schema, node["properties"][keys[0]], keys[1:], value)
    return out


def pair(version: str, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two documents of schema ``version`` that differ only at the leaf ``path``."""
    schema = schemas.schema(version)
    keys = path.replace("[]", ".*").split(".")
    node: dict[str, Any] = schema
    for key in keys:
        node = resolve(schema, node["items"] if key == "*" else node["properties"][key])
    first, second = (sample(schema, node, n) for n in (0, 1))
    assert first != second, f"{path}: the schema allows one value only"
    return build(schema, schema, keys, first), build(schema, schema, keys, second)


def varied(version: str, path: str) -> bool:
    node: dict[str, Any] = schemas.schema(version)
    for key in path.replace("[]", ".*").split("."):
        node = resolve(schemas.schema(version), node["items"] if key == "*" else node["properties"][key])
    return "const" not in node


CLAIMED = [(v, p) for v, p in LEAVES if varied(v, p)]


@pytest.mark.parametrize(("version", "path", "kind"), PATHS, ids=lambda x: str(x))
def test_diff_judges_or_ignores_every_path(version: str, path: str, kind: str) -> None:
    assert changes.covered(path), f"{path}: add it to publish.changes.TABLE (with its verdicts) or IGNORED (why)"


def test_diff_tables_name_only_real_paths() -> None:
    known = {p for _, p, _ in PATHS}
    assert {p for p in changes.TABLE if not p.startswith("**.")} <= known
    assert all(any(k.endswith(p[2:]) for k in known) for p in changes.TABLE if p.startswith("**."))
    assert {p for p in changes.IGNORED if not p.startswith("**.")} <= known


@pytest.mark.parametrize(("version", "path"), [x for x in CLAIMED if changes.ignored(x[1]) is None], ids=str)
def test_diff_reports_a_change_at_every_judged_path(version: str, path: str) -> None:
    old, new = pair(version, path)
    found = changes.compare(old, new)
    assert found, f"{path}: changed from {old} to {new}, and diff saw nothing"
    assert {c.section for c in found} <= {path.split(".")[0].removesuffix("[]"), "transfers"}


# Every structure a notice can take (publish/structures.py), and a policy under two laws
# (GDPR, with the CCPA's parts the GDPR's do not cover).
LAYOUTS = {
    "gdpr": ("eu-gdpr",),
    "uk-gdpr": ("uk-gdpr",),
    "ca-pipeda": ("ca-pipeda",),
    "ca-qc-law25": ("ca-pipeda", "ca-qc-law25"),
    "us-ccpa": ("us-ccpa",),
    "baseline": ("baseline",),
    "gdpr+us-ccpa": ("eu-gdpr", "us-ccpa"),
}


def test_every_structure_is_rendered_here() -> None:
    assert {layout.split("+")[0] for layout in LAYOUTS} == set(notice.STRUCTURES)


def test_every_structure_places_every_builder_once() -> None:
    builders = {name.removeprefix("b_") for name in dir(notice.NoticeBuilder) if name.startswith("b_")}
    for structure in notice.STRUCTURES.values():
        placed = [b for part in structure.parts for b in part.builds]
        # The CCPA's table shows what the data table shows; the other structures show the data table.
        expected = builders - ({"data"} if "ccpa_categories" in placed else {"ccpa_categories"})
        expected -= set() if structure.id in ("ca-pipeda", "ca-qc-law25") else {"accuracy"}
        assert sorted(placed) == sorted(expected), structure.id


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("version", "path"), [x for x in CLAIMED if notice.ignored(x[1]) is None], ids=str)
def test_the_notice_shows_every_path_it_does_not_ignore(version: str, path: str, layout: str) -> None:
    old, new = pair(version, path)
    profiles = LAYOUTS[layout]
    for fmt in notice.FORMATS:
        assert notice.render(old, fmt, profiles) != notice.render(new, fmt, profiles), (
            f"{path}: not shown in the {fmt} notice under {layout}"
        )


@pytest.mark.parametrize(("version", "path"), [x for x in CLAIMED if jsonld.ignored(x[1]) is None], ids=str)
def test_the_jsonld_export_carries_every_path_it_does_not_ignore(version: str, path: str) -> None:
    old, new = pair(version, path)

    def exported(data: dict[str, Any]) -> str:
        # A policy without a URL gets an IRI hashed from its content: any change would alter
        # it, so the IRI is set aside to see whether the field itself is exported.
        text = json.dumps(jsonld.to_jsonld(data))
        return text if path == "policy.url" else text.replace(jsonld.base_iri(data), "BASE")

    assert exported(old) != exported(new), f"{path}: not in the JSON-LD"


@pytest.mark.parametrize(("version", "path"), CLAIMED, ids=str)
def test_the_json_export_is_the_data_itself(version: str, path: str) -> None:
    old, new = pair(version, path)
    assert export.canonical(export.identity(old)) != export.canonical(export.identity(new))


@pytest.mark.parametrize("module", [notice, jsonld, changes], ids=lambda m: m.__name__)
def test_every_ignored_path_says_why(module: Any) -> None:
    assert module.IGNORED, "a publisher lists what it leaves out"
    assert all(len(reason) > 20 for reason in module.IGNORED.values())
