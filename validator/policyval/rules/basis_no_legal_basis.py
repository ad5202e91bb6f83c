"""Every purpose needs a legal basis.

GDPR Art. 13(1)(c) and 14(1)(c) require "the purposes of the processing ... as well as the
legal basis for the processing" for each purpose. Give the Art. 6(1) basis (and, for
special-category data, the Art. 9(2) condition) in the purpose's ``legal_bases``, or (schema
1.1) name the purpose in a policy-level basis's ``purposes``. A policy-level basis the text
ties to no purpose (``unmapped: true``) does not say which purposes rest on it.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        description: Delivering orders
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "basis/no-legal-basis"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(c), 14(1)(c); UK GDPR Art. 13(1)(c), 14(1)(c)"
SUMMARY = "A purpose without a legal basis."


def check(ctx: Context) -> Iterator[Issue]:
    for i, purpose in ctx.section("purposes"):
        if not ctx.bases_of(purpose):
            message = (
                f"purpose '{purpose.get('id')}' has no legal basis; state its GDPR Art. 6(1) basis in the "
                "policy and add it to legal_bases (e.g. basis: eu-gdpr:A6-1-b for a contract)"
            )
            yield Issue(message, ("purposes", i))
