"""Automated decisions and profiling: their existence, logic and consequences.

GDPR Art. 13(2)(f) and 14(2)(g) require "the existence of automated decision-making,
including profiling, referred to in Article 22(1) and (4) and, at least in those cases,
meaningful information about the logic involved, as well as the significance and the
envisaged consequences of such processing for the data subject" (text verified on GDPRhub,
Article 13 GDPR). Recital 60: "the data subject should be informed of the existence of
profiling and the consequences of such profiling". WP260 rev.01 para. 41 (read in a
translation, world-privacy-watch.com/gdpr/447) repeats the duty and adds that people should
not be surprised by profiling even where Art. 22 does not apply.

What silence means: the duty is to tell of decisions *that exist*. When a controller makes
none, the GDPR asks for no statement of absence, so a policy that is silent, and shows no
profiling, gets no finding (silence is not evidence of a gap). The rule fires when

* ``automated_decision_making.status`` is ``yes`` and no ``description`` gives the logic,
  significance and consequences: error (the "shall provide" of Art. 13(2)(f));
* ``status`` is ``not_stated`` (the text raises the topic and leaves it open): warning.

Profiling the policy itself describes (targeted advertising, personalised content) is not
enough: Art. 13(2)(f) concerns the decisions of Art. 22(1) and (4), with legal or similarly
significant effects, and a notice that already tells of the profiling has met Recital 60.

``status: no`` (or, schema 1.1, an absence with topic ``profiling``) is an answer: no finding.
The UK GDPR is not in this rule's profiles: the Data (Use and Access) Act 2025 replaced its
Art. 22 with Arts 22A-22D, so its wording differs.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: ads
        dpv_term: dpv:TargetedAdvertising
    automated_decision_making:
      status: "no"

Failing example::

    schema_version: "1.0"
    automated_decision_making:
      status: "yes"
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "info/no-automated-decision-statement"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr",)
REFERENCE = "GDPR Art. 13(2)(f), 14(2)(g), 22; Recital 60"
SUMMARY = "Automated decisions or profiling without their logic and consequences, or left open."

_SAY = (
    "say whether you make decisions based solely on automated processing, including profiling, that have "
    "legal or similarly significant effects; if you do, describe the logic involved and the consequences "
    "for the person; if you do not, say so (automated_decision_making: {status: 'no'})"
)


def check(ctx: Context) -> Iterator[Issue]:
    section = ctx.data.get("automated_decision_making")
    if isinstance(section, dict):
        status = section.get("status")
        if status == "yes" and not str(section.get("description") or "").strip():
            message = (
                "the policy says automated decisions (or profiling) are made but not how; describe the logic "
                "involved, and the significance and envisaged consequences for the person, in its description"
            )
            yield Issue(message, ("automated_decision_making",), key=True)
        elif status == "not_stated":
            message = f"the policy raises automated decision-making but does not say whether it is used; {_SAY}"
            yield Issue(message, ("automated_decision_making", "status"), severity=Severity.WARNING)
        return
