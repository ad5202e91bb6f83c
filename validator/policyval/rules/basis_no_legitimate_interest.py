"""A purpose based on legitimate interests must say which interest is pursued.

GDPR Art. 13(1)(d) and 14(2)(b): "where the processing is based on point (f) of Article
6(1), the legitimate interests pursued by the controller or by a third party". Write the
interest in the purpose's ``legitimate_interest`` (for a basis the policy states at its own
level, schema 1.1, in that basis's ``legitimate_interest``, or in the purposes it names).

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
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.policy.terms import is_legitimate_interest
from policyval.rules.base import Context, Issue

ID = "basis/no-legitimate-interest"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(d), 14(2)(b); UK GDPR Art. 13(1)(d), 14(2)(b)"
SUMMARY = "Legitimate interests as a basis without the interest pursued."


def _stated(text: Any) -> bool:
    return bool(str(text or "").strip())


def _policy_level(ctx: Context, entry: dict[str, Any]) -> bool:
    """A policy-level basis (1.1) says the interest itself, or through the purposes it names."""
    if _stated(entry.get("legitimate_interest")):
        return True
    named = set(access.strings(entry, "purposes"))
    return bool(named) and all(
        _stated(p.get("legitimate_interest")) for _, p in ctx.section("purposes") if p.get("id") in named
    )


def check(ctx: Context) -> Iterator[Issue]:
    for path, basis in ctx.legal_bases():
        if not is_legitimate_interest(basis):
            continue
        if path[0] == "legal_bases":
            entry = dict(ctx.section("legal_bases"))[int(path[1])]
            if not _policy_level(ctx, entry):
                name = f" '{entry['id']}'" if "id" in entry else ""
                message = (
                    f"the policy-level legal basis{name} is legitimate interests ({basis}) but the policy does not "
                    "say which interest is pursued; describe it in its legitimate_interest"
                )
                yield Issue(message, path)
            continue
        purpose = dict(ctx.section("purposes"))[int(path[1])]
        if not _stated(purpose.get("legitimate_interest")):
            message = (
                f"purpose '{purpose.get('id')}' relies on legitimate interests ({basis}) but does not say "
                "which interest is pursued; describe it in the purpose's legitimate_interest"
            )
            yield Issue(message, path)
