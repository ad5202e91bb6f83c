"""The controller must be named.

GDPR Art. 13(1)(a) and 14(1)(a) require "the identity ... of the controller", and PIPEDA
4.1.4 the organisation responsible. A policy whose ``controller`` has neither a
``legal_name`` nor any ``other_names`` (trading name, brand, app name) tells nobody who is
responsible for their data. In schema 1.1 every entry of ``controllers`` must be named too.

Passing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Shop SAS

Failing example::

    schema_version: "1.0"
    controller:
      country: FR
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.rules.base import Context, Issue, where_missing

ID = "contact/no-controller-name"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(a), 14(1)(a); PIPEDA 4.1.4"
SUMMARY = "The controller has neither a legal name nor another name."


def _named(controller: dict[str, Any]) -> bool:
    names = [controller.get("legal_name"), *(controller.get("other_names") or [])]
    return any(str(n or "").strip() for n in names)


def check(ctx: Context) -> Iterator[Issue]:
    controllers = ctx.controllers()
    if not controllers:
        path, key = where_missing(ctx, "controller")
        yield Issue(_MESSAGE, path, key=key)
    for path, controller in controllers:
        if _named(controller):
            continue
        if path == ("controller",):
            yield Issue(_MESSAGE, path, key=True)
        else:
            yield Issue(
                f"controllers item {path[1]} has no name; add its legal_name (or the trading name in other_names)", path
            )


_MESSAGE = "the controller has no name; add controller.legal_name (or the trading name in other_names)"
