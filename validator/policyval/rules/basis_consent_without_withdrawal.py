"""Consent as a basis requires telling people they can withdraw it.

GDPR Art. 7(3) gives the right to withdraw consent at any time, and Art. 13(2)(c)
requires the policy to say so "where the processing is based on point (a) of Article 6(1)
or point (a) of Article 9(2)". Declare the right with ``right: withdraw_consent``.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: newsletter
        legal_bases:
          - basis: eu-gdpr:A6-1-a
    rights:
      - right: withdraw_consent
        description: unsubscribe link in every e-mail

Failing example::

    schema_version: "1.0"
    purposes:
      - id: newsletter
        legal_bases:
          - basis: eu-gdpr:A6-1-a
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import JsonPath, Severity
from policyval.policy.terms import is_consent
from policyval.rules.base import Context, Issue

ID = "basis/consent-without-withdrawal"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 7(3), 13(2)(c), 14(2)(d); UK GDPR Art. 7(3), 13(2)(c), 14(2)(d)"
SUMMARY = "Consent is a legal basis but the right to withdraw consent is not stated."


def check(ctx: Context) -> Iterator[Issue]:
    if "withdraw_consent" in ctx.rights():
        return
    consent = [path for path, basis in ctx.legal_bases() if is_consent(basis)]
    if consent:
        message = (
            f"consent is a legal basis ({_where(ctx, consent)}) but the policy does not say it "
            "can be withdrawn; add right: withdraw_consent with how to withdraw"
        )
        yield Issue(message, consent[0])


def _where(ctx: Context, paths: list[JsonPath]) -> str:
    """'purposes a, b' for bases under purposes; 'stated at policy level' for the others (1.1)."""
    by_index = dict(ctx.section("purposes"))
    purposes = sorted({str(by_index[int(p[1])].get("id")) for p in paths if p[0] == "purposes"})
    parts = [f"purposes {', '.join(purposes)}"] if purposes else []
    if any(p[0] == "legal_bases" for p in paths):
        parts.append("stated at policy level")
    return "; ".join(parts)
