"""A PIPEDA policy must say how people get access to their information.

PIPEDA Schedule 1, principle 4.9 (Individual Access): "Upon request, an individual shall
be informed of the existence, use, and disclosure of his or her personal information and
shall be given access to that information", and 4.8.2(b) requires "the means of gaining
access". Declare ``right: access`` with how to make the request (``exercise_via`` a
contact, or the controller's channels; in schema 1.1 also ``channels`` on the right or in
``rights_requests``, such as a form or an in-product setting).

Passing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Inc.
    rights:
      - right: access
        exercise_via: [privacy]
    contacts:
      - id: privacy
        role: privacy_officer
        channels:
          - type: email
            value: privacy@example.ca

Failing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Inc.
    rights:
      - right: challenge_compliance
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue, where_missing

ID = "pipeda/no-access-procedure"
SEVERITY = Severity.ERROR
PROFILES = ("ca-pipeda",)
REFERENCE = "PIPEDA Sch. 1, 4.9, 4.8.2(b)"
SUMMARY = "No procedure for people to access their personal information."


def _reachable(ctx: Context) -> bool:
    channels = [ctx.mapping("controller").get("channels")] + [c.get("channels") for _, c in ctx.section("contacts")]
    return any(terms.reachable(c) for c in channels)


def _how(ctx: Context, right: dict[str, Any]) -> bool:
    """The right says how to request it: contacts, or (schema 1.1) channels such as a form or an
    in-product setting, for this right or for every right (rights_requests)."""
    requests = ctx.mapping("rights_requests")
    return any(bool(node.get(k)) for node in (right, requests) for k in ("exercise_via", "channels"))


def check(ctx: Context) -> Iterator[Issue]:
    declared = ctx.rights().get("access")
    if declared is None:
        path, key = where_missing(ctx, "rights")
        message = "the policy does not say how people can access their personal information; " + _FIX
        yield Issue(message, path, key=key)
    elif not _how(ctx, declared[1]) and not _reachable(ctx):
        message = "the right of access is stated but not how to request it; " + _FIX
        yield Issue(message, ("rights", declared[0]))


_FIX = "add right: access with exercise_via naming the contact that handles requests"
