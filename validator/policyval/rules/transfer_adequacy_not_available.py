"""A transfer rests on adequacy for a country that has none.

GDPR Art. 45(1): a transfer "may take place where the Commission has decided that the third
country ... ensures an adequate level of protection"; Art. 13(1)(f) and 14(1)(f) ask the notice
for "the existence or absence of an adequacy decision". A transfer whose only mechanism is
adequacy (``mechanisms: [adequacy_decision]``, or schema 1.1 safeguards of that kind or naming an
adequacy instrument) to a country with no decision in ``policy/facts/adequacy.json`` tells people
of a decision that does not exist, and names no safeguard that could carry the transfer.

The US decision (EU-U.S. Data Privacy Framework, Implementing Decision (EU) 2023/1795) covers
only organisations self-certified under it: adequacy claimed for the US without naming the
framework (``instrument: eu_us_dpf``) is a warning, since the recipient may be certified but the
policy does not say so.

Under the UK GDPR the table is the UK's adequacy regulations (``policy/facts/uk-adequacy.json``;
UK GDPR Art. 45A as inserted by the Data (Use and Access) Act 2025, and DPA 2018 Sch. 21 para 5,
under which EEA states count as adequate); a US recipient must be certified under the UK
Extension to the Data Privacy Framework (``uk_extension_dpf``). Where the EU and the UK GDPR
both run, a transfer naming either framework is read as that law's transfer.

A transfer that names another mechanism beside adequacy (standard contractual clauses, ...)
is no finding: "adequacy where it exists, the clauses elsewhere" is the usual reading.

Verified (search, 2026-12-02): Art. 45(1) (gdprhub.eu Article 45); Art. 13(1)(f) (gdpr text on
iproperty.hu and dr-dsgvo.de); the US decision's scope (the adequacy table's King & Spalding
source); the UK tables' sources are in uk-adequacy.json.

Passing example::

    schema_version: "1.1"
    transfers:
      - countries: [JP, CH]
        mechanisms: [adequacy_decision]
      - countries: [US]
        safeguards:
          - mechanism: adequacy_decision
            instrument: eu_us_dpf

Failing example::

    schema_version: "1.1"
    transfers:
      - countries: [IN]
        mechanisms: [adequacy_decision]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _transfer
from policyval.rules._transfer import Regime
from policyval.rules.base import Context, Issue

ID = "transfer/adequacy-not-available"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 45(1), 13(1)(f), 14(1)(f); UK GDPR Art. 45A, 13(1)(f); DPA 2018 Sch. 21 para 5"
SUMMARY = "A transfer claims adequacy for a country that has no adequacy decision (or, for the US, no certification)."

_SAFEGUARD = {
    "eu-gdpr": "the 2021 standard contractual clauses (instrument: eu_scc_2021)",
    "uk-gdpr": "the ICO's IDTA (uk_idta) or the UK Addendum to the EU clauses (uk_addendum)",
}


def check(ctx: Context) -> Iterator[Issue]:
    running = _transfer.regimes(ctx)
    certifying = {r.certified_instrument for r in running}
    for i, transfer in ctx.section("transfers"):
        if not _transfer.claims_adequacy(transfer) or _transfer.other_than_adequacy(transfer):
            continue
        for regime in running:
            yield from _unavailable(regime, i, transfer)
            yield from _uncertified(regime, i, transfer, certifying)


def _countries(transfer: dict[str, Any]) -> list[tuple[int, str]]:
    return list(enumerate(access.strings(transfer, "countries")))


def _unavailable(regime: Regime, i: int, transfer: dict[str, Any]) -> Iterator[Issue]:
    missing = [(k, c) for k, c in _countries(transfer) if not regime.at_home(c) and regime.decision(c) is None]
    if missing:
        names = ", ".join(_transfer.country_name(c) for _, c in missing)
        verb = "has" if len(missing) == 1 else "have"
        message = (
            f"{names} {verb} no {regime.decision_words}, yet adequacy is the transfer's only mechanism; "
            f"name the safeguard actually relied on (e.g. {_SAFEGUARD[regime.profile]}) or a derogation"
        )
        paths = [("transfers", i, "countries", k) for k, _ in missing]
        yield Issue(message, paths[0], related=tuple(paths[1:]))


def _uncertified(regime: Regime, i: int, transfer: dict[str, Any], certifying: set[str]) -> Iterator[Issue]:
    """A destination whose decision covers only certified recipients, with no certification named."""
    if certifying & set(_transfer.instruments(transfer)):
        return
    for k, country in _countries(transfer):
        found = regime.decision(country)
        if found is not None and not found["whole"] and not regime.at_home(country):
            message = (
                f"{regime.law} adequacy for {_transfer.country_name(country)} covers only organisations certified "
                f"under {regime.certified_name}; say that the recipient is certified (instrument: "
                f"{regime.certified_instrument}) or name the safeguard relied on (e.g. {_SAFEGUARD[regime.profile]})"
            )
            yield Issue(message, ("transfers", i, "countries", k), severity=Severity.WARNING)
