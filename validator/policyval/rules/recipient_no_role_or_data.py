"""A recipient with neither a role nor the data it receives tells people little.

GDPR Art. 13(1)(e) and 14(1)(e) require "the recipients or categories of recipients of the
personal data, if any" (verified on GDPRhub; the UK GDPR has the same wording): a named or
categorised recipient meets the letter, which ``recipient/unidentified`` checks. The
transparency guidelines (WP260 rev.01, as quoted by Mayer Brown, "Personal data sharing:
what information about recipients do we need to provide", 2024) ask categories to be "as
specific as possible by indicating the type of recipient (i.e., by reference to the
activities it carries out)". Whether a recipient is a processor acting for the controller,
an independent controller or a joint controller (Art. 26(2)) changes what it may do with the
data and whom people turn to.

The rule fires for a recipient with ``role: not_stated`` and no ``data_categories``: the
reader learns neither in what capacity it gets data nor which. Severity: warning, because
it rests on guidance rather than on the words of Art. 13(1)(e). A recipient that is neither
named nor categorised is ``recipient/unidentified``'s (an error), not this rule's.

Passing example::

    schema_version: "1.0"
    recipients:
      - id: suppliers
        role: processor
        category: suppliers and agents

Failing example::

    schema_version: "1.0"
    recipients:
      - id: suppliers
        role: not_stated
        category: suppliers and agents
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "recipient/no-role-or-data"
SEVERITY = Severity.INFO
# Opt-in: Art. 13(1)(e) asks for recipients or their categories, not their role or data.
DEFAULT = False
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(e), 14(1)(e); WP260 rev.01 (Annex, recipients); UK GDPR Art. 13(1)(e)"
SUMMARY = "A recipient whose role and data are both left unsaid."


def check(ctx: Context) -> Iterator[Issue]:
    for i, recipient in ctx.section("recipients"):
        described = str(recipient.get("name") or recipient.get("category") or "").strip()
        if not described or recipient.get("role") not in (None, "not_stated") or recipient.get("data_categories"):
            continue
        message = (
            f"the policy does not say in what capacity '{described}' receives data (a processor acting for you, "
            "an independent or a joint controller) and names no data category for it; state its role, and the "
            "data it receives in data_categories"
        )
        yield Issue(message, ("recipients", i))
