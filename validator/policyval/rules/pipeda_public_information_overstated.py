"""Publicly available information said to fall outside the law.

PIPEDA s. 7(1)(d), 7(2)(c.1) and 7(3)(h.1) let an organization collect, use and disclose
personal information without consent where it "is publicly available and is specified by
the regulations"; the Regulations Specifying Publicly Available Information (SOR/2001-7),
s. 1, specify telephone directories a subscriber can opt out of and professional or business
directories where the collection, use and disclosure relate directly to the purpose for
which the information appears there (our reading of SOR/2001-7, s. 1; the regulation's text
could not be read from here, and secondary summaries confirm only that s. 7 lists exceptions
to consent, publicly available information among them). Such information stays personal
information: only consent is
lifted, for those uses, and accuracy (4.6), safeguards (4.7) and access (4.9) still apply.
Business contact information used to communicate with a person about their work is a real
exclusion (s. 4.01) and is not this rule's concern. A policy telling people that what
appears in a public directory "is not protected by privacy laws" misstates the law it
declares, against the openness principle's "generally understandable" information (4.8.1).

The rule reads ``policy.scope.exclusions``: an exclusion whose description speaks of public
directories, publicly available information, public records or the public domain (or, in
French, an "annuaire" or information "accessible au public"), unless the description itself
frames it as an exception to consent ("used without your consent for ..."), which is what the
Act says. Severity: warning.

Passing example::

    schema_version: "1.1"
    policy:
      scope:
        exclusions:
          - description: business contact information used to communicate with you about your work
          - description: information in a public directory, used without your consent only to contact you as listed

Failing example::

    schema_version: "1.1"
    policy:
      scope:
        exclusions:
          - description: your name, address and telephone number when they appear in a public directory
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue

ID = "pipeda/public-information-overstated"
SEVERITY = Severity.WARNING
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA s. 7(1)(d), 7(2)(c.1), 7(3)(h.1); SOR/2001-7, s. 1; Sch. 1, 4.8.1"
SUMMARY = "Publicly available information said to be outside the law (only consent is lifted, for limited uses)."

_PUBLIC = re.compile(
    r"public\s+director|publicly\s+available|public\s+record|public\s+domain|annuaire|accessible[s]?\s+au\s+public",
    re.IGNORECASE,
)
_CONSENT = re.compile(r"consent", re.IGNORECASE)  # also the French "consentement"


def check(ctx: Context) -> Iterator[Issue]:
    scope = access.mapping(ctx.mapping("policy"), "scope")
    for i, exclusion in access.indexed(scope, "exclusions"):
        said = str(exclusion.get("description") or "")
        if _PUBLIC.search(said) and not _CONSENT.search(said):
            yield Issue(
                "the policy excludes publicly available information, but PIPEDA only lifts consent for it, and only "
                "for uses that relate directly to why it is public (SOR/2001-7); say that, and that it is otherwise "
                "protected like any personal information",
                ("policy", "scope", "exclusions", i),
            )
