"""The six GDPR rights rules share one check: which legal bases in use call for the right.

Severity comes from DPV's legal-basis-to-rights mapping (``vocab()["legal_basis_rights"]``):

* error: the right is missing and a legal basis in use calls for it (e.g. portability under
  consent or contract, objection under public interest or legitimate interests);
* warning: the right is missing and no purpose states a legal basis DPV maps, so the rights
  that apply cannot be derived (``basis/no-legal-basis`` says why);
* not reported: the bases in use do not call for the right (erasure under a legal
  obligation, portability under legitimate interests).
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules._bases import rights_called_for
from policyval.rules.base import Check, Context, RuleHit, where_missing


def rights_check(rule_id: str, right: str, label: str, term: str) -> Check:
    """The check of rule ``rule_id``: right ``right`` (DPV ``term``) is declared if the bases call for it."""

    def check(ctx: Context) -> Iterator[RuleHit]:
        if right in ctx.rights():
            return
        path, key = where_missing(ctx, "rights")
        bases = [basis for _, basis in ctx.legal_bases()]
        calling = sorted({b for b in bases if term in rights_called_for(b)})
        fix = f"add right: {right} with how to exercise it"
        if calling:
            shown = ", ".join(calling[:3]) + (", ..." if len(calling) > 3 else "")
            message = f"the {label} is not stated, but the legal bases in use call for it ({shown}); {fix}"
            yield RuleHit(rule_id, message, path, key, Severity.ERROR)
        elif not any(rights_called_for(b) for b in bases):
            message = (
                f"the {label} is not stated, and without a legal basis it cannot be told whether it applies; "
                f"{fix}, or state the legal bases"
            )
            yield RuleHit(rule_id, message, path, key, Severity.WARNING)

    return check
