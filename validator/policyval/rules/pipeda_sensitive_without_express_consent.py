"""Sensitive information under PIPEDA should be collected with express consent.

PIPEDA Sch. 1, 4.3.6: "An organization should generally seek express consent when the
information is likely to be considered sensitive. Implied consent would generally be
appropriate when the information is less sensitive" (OPC fact sheet quoting the clause;
laws-lois not read). "Should" is a recommendation (PIPEDA s. 5(2): "The word should, when
used in Schedule 1, indicates a recommendation and does not impose an obligation"): a
warning. It fires when a data category the policy marks sensitive (``special_category:
true``, or ``sensitive_pi: true``) serves a purpose whose consent is stated as ``implied``
or ``opt_out`` and never as ``express``. A purpose with no consent basis, or whose consent
type is ``not_stated``, is not reported: the policy does not show implied consent there.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: health
        special_category: true
    purposes:
      - id: benefits
        data_categories: [health]
        legal_bases:
          - basis: dpv:Consent
            consent_type: express

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: health
        special_category: true
    purposes:
      - id: benefits
        data_categories: [health]
        legal_bases:
          - basis: dpv:Consent
            consent_type: implied
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "pipeda/sensitive-without-express-consent"
SEVERITY = Severity.WARNING
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.3.6"
SUMMARY = "Sensitive information used under implied or opt-out consent only."

WEAK = frozenset({"implied", "opt_out"})


def _consent_types(ctx: Context, purpose: dict[str, Any]) -> set[str]:
    bases = ctx.bases_of(purpose)
    return {str(b.get("consent_type")) for b in bases if terms.is_consent(str(b.get("basis") or ""))}


def _sensitive(ctx: Context) -> set[str]:
    cats = ctx.section("data_categories")
    return {str(c["id"]) for _, c in cats if "id" in c and (c.get("special_category") or c.get("sensitive_pi"))}


def check(ctx: Context) -> Iterator[Issue]:
    sensitive = _sensitive(ctx)
    for i, purpose in ctx.section("purposes"):
        used = sorted(sensitive & set(access.strings(purpose, "data_categories")))
        types = _consent_types(ctx, purpose)
        if used and types & WEAK and "express" not in types:
            message = (
                f"purpose '{purpose.get('id')}' uses sensitive information ({quoted(used)}) under "
                f"{' or '.join(sorted(types & WEAK))} consent; seek express consent for it and say so "
                "(legal_bases: [{basis: dpv:Consent, consent_type: express}])"
            )
            yield Issue(message, ("purposes", i))
