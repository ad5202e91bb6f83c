"""Every data category needs a retention period, or the criteria that decide it.

GDPR Art. 13(2)(a) and 14(2)(a) require "the period for which the personal data will be
stored, or if that is not possible, the criteria used to determine that period"; PIPEDA
4.5 asks for retention guidelines. A data category is covered by a ``retention`` statement
that names it, names a purpose that uses it, or names neither (then it covers all data),
and gives a ``duration``, an ``until`` event or ``criteria``. In schema 1.1 ``applies_to``
says what a statement covers: ``purposes`` (or ``data_categories_for_purposes``) covers the
data only as processed for those purposes, so a category another purpose also uses needs a
statement for that purpose too. "As long as necessary" (or 1.1's ``period_text``, "a
reasonable period") alone counts as a statement but gets ``retention/vague-retention``; ``not_stated: true`` records
that the text gives no period, which is this finding. When the policy declares no data
categories, its purposes are checked instead; when it declares neither, the whole policy.

Passing example::

    schema_version: "1.0"
    data_categories:
      - id: email
    purposes:
      - id: newsletter
        data_categories: [email]
    retention:
      - purposes: [newsletter]
        until: unsubscription

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: email
      - id: invoices
    retention:
      - data_categories: [email]
        duration: P3Y
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._retention import applies_to_purpose, covered, states_something
from policyval.rules.base import Context, Issue, where_missing

ID = "retention/no-retention-period"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(2)(a), 14(2)(a); PIPEDA 4.5"
SUMMARY = "A data category (or purpose) has no retention period or criteria."


_ADD = "add a retention statement with a duration (e.g. P3Y), an end event (until) or the criteria used"


def check(ctx: Context) -> Iterator[Issue]:
    entries = [entry for _, entry in ctx.section("retention")]
    stated = [e for e in entries if states_something(e)]
    categories = ctx.section("data_categories")
    purposes = ctx.section("purposes")
    for i, category in categories:
        name = str(category.get("id"))
        if not covered(ctx, stated, name):
            yield Issue(f"no retention period for data category '{name}'; {_ADD}", ("data_categories", i))
    if categories:
        return
    for i, purpose in purposes:
        name = str(purpose.get("id"))
        if not any(applies_to_purpose(e, name) for e in stated):
            yield Issue(f"no retention period for the data of purpose '{name}'; {_ADD}", ("purposes", i))
    if not purposes and not stated:
        path, key = where_missing(ctx, "retention")
        yield Issue(f"the policy states no retention period; {_ADD}", path, key=key)
