"""A policy should say from when it applies (a note: no GDPR or PIPEDA article asks for it).

People need to know which version of a policy applied to them, and a date is how a reader
tells versions apart. The GDPR and PIPEDA do not require a notice to be dated (the
transparency guidelines, WP260 rev.01, ask that changes be brought to people's attention, not
that the notice carry a date), so this is an info note, not a warning. The CCPA does require
the date of the last update (11 CCR 7011(e)(4)); the us-ccpa profile checks that itself. The
rule fires when the policy has neither ``effective_date`` nor ``last_updated``.

Passing example::

    schema_version: "1.0"
    policy:
      title: Privacy notice
      effective_date: "2025-01-15"

Failing example::

    schema_version: "1.0"
    policy:
      title: Privacy notice
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "meta/no-effective-date"
SEVERITY = Severity.INFO
PROFILES = ("baseline",)
REFERENCE = "good practice (GDPR Art. 12(1) transparency); CCPA: 11 CCR 7011(e)(4) in us-ccpa"
SUMMARY = "The policy has neither an effective date nor a last-updated date."


def check(ctx: Context) -> Iterator[Issue]:
    policy = ctx.mapping("policy")
    if not policy.get("effective_date") and not policy.get("last_updated"):
        path, key = where_missing(ctx, "policy")
        message = "the policy has no date; add policy.effective_date (or last_updated) as the text gives it"
        yield Issue(message, path, key=key)
