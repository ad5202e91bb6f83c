"""Proof of identity may be asked only where there is reasonable doubt about who is asking.

GDPR Art. 12(6): "where the controller has reasonable doubts concerning the identity of the
natural person making the request ... the controller may request the provision of additional
information necessary to confirm the identity"; Art. 12(2) forbids making the exercise of
rights harder than it needs to be. The EDPB's Guidelines 01/2022 on the right of access
(section on identifying the requester) say the information asked must be proportionate, and
that a copy of an identity document is, as a rule, not an appropriate means where the person
can be identified otherwise (an account, the e-mail address the data is kept under). A policy
that demands proof of identity for every request, with no word of doubt, states a condition
the GDPR does not allow. Warning: whether the doubt exists in a given case is a fact the notice
cannot show, and the controller may apply the condition more narrowly than it writes it.

Passing example::

    schema_version: "1.1"
    rights_requests:
      identity_verification:
        status: "yes"
        method: where we have reasonable doubts about who you are, we may ask you to confirm your identity

Failing example::

    schema_version: "1.1"
    rights_requests:
      identity_verification:
        status: "yes"
        method: a copy of your ID attached to the e-mail
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue

ID = "rights/identity-proof-always"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 12(6), 12(2); EDPB Guidelines 01/2022 (identifying the requester); UK GDPR Art. 12(6)"
SUMMARY = "Proof of identity is demanded for every rights request, not only where there is reasonable doubt."

# Words by which a text limits the check to cases of doubt.
_DOUBT = ("doubt", "where necessary", "if necessary", "when necessary", "if needed", "where needed", "unable to verify")


def _checks(ctx: Context) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    found = access.mapping(ctx.mapping("rights_requests"), "identity_verification")
    if found:
        yield ("rights_requests", "identity_verification"), found
    for i, right in ctx.section("rights"):
        own = access.mapping(right, "identity_verification")
        if own:
            yield ("rights", i, "identity_verification"), own


def check(ctx: Context) -> Iterator[Issue]:
    for path, verification in _checks(ctx):
        words = " ".join(str(verification.get(k) or "") for k in ("method", "description")).lower()
        if verification.get("status") == "yes" and not any(w in words for w in _DOUBT):
            method = str(verification.get("method") or "proof of identity").strip()
            yield Issue(
                f"every request must come with {method}, but the GDPR allows asking for more only where there is "
                "reasonable doubt about who is asking (Art. 12(6)); say that identity is checked only in that case, "
                "and by proportionate means (e.g. the account or e-mail the data is kept under)",
                path,
            )
