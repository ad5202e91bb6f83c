"""Every route a PIPEDA policy gives for access, correction or challenge must reach someone.

PIPEDA Sch. 1, 4.8.2: the information made available "shall include (a) the name or title,
and the address, of the person who is accountable ... and to whom complaints or inquiries
can be forwarded; (b) the means of gaining access to personal information" (proteuscyber's
copy of the Act). 4.9: an individual "shall be given access" and "shall be able to challenge
the accuracy and completeness of the information and have it amended"; 4.10: "shall be able
to address a challenge concerning compliance". A route is the ``exercise_via`` contacts (or
``controller``) and ``channels`` of the right, or of ``rights_requests`` for every right. It
reaches someone when one of them has a channel with an address, or is an in-product,
in-app, browser or e-mail-link channel (reached without an address). ``controller`` ("contact
us") also reaches the accountable person, if that person has an address.

When a policy names routes for a right and none reaches anyone: an error for access (4.8.2(b))
and for challenging compliance (4.8.2(a), 4.10), a warning for correction (4.9 gives the
right, but 4.8.2 does not list its route). A right that names no route at all is
``pipeda/no-access-procedure`` and ``pipeda/no-challenge-procedure``.

Passing example::

    schema_version: "1.1"
    contacts:
      - id: privacy
        role: privacy_officer
        title: Privacy Officer
        channels:
          - type: email
            value: privacy@example.ca
    rights:
      - right: access
        exercise_via: [privacy]

Failing example::

    schema_version: "1.1"
    contacts:
      - id: management
        role: rights_requests
        title: senior management
    rights:
      - right: access
        exercise_via: [management]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "pipeda/unreachable-route"
SEVERITY = Severity.ERROR
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.8.2(a)-(b), 4.9, 4.10"
SUMMARY = "A route to request access, correction or to challenge compliance reaches no one."

# The rights 4.8.2, 4.9 and 4.10 give a route to, with the severity and words of each.
RIGHTS = {
    "access": (None, "request access to personal information"),
    "challenge_compliance": (None, "challenge compliance"),
    "rectification": (Severity.WARNING, "have information corrected"),
}
# Channels reached inside the product or the message itself: no address is needed. The
# GDPR rules' set (terms.usable), and an in-app route, which PIPEDA's 4.9 "upon request" is
# satisfied by where the person already uses the app.
IN_PLACE = terms.SELF_LOCATED_TYPES | {"in_app"}


def _reaches(channels: Any) -> bool:
    return bool(terms.reachable(channels)) or any(c.get("type") in IN_PLACE for c in access.items({"c": channels}, "c"))


def _contact_reaches(ctx: Context, ref: str) -> bool:
    if ref == "controller":
        # "Contact us": the organization, which includes the accountable person 4.8.2(a) names
        # as the one "to whom complaints or inquiries can be forwarded".
        officers = [c for _, c in ctx.section("contacts") if c.get("role") in terms.OFFICER_ROLES]
        return any(_reaches(c.get("channels")) for c in [*(c for _, c in ctx.controllers()), *officers])
    for _, contact in ctx.section("contacts"):
        if contact.get("id") == ref:
            provider = access.mapping(contact, "provided_by")
            return _reaches(contact.get("channels")) or _reaches(provider.get("channels"))
    return False  # an unknown id is ref/unknown-id's finding


def _routes(ctx: Context, right: dict[str, Any]) -> tuple[list[str], list[Any]]:
    nodes = (right, ctx.mapping("rights_requests"))
    return [r for n in nodes for r in access.strings(n, "exercise_via")], [n.get("channels") for n in nodes]


def _via(refs: list[str]) -> str:
    if not refs:
        return "through channels that give no address"
    return f"through {quoted(refs)}, " + (
        "which gives no address" if len(refs) == 1 else "none of which gives an address"
    )


def _blocked(ctx: Context, right: dict[str, Any]) -> list[str] | None:
    """The contacts named for ``right`` when routes are named and none reaches anyone, else None."""
    refs, channels = _routes(ctx, right)
    if not refs and not any(channels):
        return None  # no route named: pipeda/no-access-procedure, pipeda/no-challenge-procedure
    if any(_contact_reaches(ctx, r) for r in refs) or any(_reaches(c) for c in channels):
        return None
    return refs


def check(ctx: Context) -> Iterator[Issue]:
    for i, right in ctx.section("rights"):
        if right.get("right") not in RIGHTS or (refs := _blocked(ctx, right)) is None:
            continue
        severity, what = RIGHTS[str(right["right"])]
        message = (
            f"the policy says to {what} {_via(refs)}; publish an e-mail, web form, phone or postal address "
            "for that route and add it as a channel with its value"
        )
        yield Issue(message, ("rights", i), severity=severity)
