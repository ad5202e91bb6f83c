"""Declared jurisdictions should come with the law the policy is written under.

The jurisdictions say where the policy addresses people; ``applicable_laws`` says which
law (GDPR, PIPEDA, ...) it answers to, and policyval chooses its rule profiles from both.
Jurisdictions without any applicable law leave the legal frame unstated.

Passing example::

    schema_version: "1.0"
    policy:
      jurisdictions: [FR]
      applicable_laws:
        - law: eu-gdpr

Failing example::

    schema_version: "1.0"
    policy:
      jurisdictions: [FR]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "meta/no-applicable-law"
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 3; PIPEDA s. 4"
SUMMARY = "Jurisdictions are declared without an applicable law."


def check(ctx: Context) -> Iterator[Issue]:
    policy = ctx.mapping("policy")
    if policy.get("jurisdictions") and not policy.get("applicable_laws"):
        places = ", ".join(str(j) for j in policy["jurisdictions"])
        message = (
            f"jurisdictions ({places}) are declared but no applicable law; add policy.applicable_laws "
            "(e.g. law: eu-gdpr), as the text names them"
        )
        yield Issue(message, ("policy", "jurisdictions"), key=True)
