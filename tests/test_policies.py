"""The encoded seed policies: well-formed, and every quote really in the seed text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyval.check import pipeline
from policyval.check.load import load_text
from policyval.check.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
POLICIES = sorted((ROOT / "policies").glob("*.yaml"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quotes(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence" and isinstance(value, list):
                for i, quote in enumerate(value):
                    yield f"{path}/evidence/{i}", quote
            else:
                yield from quotes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from quotes(value, f"{path}/{i}")


def test_five_seeds_five_policies() -> None:
    assert len(SEEDS) == 5
    assert len(POLICIES) == 5
    sources = {load_text(p.read_text("utf-8")).data["policy"]["source_text"] for p in POLICIES}
    assert sources == {f"seeds/{s.name}" for s in SEEDS}


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_policy_is_schema_valid(policy: Path) -> None:
    findings = list(pipeline.check_path(str(policy), policy, Plan(rules=False)).findings)
    assert [f for f in findings if f.rule.startswith(("schema/", "yaml/", "file/"))] == []


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_every_quote_occurs_in_its_seed(policy: Path) -> None:
    data = load_text(policy.read_text("utf-8")).data
    seed = normalise((ROOT / data["policy"]["source_text"]).read_text("utf-8"))
    found = list(quotes(data))
    assert len(found) >= 10, "every statement carries its quote"
    missing = [(where, q) for where, q in found if normalise(q) not in seed]
    assert missing == []


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_policy_is_in_the_latest_schema_and_points_editors_at_it(policy: Path) -> None:
    text = policy.read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/policy-1.1.schema.json"
    assert load_text(text).data["schema_version"] == "1.1"


def test_seed_texts_are_unchanged_copies() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():  # outside the workplace the copies are all there is
        return
    for seed in SEEDS:
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


def unquoted(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[str]:
    """Statements without evidence: list entries and top-level sections (``policy`` is metadata)."""
    if isinstance(node, dict):
        is_entry = bool(path) and isinstance(path[-1], int)
        is_section = len(path) == 1 and path[0] not in ("policy", "schema_version")
        if (is_entry or is_section) and "evidence" not in node:
            yield "/".join(map(str, path))
        for key, value in node.items():
            if key != "evidence":
                yield from unquoted(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from unquoted(value, (*path, i))


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_every_statement_carries_evidence(policy: Path) -> None:
    assert list(unquoted(load_text(policy.read_text("utf-8")).data)) == []


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
def test_the_1_1_encoding_keeps_every_quote_of_the_1_0_one(policy: Path) -> None:
    """Re-encoding in 1.1 dropped no statement of 1.0: every 1.0 quote is still quoted."""
    old = ROOT / "tests" / "data" / "policies-1.0" / policy.name
    kept = {normalise(q) for _, q in quotes(load_text(policy.read_text("utf-8")).data)}
    dropped = [q for _, q in quotes(load_text(old.read_text("utf-8")).data) if normalise(q) not in kept]
    assert dropped == []
