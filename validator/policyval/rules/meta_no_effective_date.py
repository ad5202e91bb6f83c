"""A policy should say from when it applies.

People need to know which version of a policy applied to them: the EDPB transparency
guidelines (WP260 rev.01, para. 29) ask for a dated policy, and every change to be
announced. The rule fires when the policy has neither ``effective_date`` nor
``last_updated``; most policies date themselves by their last revision, and that is
enough to tell versions apart.

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
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 12(1); WP260 rev.01 para. 29"
SUMMARY = "The policy has neither an effective date nor a last-updated date."


def check(ctx: Context) -> Iterator[Issue]:
    policy = ctx.mapping("policy")
    if not policy.get("effective_date") and not policy.get("last_updated"):
        path, key = where_missing(ctx, "policy")
        message = "the policy has no date; add policy.effective_date (or last_updated) as the text gives it"
        yield Issue(message, path, key=key)
