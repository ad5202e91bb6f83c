"""Data obtained from others: what is it used for?

GDPR Art. 14(1)(c): where personal data have not been obtained from the data subject, the
controller shall provide "the purposes of the processing for which the personal data are
intended as well as the legal basis for the processing" (text verified on GDPRhub, Article
14 GDPR; the UK GDPR Art. 14(1)(c) has the same wording). PIPEDA Schedule 1, 4.2: "The
purposes for which personal information is collected shall be identified by the organization
at or before the time the information is collected", and 4.8.2(c) asks for "a description of
the type of personal information held by the organization, including a general account of
its use" (verified on laws-lois.justice.gc.ca, S.C. 2000, c. 5, Schedule 1).

People whose data comes from someone else (a partner's list, a social network, a public
register) learn of the processing from the notice alone, so the notice must say what that
data is for. This rule reports a category whose ``sources`` (or ``source_details``) include
``third_party`` or ``publicly_available`` and that no purpose lists in its
``data_categories``, in a policy that does tie data to purposes (at least one purpose lists
categories): there, a category no purpose lists is a category the text gives no use for.
Purposes that name no data are named in the message, as the ones the text might have meant.
A policy that ties no data to any purpose gives a general account of use; this rule stays
silent on it (the opt-in lint ``ref/unused-data-category`` is for that style).

Severity: warning. The law asks for the purposes, not for a map from data to purposes; the
finding says that the notice does not show which of its purposes, if any, this data serves.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: credit
        dpv_term: pd:Credit
        sources: [third_party]
    purposes:
      - id: credit-check
        data_categories: [credit]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: email
        dpv_term: pd:EmailAddress
        sources: [data_subject]
      - id: partner-lists
        dpv_term: pd:Contact
        sources: [third_party]
    purposes:
      - id: newsletter
        data_categories: [email]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "indirect/no-purpose"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr", "ca-pipeda")
REFERENCE = "GDPR Art. 14(1)(c); UK GDPR Art. 14(1)(c); PIPEDA Sch. 1, 4.2, 4.8.2(c)"
SUMMARY = "Data obtained from others that no purpose uses: the notice does not say what it is for."


def _hint(unlinked: list[str]) -> str:
    if not unlinked:
        return "no purpose lists it"
    return f"no purpose lists it, and those that name no data ({quoted(unlinked)}) do not say they use it"


def check(ctx: Context) -> Iterator[Issue]:
    purposes = [p for _, p in ctx.section("purposes")]
    used = {ref for p in purposes for ref in access.strings(p, "data_categories")}
    if not used:
        return  # a general account of use: nothing ties data to purposes, so nothing is missing
    unlinked = [str(p["id"]) for p in purposes if "id" in p and not access.strings(p, "data_categories")]
    for i, category in ctx.section("data_categories"):
        indirect = terms.indirect_sources(category)
        if not indirect or category.get("id") in used:
            continue
        where = terms.source_phrase(indirect)
        label = category.get("label") or category.get("id")
        yield Issue(
            f"'{label}' is obtained from {where}, but {_hint(unlinked)}; say what it is used for "
            "(list it under the data_categories of its purposes)",
            ("data_categories", i),
        )
