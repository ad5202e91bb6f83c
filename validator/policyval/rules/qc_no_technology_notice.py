"""A Québec policy must say how to activate technology that can identify, locate or profile people.

CQLR c. P-39.1, s. 8.1 (as amended by S.Q. 2021, c. 25, in force 22 September 2023): "any
person who collects personal information from the person concerned using technology that
includes functions allowing the person concerned to be identified, located or profiled must
first inform the person (1) of the use of such technology; and (2) of the means available to
activate the functions that allow a person to be identified, located or profiled", where
profiling is "the collection and use of personal information to assess certain
characteristics of a natural person, in particular ... personal preferences, interests or
behaviour". Wording verified against its public-sector twin, A-2.1 s. 65.0.1 (legisquebec,
identical text), and two copies of P-39.1 s. 8.1.

Trackers whose category profiles or follows people (``analytics``, ``advertising``,
``social_media``, ``personalisation``) need a stated means of activating them: a consent
model on the tracker or on ``cookies`` (``prior_opt_in``, ``browser_settings``,
``opt_out_link``), an ``opt_out_link``, or ``cookies.controls`` (unless the policy records the
consent model as ``not_stated`` or ``none``, which says the text gives no means). That is an
error ("must first inform"). Trackers whose category is not stated (or ``other``) may have
such functions: a warning, since the policy does not show whether s. 8.1 applies.

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      consent_models: [prior_opt_in]
      trackers:
        - id: ads
          kind: cookie
          category: advertising

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: ads
          kind: cookie
          category: advertising
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue, quoted

ID = "qc/no-technology-notice"
SEVERITY = Severity.ERROR
PROFILES = ("ca-qc-law25",)
REFERENCE = "CQLR c. P-39.1, s. 8.1"
SUMMARY = "Technology that can identify, locate or profile people, with no means given to activate it."

# Tracker categories whose function is to follow or assess a person (s. 8.1 "profiled").
PROFILING = frozenset({"analytics", "advertising", "social_media", "personalisation"})
UNKNOWN = frozenset({None, "other"})
# Consent models that give a means to activate (or refuse) the function.
MEANS = frozenset({"prior_opt_in", "browser_settings", "opt_out_link"})
_SAYS_NONE = frozenset({"not_stated", "none"})


def _means(cookies: dict[str, Any], tracker: dict[str, Any]) -> bool:
    models = set(access.strings(tracker, "consent_models")) | set(access.strings(cookies, "consent_models"))
    if models & MEANS or tracker.get("opt_out_link") or access.items(cookies, "opt_out_links"):
        return True
    # Free-text controls count unless the policy itself records that no mechanism is stated.
    return bool(cookies.get("controls")) and not (models and models <= _SAYS_NONE)


def _name(tracker: dict[str, Any], i: int) -> str:
    named = tracker.get("id") or tracker.get("name") or tracker.get("description")
    return str(named or f"{tracker.get('kind') or 'tracker'} #{i + 1}")


def _issue(cookies: dict[str, Any], found: list[tuple[int, dict[str, Any]]], severity: Severity | None) -> Issue:
    names = quoted(_name(t, i) for i, t in found)
    if severity is None:
        what = "can profile people (assess their interests, preferences or behaviour)"
    else:
        what = "may identify, locate or profile people (their category is not stated)"
    message = (
        f"tracker(s) {names} {what}, and the policy does not say by what means people activate those functions; "
        "say how they are turned on (e.g. cookies.consent_models: [prior_opt_in] and, in cookies.controls, the "
        "banner or setting that activates them)"
    )
    paths = [("cookies", "trackers", i) for i, _ in found]
    return Issue(message, paths[0], severity=severity, related=tuple(paths[1:]))


def check(ctx: Context) -> Iterator[Issue]:
    cookies = ctx.mapping("cookies")
    silent = [(i, t) for i, t in access.indexed(cookies, "trackers") if not _means(cookies, t)]
    profiling = [(i, t) for i, t in silent if t.get("category") in PROFILING]
    unknown = [(i, t) for i, t in silent if t.get("category") in UNKNOWN and t.get("essential") != "yes"]
    if profiling:
        yield _issue(cookies, profiling, None)
    if unknown:
        yield _issue(cookies, unknown, Severity.WARNING)
