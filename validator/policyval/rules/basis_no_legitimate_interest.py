"""A purpose based on legitimate interests must say which interest is pursued.

GDPR Art. 13(1)(d) and 14(2)(b): "where the processing is based on point (f) of Article
6(1), the legitimate interests pursued by the controller or by a third party". Write the
interest in the purpose's ``legitimate_interest``.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: fraud
        legal_bases:
          - basis: eu-gdpr:A6-1-f
        legitimate_interest: Protecting customers and the shop against payment fraud

Failing example::

    schema_version: "1.0"
    purposes:
      - id: fraud
        legal_bases:
          - basis: eu-gdpr:A6-1-f
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy.terms import is_legitimate_interest
from policyval.rules.base import Context, Issue

ID = "basis/no-legitimate-interest"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr",)
REFERENCE = "GDPR Art. 13(1)(d), 14(2)(b)"
SUMMARY = "Legitimate interests as a basis without the interest pursued."


def check(ctx: Context) -> Iterator[Issue]:
    for path, basis in ctx.legal_bases():
        purpose = dict(ctx.section("purposes"))[int(path[1])]
        if is_legitimate_interest(basis) and not str(purpose.get("legitimate_interest") or "").strip():
            message = (
                f"purpose '{purpose.get('id')}' relies on legitimate interests ({basis}) but does not say "
                "which interest is pursued; describe it in the purpose's legitimate_interest"
            )
            yield Issue(message, path)
