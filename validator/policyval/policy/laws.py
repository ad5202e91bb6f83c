"""The laws policyval checks, as rule profiles, and how a policy selects them.

A profile is the set of rules one law asks of a privacy notice. It runs when the policy
declares the law (``policy.applicable_laws[].law``) or a jurisdiction the law governs
(``policy.jurisdictions``); ``--profile`` (or ``profiles`` in the configuration) chooses
instead. ``baseline`` always runs. Nothing is inferred from the text: a policy that names no
law and no place runs ``baseline`` only, and the report says which profiles did not run.

This module is light on purpose (the command line reads it to offer ``--profile`` choices).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """One law's rules: its id, what it is, and what in a policy selects it."""

    id: str
    title: str
    laws: frozenset[str] = frozenset()  # applicable_laws[].law values that select it
    places: frozenset[str] = frozenset()  # jurisdictions that select it; "XX" also matches "XX-*"
    eea: bool = False  # selected by any EEA member state (and its subdivisions), EU or EEA


PROFILES: tuple[Profile, ...] = (
    Profile("baseline", "Consistency and completeness any privacy notice needs"),
    Profile(
        "eu-gdpr",
        "EU General Data Protection Regulation (Regulation (EU) 2016/679), Arts 12-14 and the rights it names",
        laws=frozenset({"eu-gdpr", "fr-loi-78-17"}),
        places=frozenset({"EU", "EEA"}),
        eea=True,
    ),
    Profile(
        "eu-eprivacy",
        "ePrivacy Directive 2002/58/EC, Art. 5(3): storing or reading information on a device (cookies, trackers)",
        laws=frozenset({"eu-eprivacy", "eu-gdpr", "fr-loi-78-17"}),
        places=frozenset({"EU", "EEA"}),
        eea=True,
    ),
    Profile(
        "fr-loi-78-17",
        "French loi n° 78-17 (Informatique et Libertés) and the CNIL's guidance",
        laws=frozenset({"fr-loi-78-17"}),
        places=frozenset({"FR"}),
    ),
    Profile(
        "uk-gdpr",
        "UK GDPR and the Data Protection Act 2018",
        laws=frozenset({"uk-gdpr", "uk-dpa-2018"}),
        places=frozenset({"GB"}),
    ),
    Profile(
        "ca-pipeda",
        "Canada's PIPEDA, Schedule 1 (the ten fair information principles)",
        laws=frozenset({"ca-pipeda", "ca-provincial"}),
        places=frozenset({"CA"}),
    ),
    Profile(
        "ca-qc-law25",
        "Quebec's Act respecting the protection of personal information in the private sector, as amended by Law 25",
        laws=frozenset({"ca-qc-law-25"}),
        places=frozenset({"CA-QC"}),
    ),
    Profile(
        "us-ccpa",
        "California Consumer Privacy Act as amended by the CPRA, and the CPPA regulations (11 CCR 7000 ff.)",
        laws=frozenset({"us-ccpa", "us-ca-cpra"}),
        places=frozenset({"US-CA"}),
    ),
)

PROFILE_IDS: tuple[str, ...] = tuple(p.id for p in PROFILES)
_BY_ID = {p.id: p for p in PROFILES}


def get(profile: str) -> Profile | None:
    return _BY_ID.get(profile)


def _governs(place: str, profile: Profile, eea: frozenset[str]) -> bool:
    country = place.split("-", 1)[0]  # FR-75 is in FR; CA-QC is in CA
    if place in profile.places or country in profile.places:
        return True
    return profile.eea and country in eea


def selected(places: Iterable[str], laws: Iterable[str]) -> tuple[str, ...]:
    """The profiles a policy's declared jurisdictions and laws select, in catalogue order."""
    from policyval.policy import terms  # the EEA's members come from the vocabulary

    places, laws, eea = set(places), set(laws), terms.eea_members()
    found = {"baseline"}
    for profile in PROFILES[1:]:
        if laws & profile.laws or any(_governs(p, profile, eea) for p in places):
            found.add(profile.id)
    return tuple(p for p in PROFILE_IDS if p in found)


def unchecked_laws(laws: Iterable[str]) -> list[str]:
    """Declared laws that no profile checks (``other``, a US state law with no profile yet...)."""
    known = {law for p in PROFILES for law in p.laws}
    return sorted(set(laws) - known)
