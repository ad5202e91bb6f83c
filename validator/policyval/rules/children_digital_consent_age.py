"""A service open to children below the national age of digital consent, relying on consent,
must say how a parent consents for them.

GDPR Art. 8(1): where Art. 6(1)(a) applies "in relation to the offer of information society
services directly to a child, the processing of the personal data of a child shall be lawful
where the child is at least 16 years old. Where the child is below the age of 16 years, such
processing shall be lawful only if and to the extent that consent is given or authorised by
the holder of parental responsibility over the child. Member States may provide by law for a
lower age for those purposes provided that such lower age is not below 13 years." Art. 8(2):
the controller "shall make reasonable efforts to verify" that consent. The national ages
come from the facts table ``digital-consent-ages`` (each with its provision, source and
date); France: 15, with consent given jointly by the minor and a parent (loi 78-17 art. 45).

The rule reports a policy that relies on consent, gives a ``children.minimum_age`` below the
age of a country among its jurisdictions (else its controllers' countries), and does not say
how a parent consents (``children.description`` mentions no parent or guardian). It stays
silent when the policy states that it does not collect children's data (``absences`` topic
``children_data`` naming no lower age): the policy's "children" then covers the national age
("not directed at children under 13, or such higher age as applicable under local law").
Severity: warning: Art. 8 applies only to services offered directly to children and to
processing based on consent, which a notice seldom shows for every purpose.

Verified against: the Art. 8 text (privacy-regulation.eu, as cited in the facts table) and,
for France, the CNIL's recommendation 4 of 9 June 2021 ("L'article 45 de la loi Informatique et
Libertés prévoit que ... le ou les titulaires de l'autorité parentale doivent donner leur
accord conjointement avec celui de leur enfant si celui-ci a moins de 15 ans").

Passing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [DE]
    legal_bases:
      - basis: eu-gdpr:A6-1-a
        unmapped: true
    children:
      minimum_age: 16

Failing example::

    schema_version: "1.1"
    policy:
      jurisdictions: [DE]
    legal_bases:
      - basis: eu-gdpr:A6-1-a
        unmapped: true
    children:
      minimum_age: 13
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, facts
from policyval.policy.terms import is_consent
from policyval.rules.base import Context, Issue

ID = "children/digital-consent-age"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr",)
REFERENCE = "GDPR Art. 8(1)-(2); national ages (e.g. loi 78-17 art. 45)"
SUMMARY = "A service open to children below the national digital-consent age relies on consent, no parent named."

_PARENT = re.compile(r"parent|guardian|tuteur|autorit[ée] parentale|erziehungsberechtigt|eltern", re.IGNORECASE)


def _countries(ctx: Context) -> list[str]:
    places = access.strings(ctx.mapping("policy"), "jurisdictions")
    if not places:
        places = [str(c.get("country")) for _, c in ctx.controllers() if c.get("country")]
    return list(dict.fromkeys(p.split("-", 1)[0] for p in places))


def _no_children_data(ctx: Context, age: int) -> bool:
    """A statement that no data of children is collected, naming no age below ``age``."""
    for absence in access.items(ctx.data, "absences"):
        if absence.get("topic") == "children_data":
            ages = [int(n) for n in re.findall(r"\b(\d{1,2})\b", str(absence.get("description") or ""))]
            if all(a >= age for a in ages):
                return True
    return False


def _where(entry: dict[str, Any], minimum: int) -> str:
    joint = "conjointement" in entry["provision"] or "joint" in entry["provision"]
    how = "jointly by the child and a parent" if joint else "or authorised by a parent"
    ages = f"{minimum}-{entry['age'] - 1}" if entry["age"] - 1 > minimum else str(minimum)
    provision = entry["provision"].split(":", 1)[0]
    return f"{entry['country']} ({entry['age']}, {provision}: consent given {how} for users aged {ages})"


def check(ctx: Context) -> Iterator[Issue]:
    children = ctx.mapping("children")
    minimum = children.get("minimum_age")
    if not isinstance(minimum, int) or not any(is_consent(b) for _, b in ctx.legal_bases()):
        return
    if _PARENT.search(str(children.get("description") or "")):
        return
    entries = [e for c in _countries(ctx) if (e := facts.digital_consent_age(c)) and e["age"] > minimum]
    if not entries or _no_children_data(ctx, max(e["age"] for e in entries)):
        return
    message = (
        f"the service is open from age {minimum} and relies on consent, but below the age of digital consent "
        f"children cannot consent alone (GDPR Art. 8(1)): {'; '.join(_where(e, minimum) for e in entries)}; say how "
        f"that consent is obtained and checked (children.description), or raise the minimum age to "
        f"{max(e['age'] for e in entries)}"
    )
    yield Issue(message, ("children", "minimum_age"))
