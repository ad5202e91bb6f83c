"""A Québec policy must publish the title of the person in charge of the protection of personal information.

CQLR c. P-39.1, s. 3.1 (as amended by S.Q. 2021, c. 25): "the person exercising the highest
authority shall see to ensuring that this Act is implemented and complied with. The person
shall exercise the function of person in charge of the protection of personal information;
the person may delegate all or part of that function in writing ... The title and contact
information of the person in charge of the protection of personal information must be
published on the enterprise's website". "Must be published": an error. Wording verified
against two copies of s. 3.1 (the publication sentence identical in both); the legisquebec
text of s. 3.2, which s. 3.1 precedes, was read for the governance part.

Declare a contact with role ``privacy_officer``, ``accountable_person`` or
``data_protection_officer`` and give its ``title`` (a ``name`` alone is not a title, but it
is accepted: a named person is published). How to reach that person is
``contact/unreachable-officer`` (baseline), so a contact without a channel is not reported
twice.

Passing example::

    schema_version: "1.1"
    contacts:
      - id: privacy
        role: privacy_officer
        title: Person in charge of the protection of personal information
        channels:
          - type: email
            value: privacy@example.ca

Failing example::

    schema_version: "1.1"
    contacts:
      - id: privacy
        role: accountable_person
        channels:
          - type: email
            value: privacy@example.ca
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue, where_missing

ID = "qc/no-person-in-charge"
SEVERITY = Severity.ERROR
PROFILES = ("ca-qc-law25",)
REFERENCE = "CQLR c. P-39.1, s. 3.1"
SUMMARY = "The title of the person in charge of the protection of personal information is not published."

_FIX = (
    "publish the title and contact information of the person in charge of the protection of personal "
    "information (by default the person exercising the highest authority in the enterprise, e.g. its "
    "president); add a contact with role privacy_officer, its title and an e-mail or postal address"
)


def check(ctx: Context) -> Iterator[Issue]:
    officers = [(i, c) for i, c in ctx.section("contacts") if c.get("role") in terms.OFFICER_ROLES]
    if not officers:
        path, key = where_missing(ctx, "contacts")
        yield Issue(
            f"the policy names no person in charge of the protection of personal information; {_FIX}", path, key
        )
        return
    if any(c.get("title") or c.get("name") for _, c in officers):
        return
    (first, contact), others = officers[0], officers[1:]
    message = f"the person in charge '{contact.get('id')}' is given without a title or name; {_FIX}"
    yield Issue(message, ("contacts", first), related=tuple(("contacts", i) for i, _ in others))
