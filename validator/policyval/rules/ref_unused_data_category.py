"""Opt-in lint: a data category that no purpose lists.

No law asks a notice to map each data category to its purposes: GDPR Art. 13(1)(c) asks
for "the purposes of the processing for which the personal data are intended as well as the
legal basis", Art. 14(1)(d) for the categories of data obtained indirectly, and PIPEDA 4.8.2(c)
for "a description of the type of personal information held ... including a general account
of its use". A text that lists its data and then says in general what it uses it for is
complete under all three. So this is a data-model lint, info and off by default: select it
(``--extend-select ref/unused-data-category``) to find categories an encoding left unlinked
where the text does link them.

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
SEVERITY = Severity.INFO
DEFAULT = False  # opt-in: a data-model lint, not a legal requirement
PROFILES = ("baseline",)
REFERENCE = "policyval consistency"
SUMMARY = "A data category that no purpose uses."


def check(ctx: Context) -> Iterator[Issue]:
    used = {ref for _, purpose in ctx.section("purposes") for ref in purpose.get("data_categories") or []}
    for i, category in ctx.section("data_categories"):
        if "id" in category and category["id"] not in used:
            message = (
                f"no purpose uses data category '{category['id']}'; "
                "where the text ties it to purposes, list it under their data_categories"
            )
            yield Issue(message, ("data_categories", i, "id"))
