"""Kinds of legal basis, by DPV identifier, and the rights DPV says each calls for."""

from __future__ import annotations

from policyval.rules.base import vocab

# Generic DPV bases (used by non-EU regimes, or when the text does not cite Art. 6) read as
# the GDPR Art. 6(1) basis they correspond to, so DPV's rights mapping applies to them too.
DPV_AS_GDPR = {
    "dpv:Consent": "eu-gdpr:A6-1-a",
    "dpv:Contract": "eu-gdpr:A6-1-b",
    "dpv:ContractPerformance": "eu-gdpr:A6-1-b-contract-performance",
    "dpv:EnterIntoContract": "eu-gdpr:A6-1-b-enter-into-contract",
    "dpv:LegalObligation": "eu-gdpr:A6-1-c",
    "dpv:VitalInterest": "eu-gdpr:A6-1-d",
    "dpv:VitalInterestOfDataSubject": "eu-gdpr:A6-1-d-data-subject",
    "dpv:VitalInterestOfNaturalPerson": "eu-gdpr:A6-1-d-natural-person",
    "dpv:PublicInterest": "eu-gdpr:A6-1-e-public-interest",
    "dpv:OfficialAuthorityOfController": "eu-gdpr:A6-1-e-official-authority",
    "dpv:LegitimateInterest": "eu-gdpr:A6-1-f",
    "dpv:LegitimateInterestOfController": "eu-gdpr:A6-1-f-controller",
    "dpv:LegitimateInterestOfDataSubject": "eu-gdpr:A6-1-f",
    "dpv:LegitimateInterestOfThirdParty": "eu-gdpr:A6-1-f-third-party",
}


def as_gdpr(basis: str) -> str:
    return DPV_AS_GDPR.get(basis, basis)


def is_consent(basis: str) -> bool:
    # Art. 9(2)(a) is explicit consent: it can be withdrawn like any consent.
    return as_gdpr(basis).startswith("eu-gdpr:A6-1-a") or basis == "eu-gdpr:A9-2-a"


def is_legitimate_interest(basis: str) -> bool:
    return as_gdpr(basis).startswith("eu-gdpr:A6-1-f")


def is_art9(basis: str) -> bool:
    return basis.startswith("eu-gdpr:A9-2-")


def rights_called_for(basis: str) -> frozenset[str]:
    """DPV eu-gdpr rights terms (eu-gdpr:A15, ...) that apply under ``basis``; empty if DPV maps none."""
    mapping: dict[str, list[str]] = vocab()["legal_basis_rights"]
    return frozenset(mapping.get(as_gdpr(basis), ()))
