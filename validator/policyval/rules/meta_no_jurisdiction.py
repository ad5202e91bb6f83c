"""A policy that declares no jurisdiction and no law is checked by the baseline rules only.

policyval chooses its law profiles from ``policy.jurisdictions`` and
``policy.applicable_laws``, and infers nothing from the text: a postal address in Montréal
or prices in euros do not say which law the controller answers to. A policy that declares
neither is checked for consistency only, and every law's own requirements (the GDPR's Art.
13, PIPEDA's principles, ...) go unchecked. This finding names the profiles that did not
run, so that the run cannot be read as a clean bill under any of them. It is silent when
``--profile`` (or ``profiles`` in the configuration) chose profiles.

Where the text names its law or the places it addresses, declare them as it says; where it
does not, run the profiles the controller answers to with ``--profile``.

Passing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [CA-QC]

Failing example::

    schema_version: "1.1"
    policy:
      title: Privacy policy
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "meta/no-jurisdiction"
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "policyval coverage: profiles follow the declared jurisdictions and laws"
SUMMARY = "The policy declares no jurisdiction and no law, so only the baseline rules ran."


def check(ctx: Context) -> Iterator[Issue]:
    from policyval.rules import profiles  # the registry imports this module

    skipped = profiles.unapplied(ctx.data, ctx.profiles)
    if not skipped:
        return
    path, key = where_missing(ctx, "policy")
    message = (
        f"the policy declares no jurisdiction and no applicable law, so only the baseline rules ran and "
        f"{', '.join(skipped)} did not; declare policy.jurisdictions and policy.applicable_laws as the text "
        "names them, or run the profiles of the laws the controller answers to with --profile NAME"
    )
    yield Issue(message, path, key)
