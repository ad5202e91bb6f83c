"""Someone must be reachable: the controller, or a contact for exercising rights.

GDPR Art. 13(1)(a) requires the controller's contact details, Art. 12(2) a way to
exercise rights, and PIPEDA 4.8.2(a) the address of the person accountable. The rule fires
when neither the controller (its channels or postal address; in schema 1.1, any of the
``controllers``) nor any contact, nor a channel given for exercising rights (1.1's
``rights[].channels`` and ``rights_requests.channels``), has a channel with an actual
address, number or URL: a channel without ``value`` records a blank left in
the source text, and a ``website`` is not a way to write to anyone.

Passing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Shop SAS
      channels:
        - type: email
          value: privacy@shop.example.fr

Failing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Shop SAS
      channels:
        - type: email
          description: the address is left blank in the text
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import terms
from policyval.rules.base import Context, Issue, where_missing

ID = "contact/missing-contact"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 13(1)(a), 12(2); PIPEDA 4.8.2(a)"
SUMMARY = "No contact channel with an address for the controller or for exercising rights."


def _reachable(controller: dict[str, Any]) -> bool:
    address = controller.get("postal_address")
    return bool(terms.reachable(controller.get("channels"))) or (
        isinstance(address, dict) and bool(str(address.get("text") or "").strip())
    )


def _request_channels(ctx: Context) -> list[Any]:
    """Schema 1.1: the channels given for exercising rights, for one right or for all."""
    return [r.get("channels") for _, r in ctx.section("rights")] + [ctx.mapping("rights_requests").get("channels")]


def check(ctx: Context) -> Iterator[Issue]:
    if any(_reachable(controller) for _, controller in ctx.controllers()):
        return
    if any(terms.reachable(contact.get("channels")) for _, contact in ctx.section("contacts")):
        return
    if any(terms.reachable(channels) for channels in _request_channels(ctx)):
        return
    path, key = where_missing(ctx, "controller", "channels")
    message = (
        "the policy gives no address to contact the controller or to exercise rights; publish one "
        "(an e-mail, web form, phone or postal address) and add it as a channel with its value"
    )
    yield Issue(message, path, key=key)
