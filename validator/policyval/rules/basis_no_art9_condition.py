"""Special-category data needs an Art. 9(2) condition.

Processing special categories of personal data (health, biometrics, religion, ...) is
prohibited by GDPR Art. 9(1) unless one of the conditions of Art. 9(2) applies, and the
policy must say which (Art. 13(1)(c)). Every purpose that uses a data category marked
``special_category: true`` needs an ``eu-gdpr:A9-2-*`` condition among its legal bases.

Passing example::

    schema_version: "1.0"
    data_categories:
      - id: health
        special_category: true
    purposes:
      - id: care
        data_categories: [health]
        legal_bases:
          - basis: eu-gdpr:A6-1-a
          - basis: eu-gdpr:A9-2-a

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: health
        special_category: true
    purposes:
      - id: care
        data_categories: [health]
        legal_bases:
          - basis: eu-gdpr:A6-1-a
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy.terms import is_art9
from policyval.rules.base import Context, Issue

ID = "basis/no-art9-condition"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 9(1)-(2), 13(1)(c); UK GDPR Art. 9(1)-(2), 13(1)(c), DPA 2018 s. 10, Sch. 1"
SUMMARY = "Special-category data without an Art. 9(2) condition."


def check(ctx: Context) -> Iterator[Issue]:
    special = {str(c.get("id")): i for i, c in ctx.section("data_categories") if c.get("special_category") is True}
    used: set[str] = set()
    for i, purpose in ctx.section("purposes"):
        sensitive = [c for c in purpose.get("data_categories") or [] if c in special]
        used.update(sensitive)
        bases = [str(b.get("basis")) for b in ctx.bases_of(purpose)]
        if sensitive and not any(is_art9(b) for b in bases):
            names = ", ".join(f"'{c}'" for c in sensitive)
            message = (
                f"purpose '{purpose.get('id')}' uses special-category data ({names}) without an Art. 9(2) "
                "condition; add the condition relied on (e.g. basis: eu-gdpr:A9-2-a, explicit consent)"
            )
            own = bool(purpose.get("legal_bases"))
            yield Issue(message, ("purposes", i, "legal_bases") if own else ("purposes", i), key=own)
    for name, i in special.items():
        if name not in used:
            message = (
                f"special-category data '{name}' has no Art. 9(2) condition: no purpose uses it; "
                "list it in the purposes that process it, with their Art. 9(2) condition"
            )
            yield Issue(message, ("data_categories", i))
