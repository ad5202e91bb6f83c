"""A right must be exercisable: its route has to reach someone.

GDPR Art. 12(2): "The controller shall facilitate the exercise of data subject rights
under Articles 15 to 22"; Art. 13(2)(b) and 14(2)(c) tell people of their rights, and Art.
13(1)(a) requires "the contact details of the controller" (verified on GDPRhub; the UK GDPR
has the same wording). Under PIPEDA the same defect is ``pipeda/unreachable-route`` (Sch. 1,
4.8.2(b), 4.9, 4.10), so this rule does not run there and a route is reported once. A right
sent to "our senior management", or to "the following address:"
followed by nothing, cannot be exercised.

* error: every route the policy gives for a right (its ``exercise_via`` contacts or
  ``controller``, its schema 1.1 ``channels``, or else ``rights_requests``) lacks a usable
  channel. Usable: a channel with an address (e-mail, form, phone, post...), a postal
  address, or a channel found where the person already is (a link in each e-mail, a
  setting in the product or the browser). ``controller`` ("contact us") is usable when the
  controller, or one of its contacts for requests or privacy questions, is. Rights that
  share the same dead route are one finding.
* warning: a contact for requests or questions (role ``rights_requests``, ``general``,
  ``complaints`` or none) that announces channels and gives no address, when no right
  relies on it alone ("please contact us:" and nothing after it).

When the policy gives no address anywhere, ``contact/missing-contact`` says so and this rule
stays silent. Officers and representatives are ``contact/unreachable-officer``'s.

Passing example::

    schema_version: "1.0"
    contacts:
      - id: privacy
        role: rights_requests
        channels:
          - type: email
            value: privacy@example.com
    rights:
      - right: access
        exercise_via: [privacy]

Failing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Ltd
      channels:
        - type: phone
          value: "+44 20 7946 0000"
    contacts:
      - id: management
        role: rights_requests
        title: senior management
    rights:
      - right: access
        exercise_via: [management]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, terms
from policyval.rules import contact_missing_contact
from policyval.rules.base import Context, Issue, quoted

ID = "contact/unusable-rights-route"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 12(2), 13(1)(a), 13(2)(b); UK GDPR Art. 12(2), 13(1)(a), 13(2)(b)"
SUMMARY = "A right can be exercised only through a contact that gives no address."

_REQUEST_ROLES = (None, "rights_requests", "general", "complaints")
_US_ROLES = (*_REQUEST_ROLES, "privacy_officer", "data_protection_officer")


def _usable(entry: dict[str, Any]) -> bool:
    """A contact or controller with a usable channel or a postal address, itself or (schema 1.1)
    through the organisation that provides it (an external DPO service)."""
    address = terms.address_words(access.mapping(entry, "postal_address")).strip()
    provider = access.mapping(entry, "provided_by")
    return bool(terms.usable(entry.get("channels")) or address or (provider and _usable(provider)))


def _route_usable(ctx: Context, via: str) -> bool | None:
    """Whether the route ``via`` reaches someone; None for an id the policy does not declare."""
    if via == "controller":
        # "Contact us": the organisation, reachable through its own channels or any of its
        # contacts for requests and privacy questions (a privacy officer's e-mail).
        general = [c for _, c in ctx.section("contacts") if c.get("role") in _US_ROLES]
        return any(_usable(c) for c in [*(c for _, c in ctx.controllers()), *general])
    contact = access.by_id(c for _, c in ctx.section("contacts")).get(via)
    return None if contact is None else _usable(contact)


def _routes(ctx: Context, right: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """The right's own routes, or else those given for every request."""
    vias, channels = access.strings(right, "exercise_via"), access.items(right, "channels")
    if vias or channels:
        return vias, channels
    requests = ctx.mapping("rights_requests")
    return access.strings(requests, "exercise_via"), access.items(requests, "channels")


def _dead_routes(ctx: Context) -> dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]]:
    """Rights whose every route is dead, by the routes they share."""
    dead: dict[tuple[str, ...], list[tuple[int, dict[str, Any]]]] = {}
    for i, right in ctx.section("rights"):
        vias, channels = _routes(ctx, right)
        known = [v for v in vias if _route_usable(ctx, v) is not None]
        if (known or channels) and not terms.usable(channels) and not any(_route_usable(ctx, v) for v in known):
            dead.setdefault(tuple(known), []).append((i, right))
    return dead


def _route_error(ctx: Context, vias: tuple[str, ...], rights: list[tuple[int, dict[str, Any]]]) -> Issue:
    named = [str(r.get("right")) for _, r in rights]
    through = quoted(vias) if vias else "the channels given for it"
    give = "gives" if len(vias) == 1 else "give"
    what = f"the rights {quoted(named)} can" if len(named) > 1 else f"the right '{named[0]}' can"
    message = (
        f"{what} only be exercised through {through}, which {give} no address in the policy; publish a working "
        "e-mail, form URL, phone number or postal address for them and add it as a channel with its value"
    )
    paths: list[JsonPath] = [("rights", i) for i, _ in rights]
    return Issue(message, paths[0], related=tuple(paths[1:]))


def check(ctx: Context) -> Iterator[Issue]:
    if any(contact_missing_contact.check(ctx)):
        return
    dead = _dead_routes(ctx)
    for vias, rights in dead.items():
        yield _route_error(ctx, vias, rights)
    reported = {v for vias in dead for v in vias}
    for i, contact in ctx.section("contacts"):
        if contact.get("role") not in _REQUEST_ROLES or contact.get("id") in reported:
            continue
        if access.items(contact, "channels") and not _usable(contact):
            message = (
                f"contact '{contact.get('id')}' is announced as a way to reach the controller, but the policy gives "
                "no address for it; complete it with a working e-mail, form URL, phone number or postal address, "
                "or remove it"
            )
            yield Issue(message, ("contacts", i), severity=Severity.WARNING)
