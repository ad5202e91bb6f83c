"""An audience-measurement cookie set without consent should last at most 13 months, its data
kept at most 25 months (CNIL).

Under loi 78-17 art. 82, trackers "strictement nécessaire[s] à la fourniture d'un service de
communication en ligne à la demande expresse de l'utilisateur" need no consent. The CNIL
accepts audience measurement in that exemption when it is strictly limited to measuring the
site's audience for the publisher alone and produces anonymous statistics only (CNIL,
"Cookies : solutions pour les outils de mesure d'audience", 4 July 2025, on its guidelines of
17 September 2020, délibération 2020-091, art. 5), and recommends limiting the cookie's
lifetime to 13 months, not extended at each visit, and keeping the data it produces 25 months
at most. Severity: warning: these are the CNIL's recommendations (soft law), and only under
French law.

The rule reports an analytics tracker the text treats as exempt (``essential: "yes"``, or
consent model ``none``) whose ``lifetime.duration`` is longer than 13 months, or whose
purposes or data categories have a stated retention longer than 25 months.

Verified against: cnil.fr/fr/node/167364 (4 July 2025, the conditions of the exemption), and
its recommendations on 13 and 25 months as given by dune.fr ("limiter la durée de vie des
cookies à 13 mois (sans proroger cette durée à chaque visite ...) et conserver les données
issues de ces cookies pendant 25 mois maximum") and quantic-avocats.com (3 October 2025).

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: audience
          kind: cookie
          category: analytics
          essential: "yes"
          lifetime:
            kind: persistent
            duration: P13M

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: audience
          kind: cookie
          category: analytics
          essential: "yes"
          lifetime:
            kind: persistent
            duration: P2Y
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, terms
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/cnil-audience-lifetime"
SEVERITY = Severity.WARNING
PROFILES = ("fr-loi-78-17",)
REFERENCE = "Loi 78-17 art. 82; CNIL délibération 2020-091 art. 5; CNIL audience measurement (4 July 2025)"
SUMMARY = "An audience cookie exempt from consent lasts over 13 months, or its data is kept over 25 months."

COOKIE_MAX, DATA_MAX = "P13M", "P25M"


def exempt_audience(ctx: Context, tracker: dict[str, Any]) -> bool:
    claimed = tracker.get("essential") == "yes" or "none" in _cookies.models(ctx, tracker)[0]
    return claimed and tracker.get("category") == "analytics"


def longer(duration: Any, limit: str) -> bool:
    return isinstance(duration, str) and terms.compare_durations(limit, duration) == 1


def _kept_too_long(ctx: Context, tracker: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    uses = set(access.strings(tracker, "purposes")) | set(access.strings(tracker, "data_categories"))
    for i, entry in access.indexed(ctx.data, "retention"):
        covered = set(access.strings(entry, "purposes")) | set(access.strings(entry, "data_categories"))
        if uses & covered and longer(entry.get("duration"), DATA_MAX):
            yield ("retention", i, "duration"), str(entry["duration"])


def check(ctx: Context) -> Iterator[Issue]:
    for path, tracker in _cookies.trackers(ctx):
        if not exempt_audience(ctx, tracker):
            continue
        who = _cookies.name(tracker, path)
        lifetime = access.mapping(tracker, "lifetime")
        if longer(lifetime.get("duration"), COOKIE_MAX):
            lasts = terms.describe_duration(lifetime["duration"])
            message = (
                f"{who} is set without consent as audience measurement but lasts {lasts}; "
                "the CNIL recommends at most 13 months, not extended at each visit: shorten it, or ask for consent"
            )
            yield Issue(message, (*path, "lifetime", "duration"))
        for where, duration in _kept_too_long(ctx, tracker):
            kept = terms.describe_duration(duration)
            message = (
                f"the data of {who}, an audience cookie set without consent, is kept {kept}; "
                "the CNIL recommends keeping it 25 months at most: shorten the retention, or ask for consent"
            )
            yield Issue(message, where)
