"""Recipients must be named or at least categorised.

GDPR Art. 13(1)(e) and 14(1)(e) require "the recipients or categories of recipients";
PIPEDA 4.3 and 4.8 expect people to know who their data is disclosed to. A recipient that
has neither a ``name`` nor a ``category`` ("third parties", "partners" with nothing more)
does not tell anyone where their data goes.

Passing example::

    schema_version: "1.0"
    recipients:
      - id: psp
        role: processor
        category: payment service providers

Failing example::

    schema_version: "1.0"
    recipients:
      - id: partners
        role: third_party
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "recipient/unidentified"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(e), 14(1)(e); PIPEDA 4.3.2, 4.8.2(d)"
SUMMARY = "Data shared with third parties that are neither named nor categorised."


def check(ctx: Context) -> Iterator[Issue]:
    for i, recipient in ctx.section("recipients"):
        if not any(str(recipient.get(k) or "").strip() for k in ("name", "category")):
            message = (
                f"recipient '{recipient.get('id')}' is neither named nor categorised; add its name, "
                "or the category of recipients (e.g. 'payment service providers')"
            )
            yield Issue(message, ("recipients", i))
