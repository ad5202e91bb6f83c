"""A controller established outside the Union (or the UK) names no representative there.

GDPR Art. 27(1): "Where Article 3(2) applies, the controller or the processor shall designate in
writing a representative in the Union"; Art. 27(3): the representative "shall be established in
one of the Member States where the data subjects ... are". Art. 13(1)(a) and 14(1)(a) then ask
for "the identity and the contact details of the controller and, where applicable, of the
controller's representative". The UK GDPR has the same Art. 27 with "a representative in the
United Kingdom".

Each rule of this family fires when its profile runs (the policy addresses people under that
law), every controller whose country is known (``country``, or its postal address) is
established outside the law's territory, none is established inside it, and no contact with
``role: representative`` is there (a representative whose country is stated elsewhere does not
count). It is silent when no controller's country is known, and on a statement of absence about
the representative (``absences: [{topic: other, description: "... representative ..."}]``:
schema 1.1 has no topic of its own for it).

Severity: warning. Art. 27 applies only where Art. 3(2) does (offering goods or services to, or
monitoring, people in the territory), and Art. 27(2) exempts "processing which is occasional,
does not include, on a large scale, processing of special categories ... and is unlikely to
result in a risk", and public authorities; a notice does not show whether processing is
occasional or low-risk, so the duty cannot be told for certain ("where applicable").

Verified (search, 2026-12-02): GDPR Art. 27(1)-(3) (gdpr.eu; gdprhub.eu Article 27); Art. 13(1)(a)
(betterregulation.com copy of Art. 13); UK GDPR Art. 27 "a representative in the United Kingdom"
from the researcher's notes (mishcon.com/uk-gdpr/article-27), not re-read here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, terms
from policyval.rules.base import Check, Context, Issue, Rule


@dataclass(frozen=True)
class Territory:
    """Where a representative must be: the law's words and its test of a country."""

    words: str  # "the Union (EU/EEA)"
    law: str  # "GDPR Art. 27"
    example: str  # a country code for the message
    inside: Callable[[str], bool]


def _country(party: dict[str, Any]) -> str | None:
    found = party.get("country") or access.mapping(party, "postal_address").get("country")
    return str(found) if found else None


def _representative_country(contact: dict[str, Any]) -> str | None:
    provider = access.mapping(contact, "provided_by")
    return _country(contact) or _country(provider)


def _exempt(ctx: Context) -> bool:
    """A statement of absence about the representative (1.1 has no topic of its own for it)."""
    return any(
        "representative" in str(a.get("description") or "").casefold()
        for a in access.items(ctx.data, "absences")
        if a.get("topic") == "other"
    )


def _represented(ctx: Context, where: Territory) -> bool:
    """A representative contact established in the territory, or whose country is not stated."""
    for _, contact in ctx.section("contacts"):
        if contact.get("role") == "representative":
            country = _representative_country(contact)
            if country is None or where.inside(country):
                return True
    return False


def _outsiders(ctx: Context, where: Territory) -> list[tuple[JsonPath, str, str]]:
    """(path, name, country) of the controllers established outside; empty if one is inside."""
    found: list[tuple[JsonPath, str, str]] = []
    for path, controller in ctx.controllers():
        country = _country(controller)
        if country is None:
            continue
        if where.inside(country):
            return []
        where_said: JsonPath = ("country",) if controller.get("country") else ("postal_address", "country")
        name = str(controller.get("legal_name") or controller.get("id") or "the controller")
        found.append(((*path, *where_said), name, country))
    return found


def check_for(where: Territory) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        outside = _outsiders(ctx, where)
        if not outside or _represented(ctx, where) or _exempt(ctx):
            return
        names = ", ".join(f"{name} ({terms.label(country)})" for _, name, country in outside)
        message = (
            f"the controller is established outside {where.words}: {names}; name its representative in "
            f"{where.words} ({where.law}) with contact details, as contacts: [{{role: representative, "
            f"postal_address: {{country: {where.example}}}, channels: [...]}}], or state why none is required "
            "(Art. 27(2): occasional, low-risk processing, or a public authority)"
        )
        yield Issue(message, outside[0][0], related=tuple(p for p, _, _ in outside[1:]))

    return check


EU = Territory("the Union", "GDPR Art. 27", "IE", lambda c: c in terms.eea_members())
UK = Territory("the United Kingdom", "UK GDPR Art. 27", "GB", lambda c: c == "GB")

NO_EU_REPRESENTATIVE = Rule(
    "controller/no-eu-representative",
    Severity.WARNING,
    ("eu-gdpr",),
    "GDPR Art. 27, 3(2), 13(1)(a), 14(1)(a)",
    "A controller established outside the EU names no representative in the Union.",
    """A controller established outside the EU/EEA, addressing people in the EU, names no EU representative.

GDPR Art. 27(1) asks a controller to which Art. 3(2) applies to designate a representative in the
Union, and Art. 13(1)(a) / 14(1)(a) to give its identity and contact details. Warning: the Art.
27(2) exemptions (occasional, low-risk processing; public authorities) cannot be told from a
notice. A controller established in the EEA, or a representative contact in it, passes.

Passing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [FR]
    controller:
      legal_name: Example Inc.
      country: US
    contacts:
      - id: eu-rep
        role: representative
        name: Example EU Representative Ltd
        postal_address:
          text: 1 Example Quay, Dublin 2
          country: IE

Failing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [FR]
    controller:
      legal_name: Example Inc.
      country: US
""",
    check_for(EU),
)

NO_UK_REPRESENTATIVE = Rule(
    "controller/no-uk-representative",
    Severity.WARNING,
    ("uk-gdpr",),
    "UK GDPR Art. 27, 3(2), 13(1)(a), 14(1)(a)",
    "A controller established outside the UK names no representative in the United Kingdom.",
    """A controller established outside the UK, addressing people in the UK, names no UK representative.

UK GDPR Art. 27(1) asks a controller to which Art. 3(2) applies to designate a representative in
the United Kingdom (an EU representative does not count), and Art. 13(1)(a) / 14(1)(a) to give its
identity and contact details. Warning, for the same Art. 27(2) exemptions as under the EU GDPR.

Passing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [GB]
    controller:
      legal_name: Example SAS
      country: FR
    contacts:
      - id: uk-rep
        role: representative
        postal_address:
          text: 1 Example Street, London EC1A 1AA
          country: GB

Failing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [GB]
    controller:
      legal_name: Example SAS
      country: FR
    contacts:
      - id: eu-rep
        role: representative
        postal_address:
          text: 1 Example Quay, Dublin 2
          country: IE
""",
    check_for(UK),
)

RULES = (NO_EU_REPRESENTATIVE, NO_UK_REPRESENTATIVE)
