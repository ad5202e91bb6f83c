"""A Québec policy must say that information is destroyed or anonymised at the end of its retention.

CQLR c. P-39.1, s. 23 (as amended by S.Q. 2021, c. 25): once the purposes for which the
information was collected or used are achieved, the enterprise "must destroy the information
or anonymize it to use it for serious and legitimate purposes" (wording from the CAI's page
and the public-sector twin A-2.1 s. 73; not read on legisquebec for P-39.1). s. 3.2 (read on
legisquebec): the governance policies "must, in particular, provide a framework for the
keeping and destruction of the information", and "detailed information about those policies
and practices ... must be published in simple and clear language on the enterprise's
website". Publishing is required: an error when the policy states retention and no
statement says what happens at its end (``end_action`` / ``end_actions``: ``deletion``,
``destruction``, ``anonymisation`` or ``aggregation``). A policy that states no retention at
all gets ``retention/no-retention-period`` (baseline), not this rule as well.

Passing example::

    schema_version: "1.1"
    retention:
      - applies_to: all_data
        until: the end of the contract
        end_actions: [destruction, anonymisation]

Failing example::

    schema_version: "1.1"
    retention:
      - applies_to: all_data
        until: the end of the contract
        end_action: not_stated
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue

ID = "qc/no-destruction"
SEVERITY = Severity.ERROR
PROFILES = ("ca-qc-law25",)
REFERENCE = "CQLR c. P-39.1, s. 23, s. 3.2"
SUMMARY = "Retention is stated, but not that information is destroyed or anonymised at its end."

# What s. 23 allows at the end: destruction, or anonymisation (aggregation that no longer identifies).
ENDS = frozenset({"deletion", "destruction", "anonymisation", "aggregation"})


def _ends(statement: dict[str, Any]) -> bool:
    return bool({statement.get("end_action"), *access.strings(statement, "end_actions")} & ENDS)


def check(ctx: Context) -> Iterator[Issue]:
    statements = ctx.section("retention")
    if not statements or any(_ends(r) for _, r in statements):
        return
    message = (
        "no retention statement says whether personal information is destroyed or anonymised when its retention "
        "ends; "
        "say that it is destroyed, or anonymised to be used only for serious and legitimate purposes "
        "(end_actions: [destruction] or [anonymisation])"
    )
    paths = [("retention", i) for i, _ in statements]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
