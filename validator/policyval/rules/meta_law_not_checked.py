"""Declared laws that no rule of this policyval checks.

A policy may declare a law policyval has no profile for (``other``, ``br-lgpd``, a US state
law without a profile yet), or one whose profile has no rules yet. Nothing that law asks of a
notice was checked, and the run must not read as if it had been: one finding names every such
law (SARIF lists each as a related location).

Passing example::

    schema_version: "1.1"
    policy:
      applicable_laws:
        - law: eu-gdpr

Failing example::

    schema_version: "1.1"
    policy:
      applicable_laws:
        - law: br-lgpd
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access, laws
from policyval.rules.base import Context, Issue

ID = "meta/law-not-checked"
SEVERITY = Severity.INFO
PROFILES = ("baseline",)
REFERENCE = "policyval coverage: the laws a profile checks (policyval rules)"
SUMMARY = "A declared law has no rule profile in policyval, so nothing it asks was checked."


def _unchecked(law: str) -> bool:
    """No profile is selected by ``law``, or none of those it selects has rules."""
    from policyval.rules import profiles  # the registry imports this module

    selects = [p.id for p in laws.PROFILES[1:] if law in p.laws]
    return len(profiles.without_rules(selects)) == len(selects)


def check(ctx: Context) -> Iterator[Issue]:
    # One list of laws, one finding: each unchecked law is named, and located as related.
    found = [
        (("policy", "applicable_laws", i, "law"), str(item.get("law")))
        for i, item in access.indexed(ctx.mapping("policy"), "applicable_laws")
        if _unchecked(str(item.get("law")))
    ]
    if found:
        named = ", ".join(f"'{law}'" for _, law in found)
        message = (
            f"policyval has no rules for {named}: nothing {'these laws ask' if len(found) > 1 else 'it asks'} of a "
            "notice was checked; review the policy against "
            f"{'them' if len(found) > 1 else 'it'} by hand (policyval rules lists the laws each profile checks)"
        )
        yield Issue(message, found[0][0], related=tuple(path for path, _ in found[1:]))
