"""Trackers that need consent, and a policy that does not say consent is asked for them.

ePrivacy Directive 2002/58/EC Art. 5(3), as amended by Directive 2009/136/EC: storing or
reading information on a user's device "is only allowed on condition that the subscriber or
user concerned has given his or her consent, having been provided with clear and
comprehensive information", with an exemption only for what is "strictly necessary" for a
service the user asked for. The CNIL's guidelines of 17 September 2020 (délibération
2020-091, on loi 78-17 art. 82) ask that people be told, before they choose, of the purposes
of the trackers and of how to accept or refuse them; audience measurement is exempt only
within strict conditions. A notice that describes analytics or advertising trackers but does
not say whether consent is asked before they are set ("where required by law, we will seek
your consent") leaves people unable to tell whether they are set at once.

This rule reports the trackers that need consent (``_cookies.needs_consent``: said not to be
essential, or for analytics, advertising or social media and not said to be essential) whose
consent models (their own, else those of ``cookies``) are ``not_stated``: the text raises
consent and leaves open whether it is asked for them. Absent consent models are no statement
(schema 1.0 has no such field) and are not read. Trackers said to track before any interaction are left to
``cookies/social-plugin-tracks-before-use``, whose message already asks for consent first;
trackers set by browser settings, an opt-out link or continued use are
``cookies/consent-not-prior-opt-in``'s. One finding names every tracker concerned.

Severity: warning. Consent is given in the consent tool, not in the notice; what the notice
lacks is the statement that it is asked, which the person needs to judge the tracker.

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: audience
          kind: cookie
          category: analytics
          consent_models: [prior_opt_in]

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      consent_models: [prior_opt_in]
      trackers:
        - id: audience
          kind: cookie
          category: analytics
          consent_models: [not_stated]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/consent-not-stated"
SEVERITY = Severity.WARNING
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); loi 78-17 art. 82; CNIL guidelines of 17 September 2020"
SUMMARY = "Trackers that need consent, and the policy does not say consent is asked before they are set."


def _unsaid(models: list[str]) -> bool:
    return bool(models) and set(models) <= {"not_stated"}


def check(ctx: Context) -> Iterator[Issue]:
    found = [
        (path, t)
        for path, t in _cookies.trackers(ctx)
        if _cookies.needs_consent(t) and not t.get("tracks_before_interaction") and _unsaid(_cookies.models(ctx, t)[0])
    ]
    if not found:
        return
    paths = [p for p, _ in found]
    message = (
        f"the policy does not say that consent is asked before these trackers are set: {_cookies.names(found)}; "
        "say that they are set only after people agree, and how they accept or refuse (prior_opt_in in their "
        'consent_models), or why they are exempt (essential: "yes", e.g. the CNIL\'s audience-measurement exemption)'
    )
    yield Issue(message, paths[0], related=tuple(paths[1:]))
