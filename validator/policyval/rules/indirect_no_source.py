"""Data obtained from others: from which source?

GDPR Art. 14(2)(f) requires "from which source the personal data originate, and if
applicable, whether it came from publicly accessible sources" (text verified on GDPRhub,
Article 14 GDPR; the UK GDPR has the same wording). Recital 61 allows "general information"
where various sources have been used, and WP260 rev.01 (Annex) asks for the specific source
or, failing that, the nature of the sources and the types of organisation, industry or
sector: a type of source ("credit reporting agencies", "social media platforms") answers.

The rule looks at data categories whose ``sources`` include ``third_party`` or
``publicly_available`` and fires when no schema 1.1 ``source_details`` entry for that kind
of source names it (``name``), types it (``category``) or describes it (``description``).
``sources: [publicly_available]`` alone already says the data is public, but not where it
comes from, so it is checked too. A 1.0 document cannot name a source: on 1.0 the rule does
not run (the schema, not the policy, would be at fault). Severity: error ("shall provide").

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: credit-history
        dpv_term: pd:CreditRecord
        sources: [third_party]
        source_details:
          - source: third_party
            category: credit reporting agencies

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: prospects
        dpv_term: pd:Contact
        sources: [third_party]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue

ID = "indirect/no-source"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 14(2)(f); Recital 61; UK GDPR Art. 14(2)(f)"
SUMMARY = "Data obtained from others or from public sources without saying where it comes from."


def _named(category: dict[str, Any], source: str) -> bool:
    details = [d for d in access.items(category, "source_details") if d.get("source") == source]
    return any(str(d.get(k) or "").strip() for d in details for k in ("name", "category", "description"))


def check(ctx: Context) -> Iterator[Issue]:
    if ctx.data.get("schema_version") == "1.0":
        return
    for i, category in ctx.section("data_categories"):
        unnamed = [s for s in terms.indirect_sources(category) if not _named(category, s)]
        if not unnamed:
            continue
        where = terms.source_phrase(unnamed)
        label = category.get("label") or category.get("id")
        message = (
            f"'{label}' comes from {where}, but the policy does not say which; name the source (or at least its "
            "type, e.g. 'credit reporting agencies') and whether it is publicly accessible, in source_details"
        )
        yield Issue(message, ("data_categories", i))
