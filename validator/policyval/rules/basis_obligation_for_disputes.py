"""A legal obligation given as the basis for enforcing or defending rights.

GDPR Art. 6(1)(c): processing is lawful where it "is necessary for compliance with a legal
obligation to which the controller is subject", and Art. 6(3) requires that obligation to be
"laid down by (a) Union law; or (b) Member State law to which the controller is subject".
Enforcing one's own rights, or a third party's, and establishing, exercising or defending
legal claims are not such an obligation: the GDPR treats them as interests a controller may
pursue, the "compelling legitimate grounds" of Art. 21(1) ("or for the establishment,
exercise or defence of legal claims"), so they rest on Art. 6(1)(f), with the interest
stated (Art. 13(1)(d)). The ICO's guidance on the lawful basis of legal obligation says the
same for the UK GDPR: it is for "a common law or statutory obligation" and does not cover
contractual obligations (verified in the ICO's Guide to the GDPR, "Legal obligation", as
republished under the Open Government Licence; GDPR text on GDPRhub, Articles 6 and 21).

This rule reports a purpose of dispute management (DPV ``dpv:DisputeManagement``: enforcing
rights, handling legal claims and litigation) whose only legal bases are legal obligations
(``eu-gdpr:A6-1-c``, ``dpv:LegalObligation``), its own or a policy-level basis that names it.
A dispute a law makes the controller take part in (a court order to disclose) is a
disclosure for legal compliance (``dpv:LegalCompliance``), which this rule does not read.

Severity: warning. The basis stated looks wrong rather than missing, and a rare statute may
oblige a controller to pursue a claim; the message says which basis to examine.

Passing example::

    schema_version: "1.1"
    purposes:
      - id: enforce-rights
        dpv_term: dpv:DisputeManagement
        legal_bases:
          - basis: eu-gdpr:A6-1-f
        legitimate_interest: establishing and defending our legal claims

Failing example::

    schema_version: "1.1"
    purposes:
      - id: enforce-rights
        description: enforce our legal rights
        dpv_term: dpv:DisputeManagement
    legal_bases:
      - basis: eu-gdpr:A6-1-c
        purposes: [enforce-rights]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue

ID = "basis/obligation-for-disputes"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 6(1)(c), 6(3), 6(1)(f), 21(1), 13(1)(c)-(d); UK GDPR Art. 6(1)(c), 6(3), 6(1)(f)"
SUMMARY = "Enforcing or defending rights given a legal obligation as its basis (it is a legitimate interest)."

_DISPUTES = frozenset({"dpv:DisputeManagement"})
_OBLIGATION = "eu-gdpr:A6-1-c"


def _only_obligation(ctx: Context, purpose: dict[str, object]) -> bool:
    bases = [terms.as_gdpr(str(b.get("basis"))) for b in ctx.bases_of(purpose) if "basis" in b]
    return bool(bases) and all(b == _OBLIGATION for b in bases)


def check(ctx: Context) -> Iterator[Issue]:
    for i, purpose in ctx.section("purposes"):
        if purpose.get("dpv_term") in _DISPUTES and _only_obligation(ctx, purpose):
            what = purpose.get("description") or purpose.get("id")
            yield Issue(
                f"purpose '{what}' rests only on a legal obligation (Art. 6(1)(c)), but enforcing or defending rights "
                "is no obligation a law lays down; rely on legitimate interests (Art. 6(1)(f)) and state the interest, "
                "or name the law that obliges you",
                ("purposes", i),
            )
