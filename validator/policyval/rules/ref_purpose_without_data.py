"""Every purpose should say which data categories it uses.

GDPR Art. 13(1)(c) and PIPEDA 4.2 ask for the purposes of the processing of personal
data; a purpose that lists no data category leaves the reader unable to tell what is
processed for it.

Passing example::

    schema_version: "1.0"
    data_categories:
      - id: email
    purposes:
      - id: newsletter
        data_categories: [email]

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: email
    purposes:
      - id: newsletter
        data_categories: [email]
      - id: analytics
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "ref/purpose-without-data"
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(c); PIPEDA 4.2"
SUMMARY = "A purpose that uses no data category."


def check(ctx: Context) -> Iterator[Issue]:
    for i, purpose in ctx.section("purposes"):
        if not purpose.get("data_categories"):
            message = (
                f"purpose '{purpose.get('id')}' uses no data category; "
                "list the data categories it processes in its data_categories"
            )
            yield Issue(message, ("purposes", i))
