"""What the transfer rules (GDPR Chapter V, UK GDPR Chapter V) share: the mechanisms a transfer
names, and the regime each profile judges it under.

A regime is the data in which the EU GDPR and the UK GDPR differ for the same duty: where
"home" is (the EEA; the UK), which destinations are adequate (the Commission's decisions in
``facts/adequacy.json``; the UK adequacy regulations in ``facts/uk-adequacy.json``, where EEA
states count as adequate), and which instrument makes a US recipient adequate (the EU-U.S. Data
Privacy Framework; its UK Extension). A rule runs once for every regime whose profile runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policyval.policy import access, facts, terms
from policyval.rules.base import Context

# Art. 46 / 47 safeguards, of which Art. 13(1)(f) asks the means to obtain a copy.
ART46_MECHANISMS = frozenset(
    {"standard_contractual_clauses", "binding_corporate_rules", "other_safeguards", "certification", "code_of_conduct"}
)
ADEQUACY_INSTRUMENTS = frozenset({"eu_adequacy_decision", "eu_us_dpf", "uk_extension_dpf", "swiss_us_dpf"})
# Schema 1.1 instruments that the invalid-instruments table describes (by its ids).
INVALID_INSTRUMENTS = {
    "safe_harbor": "us-safe-harbor",
    "privacy_shield": "us-privacy-shield",
    "eu_scc_2010": "scc-2010-87",
    "eu_scc_2001_2004": "scc-2001-497",
}


def _eu_decision(country: str) -> dict[str, Any] | None:
    decision = facts.adequacy_decision(country)
    if decision is None:
        return None
    return {"whole": bool(decision["whole_destination"]), "name": decision["decision"]}


def _uk_decision(country: str) -> dict[str, Any] | None:
    entry = facts.uk_adequacy(country)
    if entry is None:
        return None
    return {"whole": entry["scope"] != "certified_organisations", "name": entry["instrument"]}


@dataclass(frozen=True)
class Regime:
    """One law's view of a transfer: its profile, its words, and its tables."""

    profile: str
    law: str  # how messages name the law
    home: str  # where data is at home, in words
    decision_words: str  # "EU adequacy decision (GDPR Art. 45)"
    certified_instrument: str  # the schema 1.1 instrument that makes a US recipient adequate
    certified_name: str
    at_home: Callable[[str], bool]
    decision: Callable[[str], dict[str, Any] | None]

    def adequate(self, country: str) -> bool:
        """At home, or wholly covered by adequacy (a decision for certified recipients only is not)."""
        found = self.decision(country)
        return self.at_home(country) or (found is not None and bool(found["whole"]))


EU = Regime(
    "eu-gdpr",
    "GDPR",
    "the EEA",
    "EU adequacy decision (GDPR Art. 45)",
    "eu_us_dpf",
    "the EU-U.S. Data Privacy Framework",
    lambda c: c in terms.eea_members(),
    _eu_decision,
)
UK = Regime(
    "uk-gdpr",
    "UK GDPR",
    "the UK",
    "UK adequacy regulations (UK GDPR Art. 45A; DPA 2018 Sch. 21)",
    "uk_extension_dpf",
    "the UK Extension to the EU-U.S. Data Privacy Framework",
    lambda c: c == "GB",
    _uk_decision,
)
REGIMES = (EU, UK)


def regimes(ctx: Context) -> list[Regime]:
    """The regimes whose profile runs."""
    return [r for r in REGIMES if r.profile in ctx.profiles]


def mechanisms(transfer: dict[str, Any]) -> list[str]:
    """Every mechanism a transfer names: 1.0's list and (schema 1.1) its safeguards' kinds."""
    named = access.strings(transfer, "mechanisms")
    return named + [str(s["mechanism"]) for s in access.items(transfer, "safeguards") if "mechanism" in s]


def instruments(transfer: dict[str, Any]) -> list[str]:
    """The named instruments of a transfer's safeguards (schema 1.1)."""
    return [str(s["instrument"]) for s in access.items(transfer, "safeguards") if "instrument" in s]


def claims_adequacy(transfer: dict[str, Any]) -> bool:
    return "adequacy_decision" in mechanisms(transfer) or bool(set(instruments(transfer)) & ADEQUACY_INSTRUMENTS)


def other_than_adequacy(transfer: dict[str, Any]) -> bool:
    """A safeguard or derogation besides adequacy: the transfer does not rest on adequacy alone."""
    kinds = set(mechanisms(transfer)) - {"adequacy_decision", "none_stated"}
    return bool(kinds)


def country_name(code: str) -> str:
    """'US' -> 'United States of America (US)'."""
    return f"{terms.label(code)} ({code})"
