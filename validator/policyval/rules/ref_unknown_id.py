"""Every id a policy refers to must be declared.

Purposes name the data categories they use, recipients and retention statements name
purposes and data categories, transfers name recipients, and rights name the contacts
(or ``controller``) through which they are exercised. A reference to an id that is not
declared in its list is a typo or a statement that was deleted: the link it was meant to
make is lost.

Passing example::

    schema_version: "1.0"
    data_categories:
      - id: email
    purposes:
      - id: newsletter
        data_categories: [email]

Failing example::

    schema_version: "1.0"
    data_categories:
      - id: email
    purposes:
      - id: newsletter
        data_categories: [emial]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import shape
from policyval.rules.base import Context, Issue

ID = "ref/unknown-id"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval consistency"
SUMMARY = "A reference (purpose, data category, recipient, contact) names an id that is not declared."


# (list, field in its items, list whose ids the field refers to), from the schema tables.
REFERENCES = shape.REFERENCES[shape.LATEST]


def _message(ref: str, target: str, known: list[str]) -> str:
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"'{ref}' is not the id of any entry in '{target}'; {hint}declare it there or correct the reference"


def check(ctx: Context) -> Iterator[Issue]:
    for section, attr, target in REFERENCES:
        known = ctx.ids(target) + (["controller"] if attr == "exercise_via" else [])
        for i, item in ctx.section(section):
            for k, ref in enumerate(item.get(attr) or []):
                if ref not in known:
                    yield Issue(_message(str(ref), target, known), (section, i, attr, k))
