"""A PIPEDA policy should say when personal information is processed outside Canada.

PIPEDA Sch. 1, 4.1.3: an organization "is responsible for personal information in its
possession or custody, including information that has been transferred to a third party for
processing". The OPC's Guidelines for processing personal data across borders (January 2009;
release confirmed on the OPC's blog of 27 January 2009, guideline text read only as quoted
by secondary sources) ask organizations to "make it plain to individuals that their
information may be processed in a foreign country and that it may be accessible to law
enforcement and national security authorities of that jurisdiction". Guidance, not the
Act: a warning, when the policy itself shows a recipient located outside Canada
(``recipients[].country``) that no ``transfers`` entry covers (by naming it, its country, or
a region that includes it). Schema 1.1 has no field for "accessible to foreign
authorities", so only the first half of the guidance is checked.

Passing example::

    schema_version: "1.1"
    recipients:
      - id: affiliate
        role: group_company
        category: our affiliate in Serbia
        country: RS
    transfers:
      - id: serbia
        countries: [RS]
        recipients: [affiliate]
        mechanisms: [other_safeguards]

Failing example::

    schema_version: "1.1"
    recipients:
      - id: affiliate
        role: group_company
        category: our affiliate in Serbia
        country: RS
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules import _abroad
from policyval.rules.base import Context, Issue

ID = "pipeda/foreign-processing-not-disclosed"
SEVERITY = Severity.WARNING
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.1.3; OPC Guidelines for processing personal data across borders (2009)"
SUMMARY = "Recipients outside Canada, and no statement that information may be processed abroad."


def check(ctx: Context) -> Iterator[Issue]:
    found = _abroad.uncovered(ctx)
    if not found:
        return
    message = (
        f"recipient(s) {_abroad.names(found)} are outside Canada, but the policy does not say that personal "
        "information may be processed in another country; add a transfers entry with the countries and recipients, "
        "and say that the information may then be accessible to the courts, law enforcement and national security "
        "authorities of that country"
    )
    paths = [("recipients", i) for i, _ in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
