"""Data obtained from others: which categories of personal data?

GDPR Art. 14(1)(d): "Where personal data have not been obtained from the data subject, the
controller shall provide the data subject with the following information: ... (d) the
categories of personal data concerned" (text verified on GDPRhub, Article 14 GDPR; the UK
GDPR Art. 14(1)(d) has the same wording). Art. 13, for data collected from the person, has
no such item: the person knows what they gave. So this rule looks only at data categories
whose ``sources`` (or schema 1.1 ``source_details``) include ``third_party`` or
``publicly_available``, and never at data the person provides or that is observed: it is
the Art. 14 successor of the data-to-purpose lint, not a duty to list every category.

Derived data (``derived``) is left out: what it is derived from is the person's own data,
and the policy data cannot show which of it is personal (aggregated statistics are not).

A category is stated when it has a DPV personal-data term (``pd:...``); ``dpv:PersonalData``
and the other ``dpv:`` kinds (collected, provided, observed data) say what kind of data it
is, not which. Severity: error ("shall provide").

Passing example::

    schema_version: "1.0"
    data_categories:
      - id: credit-history
        label: credit history
        dpv_term: pd:CreditRecord
        sources: [third_party]

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: partner-data
        label: information from our partners
        dpv_term: dpv:PersonalData
        sources: [third_party]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue

ID = "indirect/no-data-categories"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 14(1)(d); UK GDPR Art. 14(1)(d)"
SUMMARY = "Data obtained from others or from public sources without saying which categories of data it is."


def check(ctx: Context) -> Iterator[Issue]:
    for i, category in ctx.section("data_categories"):
        indirect = terms.indirect_sources(category)
        if not indirect or str(category.get("dpv_term") or "").startswith("pd:"):
            continue
        where = terms.source_phrase(indirect)
        label = category.get("label") or category.get("id")
        message = (
            f"'{label}' is obtained from {where}, but the policy does not say which categories of personal data "
            "it holds; name them (e.g. identity, contact details, credit history) and give each its dpv_term"
        )
        yield Issue(message, ("data_categories", i))
