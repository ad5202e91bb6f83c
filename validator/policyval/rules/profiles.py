"""Which rule profiles apply to a policy: the ones its declared jurisdictions and laws select
(``policy.laws``), or the ones ``--profile`` / the configuration choose.

A profile that has no rule yet is never reported as run: the report must not claim a law
was checked when nothing checked it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policyval.policy import access, laws
from policyval.rules import RULES

# Profiles some rule belongs to (baseline always has rules).
_CHECKED = frozenset(p for rule in RULES for p in rule.profiles)


def without_rules(profiles: Iterable[str]) -> list[str]:
    """Those of ``profiles`` that no rule of this policyval belongs to yet."""
    return [p for p in profiles if p not in _CHECKED]


def declared(data: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The jurisdictions and laws a policy declares."""
    policy = access.mapping(data, "policy")
    places = access.strings(policy, "jurisdictions")
    named = [str(law.get("law")) for law in access.items(policy, "applicable_laws")]
    return places, named


def detect(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The profiles a policy declares itself under, in catalogue order."""
    return tuple(p for p in laws.selected(*declared(data)) if p in _CHECKED)


def chosen(data: Mapping[str, Any], override: Iterable[str] | None) -> tuple[str, ...]:
    """``override`` (from --profile) replaces detection; ``baseline`` always runs."""
    if override is None:
        return detect(data)
    wanted = {"baseline", *override}
    return tuple(p for p in laws.PROFILE_IDS if p in wanted and p in _CHECKED)


def declares_nothing(data: Mapping[str, Any]) -> bool:
    """A policy that names neither a jurisdiction nor a law."""
    places, named = declared(data)
    return not places and not named


def unapplied(data: Mapping[str, Any], ran: Iterable[str]) -> tuple[str, ...]:
    """The profiles with rules that did not run on a policy because it declares no jurisdiction
    and no law, so only ``baseline`` ran: what the run must say it did not check (nothing is
    inferred from the text). None when profiles were chosen (``--profile``) beyond baseline.
    meta/no-jurisdiction and the run's summary both ask this, so they cannot disagree."""
    if set(ran) != {"baseline"} or not declares_nothing(data):
        return ()
    return tuple(p for p in laws.PROFILE_IDS if p in _CHECKED and p not in set(ran))
