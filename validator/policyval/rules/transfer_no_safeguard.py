"""A transfer outside the EEA needs an adequacy decision or a safeguard.

GDPR Chapter V (Art. 44-46) allows a transfer to a third country only under an adequacy
decision (Art. 45) or appropriate safeguards (Art. 46: standard contractual clauses,
binding corporate rules, ...) or a derogation (Art. 49), and Art. 13(1)(f) requires the
policy to say which. This rule fires for

* a transfer to a country outside the EEA without an adequacy decision, or to a region that
  leaves the EEA (``outside_eea``, ``outside_home_country``, ``worldwide``: "stored anywhere
  in the world"), when its ``mechanisms`` (and, schema 1.1, its ``safeguards``) are empty or
  only ``none_stated``;
* a recipient established in such a country that no transfer with a mechanism covers.

EEA members and adequacy countries come from policyval's DPV extract and the adequacy table
(the US is not adequate by itself: its adequacy decision covers only certified organisations,
which the policy must state as a mechanism). Under the UK GDPR the home is the UK and the table
is the UK adequacy regulations (``facts/uk-adequacy.json``, where EEA states are adequate); the
ICO's IDTA and the UK Addendum are safeguards like any other. Where both laws run, a country
adequate under one only is reported with the law it lacks adequacy under.

Passing example::

    schema_version: "1.0"
    transfers:
      - countries: [US]
        mechanisms: [standard_contractual_clauses]
      - countries: [CH, DE]

Failing example::

    schema_version: "1.0"
    transfers:
      - regions: [worldwide]
        mechanisms: [none_stated]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _transfer
from policyval.rules.base import Context, Issue

ID = "transfer/no-safeguard"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 44-46, 13(1)(f), 14(1)(f); UK GDPR Art. 44A-46, 13(1)(f), 14(1)(f)"
SUMMARY = "Data leaves the EEA with neither an adequacy decision nor a safeguard."


LEAVING_REGIONS = {
    "outside_eea": "countries outside the EEA",
    "outside_home_country": "other countries",
    "worldwide": "any country in the world",
}
_FIX = "name the adequacy decision or the safeguard relied on (e.g. standard_contractual_clauses) in its mechanisms"


def _lacking(ctx: Context, country: str) -> list[_transfer.Regime]:
    """The running regimes under which ``country`` is a third country without adequacy."""
    return [r for r in _transfer.regimes(ctx) if not r.adequate(country)]


def _place(ctx: Context, country: str) -> str | None:
    """How a message names an unprotected country, with the law when only some of those running lack it."""
    lacking = _lacking(ctx, country)
    if not lacking:
        return None
    if len(lacking) == len(_transfer.regimes(ctx)):
        return country
    return f"{country} (no {lacking[0].decision_words})"


def safeguarded(transfer: dict[str, Any]) -> bool:
    """A mechanism other than none_stated, in 1.0's list or (schema 1.1) as a safeguard object."""
    return any(m != "none_stated" for m in _transfer.mechanisms(transfer))


def _covers(transfer: dict[str, Any], recipient: dict[str, Any]) -> bool:
    if transfer.get("recipients"):
        return recipient.get("id") in transfer["recipients"]
    return recipient.get("country") in (transfer.get("countries") or []) or bool(
        set(transfer.get("regions") or []) & set(LEAVING_REGIONS)
    )


def check(ctx: Context) -> Iterator[Issue]:
    transfers = ctx.section("transfers")
    for i, transfer in transfers:
        if safeguarded(transfer):
            continue
        places = [p for p in (_place(ctx, c) for c in access.strings(transfer, "countries")) if p]
        places += [LEAVING_REGIONS[r] for r in transfer.get("regions") or [] if r in LEAVING_REGIONS]
        if places:
            message = f"data goes to {', '.join(places)} with neither an adequacy decision nor a safeguard; {_FIX}"
            yield Issue(message, ("transfers", i))
    for i, recipient in ctx.section("recipients"):
        country = recipient.get("country")
        if (
            country
            and _lacking(ctx, str(country))
            and not any(safeguarded(t) and _covers(t, recipient) for _, t in transfers)
        ):
            home = _lacking(ctx, str(country))[0].home
            message = (
                f"recipient '{recipient.get('id')}' is established in {country}, outside {home} without an "
                f"adequacy decision, and no transfer with a safeguard covers it; add a transfer for it and {_FIX}"
            )
            yield Issue(message, ("recipients", i, "country"))
