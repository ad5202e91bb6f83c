"""Every data category should be used by at least one purpose.

GDPR Art. 13(1)(c) and PIPEDA 4.2 tie each piece of personal data to the purposes it is
processed for. A category that no purpose lists is data collected for no stated reason,
or a purpose that forgot to list it.

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
      - id: birth_date
    purposes:
      - id: newsletter
        data_categories: [email]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "ref/unused-data-category"
SEVERITY = Severity.WARNING
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(c); PIPEDA 4.2"
SUMMARY = "A data category that no purpose uses."


def check(ctx: Context) -> Iterator[Issue]:
    used = {ref for _, purpose in ctx.section("purposes") for ref in purpose.get("data_categories") or []}
    for i, category in ctx.section("data_categories"):
        if "id" in category and category["id"] not in used:
            message = (
                f"no purpose uses data category '{category['id']}'; "
                "list it under the data_categories of the purposes it serves; if the policy names none, "
                "that is the gap to fix in the policy"
            )
            yield Issue(message, ("data_categories", i, "id"))
