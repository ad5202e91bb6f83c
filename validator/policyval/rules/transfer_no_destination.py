"""A transfer does not say which countries the data goes to.

GDPR Art. 13(1)(f) and 14(1)(f) ask for "the fact that the controller intends to transfer
personal data to a third country ... and the existence or absence of an adequacy decision by
the Commission". Whether a decision exists can only be told country by country, and the
Article 29 Working Party's transparency guidelines (WP260 rev.01, annex, Art. 13(1)(f)) ask that
the third countries be named as far as possible. This rule fires for

* a transfer that gives neither countries nor regions (nor a recipient whose country is known):
  nothing says where the data goes;
* a transfer to a region that leaves the home area with no country named for it (``outside_eea``,
  ``outside_home_country``, ``worldwide``: "anywhere in the world where our facilities may be
  located"), even beside the countries it names as examples ("including the United States").

Severity: warning. The Regulation asks for the fact of the transfer and the existence or absence
of adequacy, which a region can convey for some destinations; naming the countries rests on the
guidelines (soft law), and WP260's exact words on naming them were not read verbatim in this
session. The UK GDPR words Art. 13(1)(f) the same way (adequacy "regulations under Article 45A").

Verified (search, 2026-12-02): Art. 13(1)(f) (iproperty.hu and dr-dsgvo.de copies of the GDPR);
WP260 rev.01 exists as cited (scribd copy of the Article 29 WP document, adopted 29 November 2017,
revised 11 April 2018); the sentence on naming countries: UNVERIFIED verbatim.

Passing example::

    schema_version: "1.1"
    transfers:
      - countries: [US, IN]
        mechanisms: [standard_contractual_clauses]
      - regions: [EEA]

Failing example::

    schema_version: "1.1"
    transfers:
      - regions: [outside_eea]
        mechanisms: [standard_contractual_clauses]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _transfer
from policyval.rules.base import Context, Issue
from policyval.rules.transfer_no_safeguard import LEAVING_REGIONS

ID = "transfer/no-destination"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(f), 14(1)(f); WP260 rev.01 annex; UK GDPR Art. 13(1)(f), 14(1)(f)"
SUMMARY = "A transfer names no country it goes to, only a region such as 'outside the EEA' or 'worldwide'."

_FIX = "name the countries the data goes to in countries, and say for each whether an adequacy decision exists"


def _recipient_countries(ctx: Context, transfer: dict[str, Any]) -> list[str]:
    recipients = access.by_id(access.items(ctx.data, "recipients"))
    named = [recipients.get(r, {}).get("country") for r in access.strings(transfer, "recipients")]
    return [str(c) for c in named if c]


def check(ctx: Context) -> Iterator[Issue]:
    for i, transfer in ctx.section("transfers"):
        countries = access.strings(transfer, "countries") + _recipient_countries(ctx, transfer)
        regions = access.strings(transfer, "regions")
        vague = " and ".join(LEAVING_REGIONS[r] for r in regions if r in LEAVING_REGIONS)
        if not countries and not regions:
            yield Issue(f"the transfer says nothing of where the data goes; {_FIX}", ("transfers", i))
        elif vague and countries:
            named = ", ".join(_transfer.country_name(c) for c in countries)
            message = f"the transfer names {named} but also {vague}, whose countries it does not name; {_FIX}"
            yield Issue(message, ("transfers", i, "regions"))
        elif vague:
            yield Issue(f"the transfer goes to {vague} with no country named; {_FIX}", ("transfers", i, "regions"))
