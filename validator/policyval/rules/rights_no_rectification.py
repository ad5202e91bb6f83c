"""The right to rectification (GDPR Art. 16) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis.

Severity: error when a basis in use calls for the right; warning when no purpose states a
legal basis, so it cannot be told; not reported when no basis in use calls for it.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: rectification
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: complaint
"""

from __future__ import annotations

from policyval.findings import Severity
from policyval.rules._rights import rights_check
from policyval.rules.base import Rule

RULE = Rule(
    id="rights/no-rectification",
    severity=Severity.ERROR,
    profiles=("eu-gdpr",),
    reference="GDPR Art. 16, 13(2)(b), 14(2)(c)",
    summary="The right to rectification is not stated though the legal bases in use call for it.",
    doc=__doc__ or "",
    check=rights_check("rights/no-rectification", "rectification", "right to rectification", "eu-gdpr:A16"),
)
