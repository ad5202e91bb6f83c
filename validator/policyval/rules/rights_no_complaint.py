"""People must be told they can complain to a supervisory authority.

GDPR Art. 13(2)(d) and 14(2)(e) require "the right to lodge a complaint with a
supervisory authority" (Art. 77), whatever the legal basis. Declare ``right: complaint``,
ideally with the ``authority`` (name, country, website).

Passing example::

    schema_version: "1.0"
    rights:
      - right: complaint
        authority:
          name: CNIL
          country: FR
          url: https://www.cnil.fr

Failing example::

    schema_version: "1.0"
    rights:
      - right: access
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "rights/no-complaint"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr",)
REFERENCE = "GDPR Art. 77, 13(2)(d), 14(2)(e)"
SUMMARY = "The right to complain to a supervisory authority is not stated."


def check(ctx: Context) -> Iterator[Issue]:
    if "complaint" not in ctx.rights():
        path, key = where_missing(ctx, "rights")
        message = (
            "the right to lodge a complaint with a supervisory authority is not stated; "
            "add right: complaint, with the authority (e.g. the CNIL in France)"
        )
        yield Issue(message, path, key=key)
