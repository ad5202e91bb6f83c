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

EEA members and adequacy countries come from policyval's DPV extract (the US is not
listed: its adequacy decision covers only certified organisations, which the policy must
state as a mechanism).

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
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue

ID = "transfer/no-safeguard"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr",)
REFERENCE = "GDPR Art. 44-46, 13(1)(f), 14(1)(f)"
SUMMARY = "Data leaves the EEA with neither an adequacy decision nor a safeguard."


LEAVING_REGIONS = {
    "outside_eea": "countries outside the EEA",
    "outside_home_country": "other countries",
    "worldwide": "any country in the world",
}
_FIX = "name the adequacy decision or the safeguard relied on (e.g. standard_contractual_clauses) in its mechanisms"


def unprotected(country: str) -> bool:
    """A third country without an adequacy decision."""
    return not terms.adequate(country)


def safeguarded(transfer: dict[str, Any]) -> bool:
    """A mechanism other than none_stated, in 1.0's list or (schema 1.1) as a safeguard object."""
    named = [
        *access.strings(transfer, "mechanisms"),
        *(s.get("mechanism") for s in access.items(transfer, "safeguards")),
    ]
    return any(m != "none_stated" for m in named)


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
        places = [c for c in transfer.get("countries") or [] if unprotected(c)]
        places += [LEAVING_REGIONS[r] for r in transfer.get("regions") or [] if r in LEAVING_REGIONS]
        if places:
            message = f"data goes to {', '.join(places)} with neither an adequacy decision nor a safeguard; {_FIX}"
            yield Issue(message, ("transfers", i))
    for i, recipient in ctx.section("recipients"):
        country = recipient.get("country")
        if (
            country
            and unprotected(str(country))
            and not any(safeguarded(t) and _covers(t, recipient) for _, t in transfers)
        ):
            message = (
                f"recipient '{recipient.get('id')}' is established in {country}, outside the EEA without an "
                f"adequacy decision, and no transfer with a safeguard covers it; add a transfer for it and {_FIX}"
            )
            yield Issue(message, ("recipients", i, "country"))
