"""A brand is not an identity: the controller needs its legal name and an address.

GDPR Art. 13(1)(a) and 14(1)(a) require "the identity and the contact details of the
controller" (text verified on GDPRhub, Articles 13 and 14 GDPR; the UK GDPR has the same
wording). A trading or app name does not say which legal person is responsible, and with
no postal address or register number nobody can find that person to write to, complain
about or sue.

``contact/no-controller-name`` reports a controller with no name at all; this rule takes
the controller that has only trading names (``other_names``):

* no ``legal_name``, and neither a postal address (``postal_address``, or a postal channel
  with a value) nor ``registration_numbers``: error, the controller cannot be identified;
* no ``legal_name`` but an address or a register number: warning, the legal person can be
  traced but is not named.

Passing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Apps SAS
      other_names: [PhotoApp]
      postal_address:
        text: 1 rue de l'Exemple, 75001 Paris, France

Failing example::

    schema_version: "1.0"
    controller:
      other_names: [PhotoApp]
      channels:
        - type: email
          value: contact@photoapp.example
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted

ID = "contact/controller-not-identifiable"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 13(1)(a), 14(1)(a); UK GDPR Art. 13(1)(a), 14(1)(a)"
SUMMARY = "The controller is known only by a trading name, with no legal name and no address."


def _traceable(controller: dict[str, Any]) -> bool:
    """A postal address or a register number: something that leads to the legal person."""
    address = access.mapping(controller, "postal_address")
    postal = [c for c in terms.reachable(controller.get("channels")) if c.get("type") == "postal"]
    return bool(terms.address_words(address).strip() or postal or access.items(controller, "registration_numbers"))


def check(ctx: Context) -> Iterator[Issue]:
    for path, controller in ctx.controllers():
        names = access.strings(controller, "other_names")
        if str(controller.get("legal_name") or "").strip() or not names:
            continue
        if _traceable(controller):
            message = f"the controller is named only as {quoted(names)}; give its legal (registered) name in legal_name"
            yield Issue(message, path, severity=Severity.WARNING)
        else:
            message = (
                f"the controller is known only as {quoted(names)}, with no legal name, postal address or register "
                "number, so it cannot be identified; give the company's legal (registered) name and postal address"
            )
            yield Issue(message, path)
