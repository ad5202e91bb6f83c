"""Opt-in lint: a purpose that lists no data category.

No law asks a notice to say which data each purpose uses (GDPR Art. 13(1)(c) asks for the
purposes and their legal basis; PIPEDA 4.8.2(c) for a general account of the use of the
information held). A purpose without data categories is therefore no gap in the notice;
it may be a gap in the encoding where the text does link them. Info and off by default:
select it (``--extend-select ref/purpose-without-data``) to review an encoding.

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
SEVERITY = Severity.INFO
DEFAULT = False  # opt-in: a data-model lint, not a legal requirement
PROFILES = ("baseline",)
REFERENCE = "policyval consistency"
SUMMARY = "A purpose that uses no data category."


def check(ctx: Context) -> Iterator[Issue]:
    for i, purpose in ctx.section("purposes"):
        if not purpose.get("data_categories"):
            message = (
                f"purpose '{purpose.get('id')}' uses no data category; "
                "list the data categories it processes in its data_categories"
            )
            yield Issue(message, ("purposes", i))
