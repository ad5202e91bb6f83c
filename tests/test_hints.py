"""Messages that say what to write: the value meant, a retired value's replacement, quoting a
':' in flow YAML, and no message that lists thousands of values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyval
from policyval.check import hints

ROOT = Path(__file__).resolve().parent.parent
HEAD = 'schema_version: "1.0"\n'


def only(text: str) -> str:
    findings = policyval.validate_text(HEAD + text, "p.yaml", isolated=True)
    schema = [f for f in findings if f.rule.startswith(("schema/", "yaml/"))]
    assert len(schema) == 1, findings
    return schema[0].message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("policy:\n  applicable_laws: [{law: gdpr}]\n", "did you mean 'eu-gdpr'?"),
        ("policy:\n  applicable_laws: [{law: pipeda}]\n", "did you mean 'ca-pipeda'?"),
        ("policy:\n  jurisdictions: [UK]\n", "did you mean 'GB'? (ISO 3166-1 codes the United Kingdom as GB)"),
        ("controller:\n  country: UK\n", "did you mean 'GB'?"),
        ("controller:\n  country: EL\n", "did you mean 'GR'?"),
        ("controller:\n  country: fr\n", "did you mean 'FR'?"),
        ("contacts:\n  - id: a\n    role: dpo\n", "did you mean 'data_protection_officer'?"),
        ("transfers:\n  - id: t\n    mechanisms: [scc]\n", "did you mean 'standard_contractual_clauses'?"),
        ("transfers:\n  - id: t\n    dpv_terms: [SCCByCommission]\n", "did you mean 'eu-gdpr:SCCByCommission'?"),
    ],
)
def test_the_value_meant_is_suggested(text: str, hint: str) -> None:
    assert hint in only(text)


def test_gdpr_is_not_taken_for_the_uk_gdpr() -> None:
    assert "'uk-gdpr'?" not in only("policy:\n  applicable_laws: [{law: gdpr}]\n")


@pytest.mark.parametrize("value", ["privacy_shield", "Privacy Shield", "safe_harbor"])
def test_an_invalidated_mechanism_says_so_and_what_to_write(value: str) -> None:
    message = only(f"transfers:\n  - id: t\n    mechanisms: [{value}]\n")
    assert "invalidated" in message and "Schrems" in message
    assert "'adequacy_decision'" in message and "'none_stated'" in message


def test_a_colon_in_a_flow_list_is_read_as_yaml_1_2_says() -> None:
    # Today's main failed with "found unexpected ':'" (libyaml reads YAML 1.1). In YAML 1.2 a
    # plain scalar in a flow list may hold ':' not followed by a space: the one-pass loader
    # reads the term as written, so there is nothing to quote.
    findings = policyval.validate_text(
        HEAD + "transfers:\n  - id: t\n    dpv_terms: [eu-gdpr:SCCByCommission]\n", isolated=True
    )
    assert not [f for f in findings if f.rule.startswith(("schema/", "yaml/"))]
    data = policyval.load_text(HEAD + "transfers:\n  - id: t\n    dpv_terms: [eu-gdpr:SCCByCommission]\n")
    assert data.transfers is not None and data.transfers[0].dpv_terms == ["eu-gdpr:SCCByCommission"]


def test_no_hint_when_nothing_is_sure() -> None:
    assert hints.for_value("zzzz", ["alpha", "beta"]) == ""
    assert hints.for_value("gdpr", ["uk-gdpr", "us-ccpa"]) == "; did you mean 'uk-gdpr'?"  # no eu-gdpr to mean
    assert hints.for_syntax("found unexpected ':'", "a: [b:c]", 0) == ""


def _enums(node: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], list[str]]]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            found.append((path, node["enum"]))
        for key, value in node.items():
            found.extend(_enums(value, (*path, key)))
    elif isinstance(node, list):
        for value in node:
            found.extend(_enums(value, path))
    return found


def test_no_enum_message_lists_every_value() -> None:
    """One bad value, in every enumerated field of the schema: short messages."""
    schema = json.loads((ROOT / "schema" / "policy-1.0.schema.json").read_text("utf-8"))
    largest = max(_enums(schema), key=lambda item: len(item[1]))
    assert len(largest[1]) > 5000  # the jurisdictions
    for options in [o for _, o in _enums(schema)]:
        for value in ("not-a-value", 7, [1]):
            message = hints.for_value(value, options) if isinstance(value, str) else ""
            assert len(message) < 400
    assert len(only("policy:\n  jurisdictions: [XX]\n")) < 300
    assert len(hints.listing([str(i) for i in range(5000)])) < 100
