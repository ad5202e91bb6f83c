"""Which rule profiles apply to a policy, from the jurisdictions and laws it declares.

* ``baseline``: every policy.
* ``eu-gdpr``: a jurisdiction in the EEA (a member country or one of its subdivisions, or
  EU / EEA itself), or an applicable law ``eu-gdpr`` or ``fr-loi-78-17``.
* ``ca-pipeda``: jurisdiction ``CA`` or a Canadian province (``CA-*``), or an applicable law
  ``ca-pipeda`` or ``ca-provincial``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policyval.policy import terms
from policyval.rules.base import PROFILES

EU_LAWS = frozenset({"eu-gdpr", "fr-loi-78-17"})
CA_LAWS = frozenset({"ca-pipeda", "ca-provincial"})


def _declared(data: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    policy = data.get("policy") if isinstance(data.get("policy"), dict) else {}
    assert isinstance(policy, dict)
    places = {str(j) for j in policy.get("jurisdictions") or []}
    laws = {str(law.get("law")) for law in policy.get("applicable_laws") or [] if isinstance(law, dict)}
    return places, laws


def detect(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The profiles a policy declares itself under, in catalogue order."""
    places, laws = _declared(data)
    countries = {p.split("-", 1)[0] for p in places}  # FR-75 is in FR
    found = {"baseline"}
    if countries & terms.eea_members() or places & {"EU", "EEA"} or laws & EU_LAWS:
        found.add("eu-gdpr")
    if "CA" in countries or laws & CA_LAWS:
        found.add("ca-pipeda")
    return tuple(p for p in PROFILES if p in found)


def chosen(data: Mapping[str, Any], override: Iterable[str] | None) -> tuple[str, ...]:
    """``override`` (from --profile) replaces detection; ``baseline`` always runs."""
    if override is None:
        return detect(data)
    wanted = {"baseline", *override}
    return tuple(p for p in PROFILES if p in wanted)
