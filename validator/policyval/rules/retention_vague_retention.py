"""Retention given only as "as long as necessary" is not a period.

GDPR Art. 13(2)(a) asks for the storage period or "the criteria used to determine that
period". "As long as necessary for the purposes" restates the storage-limitation
principle (Art. 5(1)(e)) without saying how long. The transparency guidelines endorsed by
the EDPB (WP260 rev.01, Annex, "Storage period") say it "is not sufficient for the data
controller to generically state that personal data will be kept as long as necessary for the
legitimate purposes of the processing", and so is any other period that decides nothing,
which schema 1.1 keeps in the text's words (``period_text``: "a reasonable period"). Give a
``duration``, an ``until`` event or the ``criteria`` used.

Severity by law: an error where the GDPR (or the UK GDPR, same wording) runs, because Art.
13(2)(a) "shall provide" the period or its criteria and this gives neither. No other profile
runs it: PIPEDA 4.5.2 asks organisations to set retention guidelines, not a notice to state a
period, and Quebec gives the period only on request (the CCPA's own rule is
ccpa/no-retention-per-category).

Passing example::

    schema_version: "1.0"
    retention:
      - as_long_as_necessary: true
        criteria: until the account is closed, then 3 years for legal claims

Failing example::

    schema_version: "1.0"
    retention:
      - as_long_as_necessary: true
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._retention import vague_wording
from policyval.rules.base import Context, Issue

ID = "retention/vague-retention"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(2)(a), 14(2)(a); WP260 rev.01 Annex (storage period); UK GDPR Art. 13(2)(a)"
SUMMARY = "Retention is only 'as long as necessary', with neither a duration nor criteria."


def check(ctx: Context) -> Iterator[Issue]:
    for i, entry in ctx.section("retention"):
        field = vague_wording(entry)
        if field is not None:
            words = "as long as necessary" if field == "as_long_as_necessary" else str(entry[field]).strip()
            message = (
                f"retention is given only as '{words}'; state a duration (e.g. P3Y), "
                "an end event (until) or the criteria that decide the period"
            )
            yield Issue(message, ("retention", i, field), key=True)
