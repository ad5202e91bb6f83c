"""The rule registry: every semantic rule, registered explicitly (no discovery magic).

A rule is one module that declares ``ID``, ``SEVERITY``, ``PROFILES``, ``REFERENCE``,
``SUMMARY``, a docstring with a passing and a failing example (``policyval explain RULE``
prints it) and ``check``; a family of near-identical rules is one module with a ``RULES``
table (``rules.rights``). Adding a rule means writing its module, listing it here, and
giving it test cases under ``tests/cases/invalid/<rule-id>/``.

The registry also says which rule ids configuration and inline comments may silence: every
semantic rule, and the few other findings after which a file is still fully checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache
from types import ModuleType

from policyval.rules import (
    basis_consent_without_withdrawal,
    basis_no_art9_condition,
    basis_no_legal_basis,
    basis_no_legitimate_interest,
    basis_obligation_for_disputes,
    ccpa,
    children_digital_consent_age,
    consistency_anonymised_claim_contradicted,
    contact_controller_not_identifiable,
    contact_malformed_address,
    contact_missing_contact,
    contact_no_controller_name,
    contact_unreachable_officer,
    contact_unusable_rights_route,
    controller_representative,
    cookies_cnil_audience_lifetime,
    cookies_consent_not_prior_opt_in,
    cookies_consent_not_stated,
    cookies_email_tracking_pixel,
    cookies_no_lifetime,
    cookies_opt_out_link_without_address,
    cookies_social_plugin_tracks_before_use,
    cookies_third_party_access_not_stated,
    evidence_low_coverage,
    evidence_quote_not_in_source,
    evidence_source_not_found,
    fr_no_post_mortem_information,
    indirect_no_data_categories,
    indirect_no_purpose,
    indirect_no_source,
    info_no_automated_decision_statement,
    info_no_requirement_statement,
    info_purpose_not_specific,
    meta_changes_not_notified,
    meta_law_not_checked,
    meta_no_applicable_law,
    meta_no_effective_date,
    meta_no_jurisdiction,
    pipeda_foreign_processing_not_disclosed,
    pipeda_no_access_procedure,
    pipeda_no_accountable_person,
    pipeda_no_challenge_procedure,
    pipeda_no_complaint_to_commissioner,
    pipeda_openness,
    pipeda_processor_accountability,
    pipeda_processor_location_unstated,
    pipeda_public_information_overstated,
    pipeda_recipient_not_introduced,
    pipeda_sensitive_without_express_consent,
    pipeda_unreachable_route,
    qc_no_communication_outside_quebec,
    qc_no_destruction,
    qc_no_person_in_charge,
    qc_no_technology_notice,
    qc_statements,
    recipient_no_role_or_data,
    recipient_unidentified,
    ref_duplicate_id,
    ref_purpose_without_data,
    ref_unknown_id,
    ref_unused_data_category,
    retention_no_retention_period,
    retention_vague_retention,
    rights,
    rights_identity_proof_always,
    rights_no_complaint,
    rights_no_marketing_objection,
    scope_employees_without_purpose,
    transfer_adequacy_not_available,
    transfer_invalid_instrument,
    transfer_no_copy_of_safeguards,
    transfer_no_destination,
    transfer_no_safeguard,
)
from policyval.rules.base import Rule

# Catalogue order: how `policyval rules` and the README list them.
_MODULES: tuple[ModuleType, ...] = (
    ref_unknown_id,
    ref_duplicate_id,
    ref_unused_data_category,
    ref_purpose_without_data,
    contact_no_controller_name,
    contact_missing_contact,
    contact_malformed_address,
    contact_unreachable_officer,
    contact_controller_not_identifiable,
    contact_unusable_rights_route,
    controller_representative,
    retention_no_retention_period,
    retention_vague_retention,
    basis_no_legal_basis,
    basis_no_legitimate_interest,
    basis_no_art9_condition,
    basis_obligation_for_disputes,
    basis_consent_without_withdrawal,
    rights,
    rights_no_complaint,
    rights_identity_proof_always,
    rights_no_marketing_objection,
    scope_employees_without_purpose,
    transfer_no_safeguard,
    info_no_automated_decision_statement,
    info_no_requirement_statement,
    info_purpose_not_specific,
    indirect_no_data_categories,
    indirect_no_purpose,
    indirect_no_source,
    transfer_invalid_instrument,
    transfer_adequacy_not_available,
    transfer_no_destination,
    transfer_no_copy_of_safeguards,
    recipient_unidentified,
    children_digital_consent_age,
    cookies_consent_not_prior_opt_in,
    cookies_consent_not_stated,
    cookies_social_plugin_tracks_before_use,
    cookies_email_tracking_pixel,
    cookies_no_lifetime,
    cookies_third_party_access_not_stated,
    cookies_cnil_audience_lifetime,
    cookies_opt_out_link_without_address,
    recipient_no_role_or_data,
    meta_no_effective_date,
    meta_no_applicable_law,
    meta_changes_not_notified,
    meta_no_jurisdiction,
    meta_law_not_checked,
    pipeda_no_accountable_person,
    pipeda_no_access_procedure,
    pipeda_no_challenge_procedure,
    fr_no_post_mortem_information,
    ccpa,
    consistency_anonymised_claim_contradicted,
    pipeda_openness,
    pipeda_unreachable_route,
    pipeda_sensitive_without_express_consent,
    pipeda_processor_accountability,
    pipeda_processor_location_unstated,
    pipeda_public_information_overstated,
    pipeda_recipient_not_introduced,
    pipeda_foreign_processing_not_disclosed,
    pipeda_no_complaint_to_commissioner,
    qc_no_person_in_charge,
    qc_no_technology_notice,
    qc_no_communication_outside_quebec,
    qc_no_destruction,
    qc_statements,
    evidence_source_not_found,
    evidence_quote_not_in_source,
    evidence_low_coverage,
)


def _rules_of(module: ModuleType) -> tuple[Rule, ...]:
    family: tuple[Rule, ...] | None = getattr(module, "RULES", None)
    return family if family is not None else (Rule.of(module),)


RULES: tuple[Rule, ...] = tuple(rule for module in _MODULES for rule in _rules_of(module))

_BY_ID = {rule.id: rule for rule in RULES}
if len(_BY_ID) != len(RULES):  # pragma: no cover - caught by the tests at once
    raise RuntimeError("two rules share an id")

# Non-semantic findings that leave the file fully checked, so may be silenced. YAML, schema,
# file and I/O errors stop rules from running: silencing them would hide that a file was not
# checked, so they can be neither ignored, re-graded nor suppressed.
SILENCEABLE = ("file/bom", "yaml/multiple-documents", "suppression/unused", "suppression/no-reason")
# Namespaces of findings that mean the file was not (fully) checked.
_UNSILENCEABLE = ("yaml", "file", "io", "internal", "schema", "config", "baseline", "suppression")


def ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def opt_in(rule_id: str) -> bool:
    """A rule that runs only when selected (``Rule.default`` is False)."""
    rule = _BY_ID.get(rule_id)
    return rule is not None and not rule.default


def default_ids() -> tuple[str, ...]:
    """The semantic rules that run when nothing selects."""
    return tuple(r.id for r in RULES if r.default)


def get(rule_id: str) -> Rule | None:
    """The rule with this id, or None."""
    return _BY_ID.get(rule_id)


def suggest(rule_id: str) -> str | None:
    """The registered id closest to a mistyped one, for 'did you mean'."""
    close = difflib.get_close_matches(rule_id, list(_BY_ID), n=1, cutoff=0.5)
    return close[0] if close else None


def configurable_ids() -> tuple[str, ...]:
    """Every id configuration may select, ignore or re-grade, in catalogue order."""
    return (*_BY_ID, *SILENCEABLE)


@cache
def _silenceable() -> frozenset[str]:
    return frozenset(configurable_ids())


def silenceable(rule: str) -> bool:
    return rule in _silenceable()


def matches(pattern: str, rule: str) -> bool:
    """A full id matches itself; ``namespace/`` matches every id in that namespace."""
    return rule == pattern or (pattern.endswith("/") and rule.startswith(pattern))


def pattern_problem(pattern: str, choices: Iterable[str]) -> tuple[str, str] | None:
    """(kind, message) when ``pattern`` names no rule among ``choices``, else None."""
    choices = tuple(choices)
    if any(matches(pattern, rule) for rule in choices):
        return None
    namespaces = sorted({rule.split("/", 1)[0] + "/" for rule in choices})
    if any(matches(pattern, rule) for rule in configurable_ids()):
        return "invalid", f"'{pattern}' is not a semantic rule; select chooses among the semantic rules only"
    if pattern.split("/", 1)[0] in _UNSILENCEABLE:
        message = (
            f"'{pattern}' cannot be ignored, re-graded or suppressed: a finding of that kind means the file was "
            f"not fully checked; fix the policy instead (only the semantic rules and {', '.join(SILENCEABLE)} can be)"
        )
        return "invalid", message
    close = difflib.get_close_matches(pattern, [*choices, *namespaces], n=1, cutoff=0.6)
    if not close and "/" not in pattern and f"{pattern}/" in namespaces:
        close = [f"{pattern}/"]
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return "unknown-rule", f"unknown rule '{pattern}'{hint} (policyval rules lists them; a namespace ends in '/')"


__all__ = ["RULES", "SILENCEABLE", "Rule", "configurable_ids", "get", "ids", "matches", "silenceable", "suggest"]
