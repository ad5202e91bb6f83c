"""The fast schema pre-check (jsonschema-rs) never changes a verdict of the reference (jsonschema).

``schemas.surely_valid`` may say "valid" only where jsonschema finds no error; a document it
doubts goes to jsonschema, which alone writes the findings. So the report is the reference's.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan
from policyval.policy import schemas

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "tests" / "cases").rglob("*.yaml")) + sorted((ROOT / "policies").glob("*.yaml"))


def _version(data: Any) -> str:
    """The version a document declares (the latest when it declares none this policyval knows)."""
    declared = data.get("schema_version") if isinstance(data, dict) else None
    return declared if declared in schemas.versions() else schemas.latest()


def _reference_valid(data: Any) -> bool:
    return not any(True for _ in schemas.validator(_version(data)).iter_errors(data))


def _data(path: Path) -> Any:
    return load_text(path.read_text("utf-8")).data


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_verdict_on_every_case_and_policy(path: Path) -> None:
    data = _data(path)
    assert schemas.surely_valid(data, _version(data)) == _reference_valid(data)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_findings_with_and_without_the_fast_engine(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text("utf-8")
    fast = pipeline.check_text(str(path), text, Plan(rules=False)).findings
    monkeypatch.setattr(schemas, "surely_valid", lambda data, version: False)
    assert pipeline.check_text(str(path), text, Plan(rules=False)).findings == fast


@pytest.mark.parametrize("version", schemas.versions())
def test_characters_the_regex_engines_disagree_on_go_to_the_reference(version: str) -> None:
    data = {**_data(ROOT / "tests" / "cases" / "valid" / "complete-gdpr.yaml"), "schema_version": version}
    assert schemas.surely_valid(data, version)
    for odd in ("\x1c", "\x1f", "\x85", "\u2028", "\ufeff"):
        changed = copy.deepcopy(data)
        changed["policy"]["url"] = f"https://shop.example.fr/{odd}privacy"
        assert not schemas.surely_valid(changed, version)  # re rejects some of these; Rust accepts them
    for number in (2**64, float("nan"), float("inf")):
        changed = copy.deepcopy(data)
        changed["children"]["minimum_age"] = number
        assert not schemas.surely_valid(changed, version)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*path, i)))
    return out


# Mutations of a policy that uses most of the latest schema.
VERSION = schemas.latest()
SEED = _data(ROOT / "tests" / "cases" / "valid" / "1.1" / "everything.yaml")
assert SEED["schema_version"] == VERSION
PATHS = [p for p in _paths(SEED) if p]
SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["FR", "fr", "P3Y", "P", "2025-01-15", "2025-13-01", "https://x.example", "eu-gdpr", "a b"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=3))
def test_fast_valid_implies_reference_valid_on_mutated_policies(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(SEED)
    for path, value in edits:
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):  # an earlier edit replaced this branch
            continue
    if schemas.surely_valid(data, VERSION):
        assert _reference_valid(data)
