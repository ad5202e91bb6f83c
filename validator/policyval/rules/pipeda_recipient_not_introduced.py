"""An organization named as receiving information, with nothing said about what it is.

PIPEDA s. 6.1: consent "is only valid if it is reasonable to expect that an individual to
whom the organization's activities are directed would understand the nature, purpose and
consequences of the collection, use or disclosure"; Sch. 1, 4.3.2 asks that purposes be
stated "in such a manner that the individual can reasonably understand how the information
will be used or disclosed". The OPC's Guidelines for obtaining meaningful consent (2018,
revised 2021) name "with which parties personal information is being shared" among the key
elements to emphasize (verified on priv.gc.ca and in its summaries). A bare name ("should
Cantrex experience problems approving an order") says neither what the organization is, nor
whether it acts for the company (a processor, 4.1.3) or receives the information for its
own purposes (a disclosure that needs consent), nor what it gets.

The rule reports a recipient that has a ``name`` but no ``category``, whose ``role`` is
absent or ``not_stated`` and that lists no ``data_categories``. Severity: info. Schedule 1
asks for the parties, which a name gives; what the name leaves unsaid is a question for the
author ("who is Cantrex, and what does it get?"), and a purpose beside the name ("Stripe
processes payments") may already answer it.

Passing example::

    schema_version: "1.1"
    recipients:
      - id: cantrex
        name: Cantrex
        category: payment processor
        role: processor

Failing example::

    schema_version: "1.1"
    recipients:
      - id: cantrex
        name: Cantrex
        role: not_stated
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "pipeda/recipient-not-introduced"
SEVERITY = Severity.INFO
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA s. 6.1; Sch. 1, 4.3.2, 4.1.3; OPC Guidelines for obtaining meaningful consent (2018)"
SUMMARY = "A recipient known only by its name: what it is, in what capacity and what it receives are unsaid."


def check(ctx: Context) -> Iterator[Issue]:
    for i, recipient in ctx.section("recipients"):
        name = str(recipient.get("name") or "").strip()
        if not name or str(recipient.get("category") or "").strip() or recipient.get("data_categories"):
            continue
        if recipient.get("role") in (None, "not_stated"):
            yield Issue(
                f"'{name}' is named as receiving information, but the policy does not say what it is, whether it acts "
                "for you or for its own purposes, or what it receives; give its category, its role and its "
                "data_categories",
                ("recipients", i),
            )
