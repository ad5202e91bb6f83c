"""Every id a policy refers to must be declared.

Purposes name the data categories they use, recipients and retention statements name
purposes and data categories, transfers name recipients, and rights name the contacts
(or ``controller``) through which they are exercised; in schema 1.1 trackers, statements
of absence, claims and policy-level legal bases name them too, and trackers name their
opt-out links. A reference to an id that is not
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
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import shape
from policyval.rules.base import Context, Issue

ID = "ref/unknown-id"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "policyval consistency"
SUMMARY = "A reference (purpose, data category, recipient, contact) names an id that is not declared."


# (path, list whose ids the field at that path holds), from the schema tables. The latest
# version's paths: every earlier version's fields are among them.
REFERENCES = shape.REFERENCES[shape.LATEST]


def _message(ref: str, target: str, known: list[str]) -> str:
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"'{ref}' is not the id of any entry in '{target}'; {hint}declare it there or correct the reference"


def _at(node: Any, steps: tuple[str, ...], path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    """Every value found at ``steps`` under ``node`` ("*": each item of a list), with its path."""
    if not steps:
        yield path, node
    elif steps[0] == "*" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from _at(item, steps[1:], (*path, i))
    elif isinstance(node, dict) and steps[0] in node:
        yield from _at(node[steps[0]], steps[1:], (*path, steps[0]))


def _known(ctx: Context, steps: tuple[str, ...], target: str) -> list[str]:
    known = ctx.ids(target)
    if steps[-1] == "exercise_via":
        known.append("controller")  # exercise_via: [controller] means the controller's own channels
    if target == "controllers" and "id" in ctx.mapping("controller"):
        known.append(str(ctx.mapping("controller")["id"]))  # 'controller' may carry an id too
    return known


def check(ctx: Context) -> Iterator[Issue]:
    for steps, target in REFERENCES:
        known: list[str] | None = None
        for path, value in _at(ctx.data, steps, ()):
            known = _known(ctx, steps, target) if known is None else known
            refs = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for k, ref in refs:
                if ref not in known:
                    yield Issue(_message(str(ref), target, known), path if k is None else (*path, k))
