"""Dated facts the rules rest on, as data tables with their source and date.

Adequacy decisions, invalidated transfer instruments, national ages of digital consent, UK
adequacy regulations and US state privacy laws change with time; they are kept in
``policy/facts/*.json``, each entry with the ``source`` it was read from and the date it is
current to (``as_of``), and each table with the date it was ``checked``. A rule cites the
entry it relied on, so a reader can tell how current a finding is.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

TABLES = ("adequacy", "invalid-instruments", "digital-consent-ages", "uk-adequacy", "us-states")


@cache
def table(name: str) -> dict[str, Any]:
    """One table, as committed (``name`` is one of ``TABLES``)."""
    if name not in TABLES:
        raise KeyError(f"no facts table {name!r}; known: {', '.join(TABLES)}")
    text = (resources.files("policyval.policy") / "facts" / f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def adequacy_decision(country: str) -> dict[str, Any] | None:
    """The European Commission adequacy decision (GDPR Art. 45) covering ``country``, if any."""
    return next((d for d in table("adequacy")["decisions"] if d["country"] == country), None)


def digital_consent_age(country: str) -> dict[str, Any] | None:
    """The GDPR Art. 8(1) age of digital consent in ``country`` (an EEA member), with its
    provision, source and date; None for a country the table does not list."""
    entry = table("digital-consent-ages")["countries"].get(country)
    return None if entry is None else {"country": country, **entry}


def us_state_law(law: str) -> dict[str, Any]:
    """The entry of a US state privacy law (``us-ca-ccpa``, ``us-va-vcdpa``...) in ``us-states``."""
    return next(entry for entry in table("us-states")["laws"] if entry["id"] == law)


def invalid_instrument(table_id: str) -> dict[str, Any] | None:
    """The entry of the invalid-instruments table with this ``id`` (e.g. ``us-privacy-shield``)."""
    return next((i for i in table("invalid-instruments")["instruments"] if i["id"] == table_id), None)


def uk_adequacy(country: str) -> dict[str, Any] | None:
    """The UK adequacy regulations entry (UK GDPR Art. 45A; DPA 2018 Sch. 21 para 5) covering
    ``country``, if any. ``partial`` entries cover only some recipients (the US: organisations
    certified under the UK Extension to the EU-U.S. Data Privacy Framework)."""
    return next((e for e in table("uk-adequacy")["entries"] if country in e.get("countries", [])), None)
