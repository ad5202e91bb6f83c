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
the data, and is contradicted by any such category in the policy. Anonymising data at the
end of its retention (``end_action: anonymisation``) is no claim and is not checked.

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
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 4(1), 5(1)(a), 12(1); Recital 26; UK GDPR Art. 4(1), 5(1)(a)"
SUMMARY = "The policy calls data anonymised while it lists data that identifies people."

_CLAIMS = ("anonymised", "not_identifying")


def _identifying(ctx: Context, claim: dict[str, Any]) -> list[str]:
    """The directly identifying categories a claim covers (all the policy's, when it lists none)."""
    scope = set(access.strings(claim, "data_categories"))
    return [
        str(c.get("id"))
        for _, c in ctx.section("data_categories")
        if c.get("dpv_term") in terms.IDENTIFYING and (not scope or c.get("id") in scope)
    ]


def check(ctx: Context) -> Iterator[Issue]:
    found = [(i, c, _identifying(ctx, c)) for i, c in ctx.section("claims") if c.get("claim") in _CLAIMS]
    found = [(i, c, ids) for i, c, ids in found if ids]
    if not found:
        return
    said = quoted([str(found[0][1].get("description") or found[0][1].get("claim"))])
    if len(found) > 1:
        said += f" (and {len(found) - 1} more such claim{'s' if len(found) > 2 else ''})"
    data = quoted(dict.fromkeys(d for _, _, ids in found for d in ids))
    message = (
        f"the policy says {said}, but it also processes {data}, which identify people; remove the claim, or say "
        "exactly which data is anonymised (its data_categories) and how"
    )
    paths = [("claims", i) for i, _, _ in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
