"""The GDPR rights family: one rule per right of Arts 15-21 that GDPR Art. 13(2)(b) and
14(2)(c) require a notice to state, and one shared check.

Which right applies depends on the legal basis, so each rule follows DPV's
legal-basis-to-rights mapping (``policy.terms.rights_called_for``):

* error: the right is missing and a legal basis in use calls for it (e.g. portability under
  consent or contract, objection under public interest or legitimate interests);
* warning: the right is missing and no purpose states a legal basis DPV maps, so the rights
  that apply cannot be derived (``basis/no-legal-basis`` says why);
* not reported: the bases in use do not call for the right (erasure under a legal
  obligation, portability under legitimate interests).

Each rule keeps its own id, reference, documentation and test cases; the table below is
the only place they differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policyval.findings import Severity
from policyval.policy.terms import rights_called_for
from policyval.rules.base import Check, Context, Issue, Rule, where_missing


@dataclass(frozen=True)
class Right:
    """One row of the family: the right's schema name, its words, and its DPV term."""

    right: str
    label: str
    term: str


def check_for(row: Right) -> Check:
    """The check of one rule of the family: ``row.right`` is stated if the bases call for it."""

    def check(ctx: Context) -> Iterator[Issue]:
        if row.right in ctx.rights():
            return
        path, key = where_missing(ctx, "rights")
        bases = [basis for _, basis in ctx.legal_bases()]
        calling = sorted({b for b in bases if row.term in rights_called_for(b)})
        fix = f"add right: {row.right} with how to exercise it"
        if calling:
            shown = ", ".join(calling[:3]) + (", ..." if len(calling) > 3 else "")
            message = f"the {row.label} is not stated, but the legal bases in use call for it ({shown}); {fix}"
            yield Issue(message, path, key, Severity.ERROR)
        elif not any(rights_called_for(b) for b in bases):
            message = (
                f"the {row.label} is not stated, and without a legal basis it cannot be told whether it applies; "
                f"{fix}, or state the legal bases"
            )
            yield Issue(message, path, key, Severity.WARNING)

    return check


def _rule(rule_id: str, row: Right, reference: str, summary: str, doc: str) -> Rule:
    # The UK GDPR keeps Arts 13-21 word for word: the same rule, both references.
    return Rule(
        rule_id, Severity.ERROR, ("eu-gdpr", "uk-gdpr"), f"{reference}; UK {reference}", summary, doc, check_for(row)
    )


NO_ACCESS = _rule(
    "rights/no-access",
    Right("access", "right of access", "eu-gdpr:A15"),
    "GDPR Art. 15, 13(2)(b), 14(2)(c)",
    "The right of access is not stated though the legal bases in use call for it.",
    """The right of access (GDPR Art. 15) must be stated when the legal bases in use call for it.

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
      - right: access
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: complaint
""",
)

NO_RECTIFICATION = _rule(
    "rights/no-rectification",
    Right("rectification", "right to rectification", "eu-gdpr:A16"),
    "GDPR Art. 16, 13(2)(b), 14(2)(c)",
    "The right to rectification is not stated though the legal bases in use call for it.",
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
""",
)

NO_ERASURE = _rule(
    "rights/no-erasure",
    Right("erasure", "right to erasure", "eu-gdpr:A17"),
    "GDPR Art. 17, 13(2)(b), 14(2)(c)",
    "The right to erasure is not stated though the legal bases in use call for it.",
    """The right to erasure (GDPR Art. 17) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis except a legal
obligation (c) and public interest or official authority (e).

Severity: error when a basis in use calls for the right; warning when no purpose states a
legal basis, so it cannot be told; not reported when no basis in use calls for it.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: erasure
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: complaint
""",
)

NO_RESTRICTION = _rule(
    "rights/no-restriction",
    Right("restriction", "right to restriction of processing", "eu-gdpr:A18"),
    "GDPR Art. 18, 13(2)(b), 14(2)(c)",
    "The right to restriction of processing is not stated though the legal bases in use call for it.",
    """The right to restriction of processing (GDPR Art. 18) must be stated when the legal bases in use call for it.

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
      - right: restriction
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: complaint
""",
)

NO_OBJECTION = _rule(
    "rights/no-objection",
    Right("objection", "right to object", "eu-gdpr:A21"),
    "GDPR Art. 21, 13(2)(b), 14(2)(c)",
    "The right to object is not stated though the legal bases in use call for it.",
    """The right to object (GDPR Art. 21) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies when processing is based on public
interest or official authority (Art. 6(1)(e)) or legitimate interests (Art. 6(1)(f)).

Severity: error when a basis in use calls for the right; warning when no purpose states a
legal basis, so it cannot be told; not reported when no basis in use calls for it.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: analytics
        legal_bases:
          - basis: eu-gdpr:A6-1-f
        legitimate_interest: Measuring audience
    rights:
      - right: objection
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: analytics
        legal_bases:
          - basis: eu-gdpr:A6-1-f
        legitimate_interest: Measuring audience
    rights:
      - right: complaint
""",
)

NO_PORTABILITY = _rule(
    "rights/no-portability",
    Right("portability", "right to data portability", "eu-gdpr:A20"),
    "GDPR Art. 20, 13(2)(b), 14(2)(c)",
    "The right to data portability is not stated though the legal bases in use call for it.",
    """The right to data portability (GDPR Art. 20) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies when processing is based on consent (Art.
6(1)(a)) or a contract (Art. 6(1)(b)).

Severity: error when a basis in use calls for the right; warning when no purpose states a
legal basis, so it cannot be told; not reported when no basis in use calls for it.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: portability
        exercise_via: [controller]

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
        legal_bases:
          - basis: eu-gdpr:A6-1-b
    rights:
      - right: complaint
""",
)

RULES = (NO_ACCESS, NO_RECTIFICATION, NO_ERASURE, NO_RESTRICTION, NO_OBJECTION, NO_PORTABILITY)
