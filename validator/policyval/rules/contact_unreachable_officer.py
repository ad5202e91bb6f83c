"""A data protection officer, privacy officer, accountable person or representative the
policy declares must come with a way to reach them.

GDPR Art. 13(1)(b) requires "the contact details of the data protection officer", Art.
27 a reachable representative, and PIPEDA 4.8.2(a) the title and address of the person
accountable. Naming the officer without an e-mail, form, phone or postal address (or with
the address left blank) does not let anyone contact them. In schema 1.1 the channels of the
organisation that provides the officer (``provided_by``) reach them too.

Passing example::

    schema_version: "1.0"
    contacts:
      - id: dpo
        role: data_protection_officer
        channels:
          - type: email
            value: dpo@shop.example.fr

Failing example::

    schema_version: "1.0"
    contacts:
      - id: dpo
        role: data_protection_officer
        name: Jane Doe
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue

ID = "contact/unreachable-officer"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(b), 27; PIPEDA 4.1, 4.8.2(a)"
SUMMARY = "A declared officer, accountable person or representative has no way to be reached."


OFFICERS = {
    "data_protection_officer": "data protection officer",
    "privacy_officer": "privacy officer",
    "accountable_person": "accountable person",
    "representative": "representative",
}


def check(ctx: Context) -> Iterator[Issue]:
    for i, contact in ctx.section("contacts"):
        role = contact.get("role")
        provider = contact.get("provided_by")  # schema 1.1: an external organisation provides the officer
        via_provider = terms.reachable(provider.get("channels")) if isinstance(provider, dict) else []
        if role in OFFICERS and not terms.reachable(contact.get("channels")) and not via_provider:
            message = (
                f"the {OFFICERS[str(role)]} '{contact.get('id')}' has no channel with an address; "
                "add how to reach them (e-mail, web form, phone or postal address)"
            )
            yield Issue(message, ("contacts", i))
