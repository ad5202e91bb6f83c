"""The GDPR rights family: one rule per right of Arts 15-21 that GDPR Art. 13(2)(b) and
14(2)(c) require a notice to state, and one shared check.

Art. 13(2)(b) lists "the right to request from the controller access to and rectification or
erasure of personal data or restriction of processing concerning the data subject or to
object to processing as well as the right to data portability" with no condition of its own;
the articles that grant the rights say which apply. So each row says when its right applies
(``Right.applies``):

* ``always``: access (Art. 15), rectification (Art. 16) and restriction (Art. 18) apply
  whatever the legal basis, and a missing one is an error even when no basis is stated;
* ``unless-exempt``: erasure (Art. 17) applies unless every basis in use is a legal obligation
  or a public task (Art. 17(3)(b)); an error when no basis is stated;
* ``by-basis``: portability (Art. 20(1): consent or contract) and objection under Art. 21(1)
  (public task or legitimate interests) apply only where such a basis is in use; with no basis
  stated nothing is reported (``basis/no-legal-basis`` reports that). The right to object to
  direct marketing (Art. 21(2)), whatever the basis, is ``rights/no-marketing-objection``.

Which bases call for a right follows DPV's legal-basis-to-rights mapping
(``policy.terms.rights_called_for``). Each rule keeps its own id, reference, documentation
and test cases; the table below is the only place they differ.
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
    applies: str = "always"  # always | unless-exempt | by-basis (see the module's docstring)


def _calling(row: Right, bases: list[str]) -> list[str]:
    return sorted({b for b in bases if row.term in rights_called_for(b)})


def _reason(row: Right, bases: list[str]) -> str | None:
    """Why the right must be stated under these bases, or None when it need not be."""
    calling = _calling(row, bases)
    if calling:
        shown = ", ".join(calling[:3]) + (", ..." if len(calling) > 3 else "")
        return f"the legal bases in use call for it ({shown})"
    if row.applies == "always":
        return "it applies whatever the legal basis"
    if row.applies == "unless-exempt" and not bases:
        return "no legal basis is stated that would exclude it (Art. 17(3)(b))"
    return None


def check_for(row: Right) -> Check:
    """The check of one rule of the family: ``row.right`` is stated if the bases call for it."""

    def check(ctx: Context) -> Iterator[Issue]:
        if row.right in ctx.rights():
            return
        reason = _reason(row, [basis for _, basis in ctx.legal_bases()])
        if reason is not None:
            path, key = where_missing(ctx, "rights")
            fix = f"add right: {row.right} with how to exercise it"
            yield Issue(f"the {row.label} is not stated, but {reason}; {fix}", path, key)

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
    "The right of access is not stated (it applies whatever the legal basis).",
    """The right of access (GDPR Art. 15) must be stated, whatever the legal basis.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis.

Severity: error whenever the GDPR runs and the right is not stated, whatever the legal
bases, and also when none is stated: the article grants the right with no condition on the
basis.

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
    "The right to rectification is not stated (it applies whatever the legal basis).",
    """The right to rectification (GDPR Art. 16) must be stated, whatever the legal basis.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis.

Severity: error whenever the GDPR runs and the right is not stated, whatever the legal
bases, and also when none is stated: the article grants the right with no condition on the
basis.

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
    Right("erasure", "right to erasure", "eu-gdpr:A17", "unless-exempt"),
    "GDPR Art. 17, 13(2)(b), 14(2)(c)",
    "The right to erasure is not stated, and the legal bases in use do not exclude it.",
    """The right to erasure (GDPR Art. 17) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis except a legal
obligation (c) and public interest or official authority (e).

Severity: error when the right is not stated, unless every legal basis in use is a legal
obligation (Art. 6(1)(c)) or a public task (Art. 6(1)(e)), where Art. 17(3)(b) excludes it;
also an error when no basis is stated.

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
    "The right to restriction of processing is not stated (it applies whatever the legal basis).",
    """The right to restriction of processing (GDPR Art. 18) must be stated, whatever the legal basis.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies under every Art. 6(1) basis.

Severity: error whenever the GDPR runs and the right is not stated, whatever the legal
bases, and also when none is stated: the article grants the right with no condition on the
basis.

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
    Right("objection", "right to object", "eu-gdpr:A21", "by-basis"),
    "GDPR Art. 21, 13(2)(b), 14(2)(c)",
    "The right to object is not stated though the legal bases in use call for it.",
    """The right to object (GDPR Art. 21) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies when processing is based on public
interest or official authority (Art. 6(1)(e)) or legitimate interests (Art. 6(1)(f)).

Severity: error when a basis in use calls for the right; not reported otherwise, nor when
no basis is stated (``basis/no-legal-basis`` reports that; the right cannot be told to apply).

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
    Right("portability", "right to data portability", "eu-gdpr:A20", "by-basis"),
    "GDPR Art. 20, 13(2)(b), 14(2)(c)",
    "The right to data portability is not stated though the legal bases in use call for it.",
    """The right to data portability (GDPR Art. 20) must be stated when the legal bases in use call for it.

GDPR Art. 13(2)(b) and 14(2)(c) require informing people of "the existence of the right to
request from the controller access to and rectification or erasure of personal data or
restriction of processing ... or to object to processing as well as the right to data
portability". Which of these rights applies depends on the legal basis: this rule follows
DPV's legal-basis-to-rights mapping. It applies when processing is based on consent (Art.
6(1)(a)) or a contract (Art. 6(1)(b)).

Severity: error when a basis in use calls for the right; not reported otherwise, nor when
no basis is stated (``basis/no-legal-basis`` reports that; the right cannot be told to apply).

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
