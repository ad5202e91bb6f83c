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
