"""The rule catalogue: every semantic rule, registered explicitly (no discovery magic).

Each rule is one module with a ``RULE``; its docstring explains the rule and gives a
passing and a failing example (``policyval explain RULE`` prints it). Adding a rule means
writing its module, importing it here, and giving it test cases.
"""

from __future__ import annotations

import difflib

from policyval.rules import (
    basis_consent_without_withdrawal,
    basis_no_art9_condition,
    basis_no_legal_basis,
    basis_no_legitimate_interest,
    contact_malformed_address,
    contact_missing_contact,
    contact_no_controller_name,
    contact_unreachable_officer,
    evidence_quote_not_in_source,
    evidence_source_not_found,
    meta_no_applicable_law,
    meta_no_effective_date,
    pipeda_no_access_procedure,
    pipeda_no_accountable_person,
    pipeda_no_challenge_procedure,
    recipient_unidentified,
    ref_duplicate_id,
    ref_purpose_without_data,
    ref_unknown_id,
    ref_unused_data_category,
    retention_no_retention_period,
    retention_vague_retention,
    rights_no_access,
    rights_no_complaint,
    rights_no_erasure,
    rights_no_objection,
    rights_no_portability,
    rights_no_rectification,
    rights_no_restriction,
    transfer_no_safeguard,
)
from policyval.rules.base import Rule

# Catalogue order: how `policyval rules` and the README list them.
RULES: tuple[Rule, ...] = (
    ref_unknown_id.RULE,
    ref_duplicate_id.RULE,
    ref_unused_data_category.RULE,
    ref_purpose_without_data.RULE,
    contact_no_controller_name.RULE,
    contact_missing_contact.RULE,
    contact_malformed_address.RULE,
    contact_unreachable_officer.RULE,
    retention_no_retention_period.RULE,
    retention_vague_retention.RULE,
    basis_no_legal_basis.RULE,
    basis_no_legitimate_interest.RULE,
    basis_no_art9_condition.RULE,
    basis_consent_without_withdrawal.RULE,
    rights_no_access.RULE,
    rights_no_rectification.RULE,
    rights_no_erasure.RULE,
    rights_no_restriction.RULE,
    rights_no_objection.RULE,
    rights_no_portability.RULE,
    rights_no_complaint.RULE,
    transfer_no_safeguard.RULE,
    recipient_unidentified.RULE,
    meta_no_effective_date.RULE,
    meta_no_applicable_law.RULE,
    pipeda_no_accountable_person.RULE,
    pipeda_no_access_procedure.RULE,
    pipeda_no_challenge_procedure.RULE,
    evidence_source_not_found.RULE,
    evidence_quote_not_in_source.RULE,
)

_BY_ID = {rule.id: rule for rule in RULES}
if len(_BY_ID) != len(RULES):  # pragma: no cover - caught by the tests at once
    raise RuntimeError("two rules share an id")


def ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def get(rule_id: str) -> Rule | None:
    """The rule with this id, or None."""
    return _BY_ID.get(rule_id)


def suggest(rule_id: str) -> str | None:
    """The registered id closest to a mistyped one, for 'did you mean'."""
    close = difflib.get_close_matches(rule_id, list(_BY_ID), n=1, cutoff=0.5)
    return close[0] if close else None


__all__ = ["RULES", "Rule", "get", "ids", "suggest"]
