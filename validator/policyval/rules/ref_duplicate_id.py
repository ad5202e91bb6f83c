"""Ids must be unique within their list.

Other entries refer to data categories, purposes, recipients and contacts by id, so two
entries with the same id make every reference to it ambiguous. ``controller`` is reserved
in contacts: ``exercise_via: [controller]`` means the controller's own channels.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: orders
      - id: newsletter

Failing example::

    schema_version: "1.0"
    purposes:
      - id: orders
      - id: orders
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import shape
from policyval.rules.base import Context, Issue

ID = "ref/duplicate-id"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval consistency"
SUMMARY = "Two entries of the same list share an id, so references to it are ambiguous."


# Every top-level list whose entries carry an id, from the schema tables (1.1 adds
# controllers, legal_bases, opt_out_links, documents, absences and claims).
SECTIONS = tuple(
    path.removesuffix("[].id")
    for path, _ in shape.PATHS[shape.LATEST]
    if path.endswith("[].id") and path.removesuffix("[].id").isidentifier()
)


def check(ctx: Context) -> Iterator[Issue]:
    for section in SECTIONS:
        first: dict[str, int] = {}
        for i, item in ctx.section(section):
            if "id" not in item:
                continue
            ident = str(item["id"])
            if section == "contacts" and ident == "controller":
                message = "'controller' is reserved (exercise_via: [controller] means the controller); rename it"
                yield Issue(message, (section, i, "id"))
            elif ident in first:
                message = (
                    f"id '{ident}' is already used by {section} item {first[ident]}; "
                    "give each entry its own id (or merge the two)"
                )
                yield Issue(message, (section, i, "id"))
            else:
                first[ident] = i
