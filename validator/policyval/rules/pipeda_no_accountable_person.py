"""A PIPEDA policy must designate who is accountable for compliance.

PIPEDA Schedule 1, principle 4.1 (Accountability): "An organization ... shall designate
an individual or individuals who are accountable for the organization's compliance", and
4.1.2 / 4.8.2(a) make their title known. Declare a contact with role
``accountable_person`` or ``privacy_officer`` (a ``data_protection_officer`` also counts).

Passing example::

    schema_version: "1.0"
    contacts:
      - id: privacy
        role: privacy_officer
        title: Chief Privacy Officer
        channels:
          - type: email
            value: privacy@example.ca

Failing example::

    schema_version: "1.0"
    contacts:
      - id: support
        role: general
        channels:
          - type: email
            value: support@example.ca
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "pipeda/no-accountable-person"
SEVERITY = Severity.ERROR
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.1, 4.8.2(a)"
SUMMARY = "No designated individual accountable for compliance."


ACCOUNTABLE = {"accountable_person", "privacy_officer", "data_protection_officer"}


def check(ctx: Context) -> Iterator[Issue]:
    if not any(contact.get("role") in ACCOUNTABLE for _, contact in ctx.section("contacts")):
        path, key = where_missing(ctx, "contacts")
        message = (
            "no one is designated as accountable for privacy compliance; add a contact with role "
            "privacy_officer or accountable_person, with their title and how to reach them"
        )
        yield Issue(message, path, key=key)
