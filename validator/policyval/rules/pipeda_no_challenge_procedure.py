"""A PIPEDA policy must say how to challenge the organisation's compliance.

PIPEDA Schedule 1, principle 4.10 (Challenging Compliance): "An individual shall be able
to address a challenge concerning compliance with the above principles to the designated
individual or individuals accountable", and 4.10.2 requires complaint procedures that are
"easily accessible". Declare ``right: challenge_compliance`` (with ``exercise_via``), or a
contact with role ``complaints``.

Passing example::

    schema_version: "1.0"
    rights:
      - right: challenge_compliance
        exercise_via: [privacy]
    contacts:
      - id: privacy
        role: privacy_officer
        channels:
          - type: email
            value: privacy@example.ca

Failing example::

    schema_version: "1.0"
    rights:
      - right: access
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "pipeda/no-challenge-procedure"
SEVERITY = Severity.ERROR
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.10"
SUMMARY = "No way to challenge the organisation's compliance."


def check(ctx: Context) -> Iterator[Issue]:
    if "challenge_compliance" in ctx.rights():
        return
    if any(contact.get("role") == "complaints" for _, contact in ctx.section("contacts")):
        return
    path, key = where_missing(ctx, "rights")
    message = (
        "the policy does not say how to challenge its compliance; add right: challenge_compliance "
        "with exercise_via naming the accountable person, or a contact with role complaints"
    )
    yield Issue(message, path, key=key)
