"""A claim that the data is anonymous, beside data that names people.

GDPR Art. 4(1): personal data is "any information relating to an identified or identifiable
natural person". Recital 26: "The principles of data protection should therefore not apply
to anonymous information, namely information which does not relate to an identified or
identifiable natural person or to personal data rendered anonymous in such a manner that
the data subject is not or no longer identifiable" (verified on overview.legal, GDPR Recital
26). A name, an e-mail or postal address, a phone number, a photo or an ID document
identifies a person directly, so data that holds them is not anonymous. Telling people
"our databases are anonymized" while keeping such data misinforms them: Art. 5(1)(a)
(processed "in a transparent manner") and Art. 12(1) (information that is "concise,
transparent, intelligible").

The rule reads schema 1.1 ``claims`` with ``claim: anonymised`` or ``not_identifying``: a
claim on listed ``data_categories`` is contradicted when one of them is directly identifying
(``pd:Name``, ``pd:EmailAddress``, ``pd:PhysicalAddress``, ``pd:TelephoneNumber``,
``pd:Contact``, ``pd:Picture``, ``pd:OfficialID``...); a claim on no category is about all
the data, and is contradicted by any such category in the policy. Data a purpose uses to
authenticate or verify people (``dpv:IdentityAuthentication``, ``dpv:IdentityVerification``:
a cookie that "recalls the User's password") relates to an identified person by what it is
for, so a claim on it is contradicted too. Anonymising data at the end of its retention
(``end_action: anonymisation``) is no claim and is not checked.

The same holds under PIPEDA, where personal information is "information about an
identifiable individual" (s. 2(1)) and the policies must be "generally understandable"
(Sch. 1, 4.8.1), and under Quebec's Act, s. 2 (information that "allows that person to be
identified, directly or indirectly"; verified on legisquebec.gouv.qc.ca, P-39.1).

Severity: warning. The document contradicts itself, but it cannot show which half is true:
the claim may be meant for a part of the data the policy does not single out. One finding
names every contradicted claim and the identifying data.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: email
        dpv_term: pd:EmailAddress
      - id: stats
        dpv_term: pd:BrowsingBehaviour
    claims:
      - claim: anonymised
        data_categories: [stats]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: email
        dpv_term: pd:EmailAddress
    claims:
      - claim: anonymised
        description: our databases are anonymized
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "consistency/anonymised-claim-contradicted"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr", "ca-pipeda", "ca-qc-law25")
REFERENCE = (
    "GDPR Art. 4(1), 5(1)(a), 12(1); Recital 26; UK GDPR Art. 4(1), 5(1)(a); PIPEDA s. 2(1), Sch. 1, 4.8.1; "
    "Quebec P-39.1 s. 2"
)
SUMMARY = "The policy calls data anonymised while it lists data that identifies people."

_CLAIMS = ("anonymised", "not_identifying")


_AUTHENTICATION = frozenset({"dpv:IdentityAuthentication", "dpv:IdentityVerification"})


def _authenticating(ctx: Context) -> dict[str, str]:
    """Categories a purpose uses to authenticate or verify people (they identify by use), each
    with the first such purpose."""
    found: dict[str, str] = {}
    for _, p in ctx.section("purposes"):
        if p.get("dpv_term") in _AUTHENTICATION:
            for ref in access.strings(p, "data_categories"):
                found.setdefault(ref, str(p.get("id")))
    return found


def _identifying(ctx: Context, claim: dict[str, Any], by_use: dict[str, str]) -> list[str]:
    """The identifying categories a claim covers (all the policy's, when it lists none), quoted,
    those identifying by use (``by_use``) with the purpose that authenticates with them."""
    scope = set(access.strings(claim, "data_categories"))
    found = []
    for _, c in ctx.section("data_categories"):
        ref = str(c.get("id"))
        if scope and ref not in scope:
            continue
        if c.get("dpv_term") in terms.IDENTIFYING:
            found.append(f"'{ref}'")
        elif ref in by_use:
            found.append(f"'{ref}' (purpose '{by_use[ref]}' authenticates people with it)")
    return found


def check(ctx: Context) -> Iterator[Issue]:
    by_use = _authenticating(ctx)  # once, not once per claim
    found = [(i, c, _identifying(ctx, c, by_use)) for i, c in ctx.section("claims") if c.get("claim") in _CLAIMS]
    found = [(i, c, ids) for i, c, ids in found if ids]
    if not found:
        return
    said = quoted([str(found[0][1].get("description") or found[0][1].get("claim"))])
    if len(found) > 1:
        said += f" (and {len(found) - 1} more such claim{'s' if len(found) > 2 else ''})"
    data = ", ".join(dict.fromkeys(d for _, _, ids in found for d in ids))
    message = (
        f"the policy says {said}, but it also processes {data}, which identify people; remove the claim, or say "
        "exactly which data is anonymised (its data_categories) and how"
    )
    paths = [("claims", i) for i, _, _ in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
