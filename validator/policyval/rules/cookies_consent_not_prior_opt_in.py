"""Trackers that need consent must be set only after people agree, not until they refuse.

ePrivacy Directive 2002/58/EC Art. 5(3), as amended by Directive 2009/136/EC: storing or
reading information on a user's device "is only allowed on condition that the subscriber or
user concerned has given his or her consent, having been provided with clear and
comprehensive information". The CJEU (Planet49, C-673/17, 1 October 2019) held that this
consent "is not validly constituted by way of a pre-ticked checkbox, which the user must
deselect to refuse consent": consent must be an active, prior choice. The CNIL (lignes
directrices of 17 September 2020, délibération 2020-091, on loi 78-17 art. 82) holds that
browser settings cannot, as browsers stand, express valid consent, and that continuing to
browse is not consent. A tracker that is set unless people change their browser settings,
click an opt-out link, or stop using the site is therefore set without consent.

This rule reports the trackers that need consent (``_cookies.needs_consent``: said not to be
essential, or for analytics, advertising or social media and not said to be essential) when
the text says how consent is obtained for them (their ``consent_models``, else those of
``cookies``) and names only browser settings, an opt-out link, continued use or no consent:
never when ``prior_opt_in`` is among them (browser settings offered beside a consent request
are a way to withdraw, not the consent), and never when the text does not say how
(``not_stated``, or nothing). One finding names every tracker concerned.

Verified against: the Planet49 headnote (EDPL 2020/1/19: "not validly constituted by way of a
pre-ticked checkbox") and summaries of the CNIL's 2020 guidelines (quantic-avocats.com,
bismuth.fr: refusing must be as simple as accepting; consent by "un acte positif clair"), and
EDPB Guidelines 05/2020 para. 86 (techlaw.ie, datenrecht.ch: scrolling or swiping "will not under
any circumstances satisfy the requirement of a clear and affirmative action").

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      consent_models: [prior_opt_in, browser_settings]
      trackers:
        - id: ga
          kind: cookie
          category: analytics

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      consent_models: [browser_settings]
      trackers:
        - id: ga
          kind: cookie
          category: analytics
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import JsonPath, Severity
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/consent-not-prior-opt-in"
SEVERITY = Severity.ERROR
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); CJEU C-673/17 Planet49; loi 78-17 art. 82"
SUMMARY = "Trackers that need consent are set unless people refuse (browser settings, opt-out, continued use)."


def _without_consent(ctx: Context) -> Iterator[tuple[JsonPath, str]]:
    """(path of the consent models, description) of each tracker set without prior consent."""
    for path, tracker in _cookies.trackers(ctx):
        given, shared = _cookies.models(ctx, tracker)
        if not _cookies.needs_consent(tracker) or "prior_opt_in" in given:
            continue
        how = [_cookies.NOT_CONSENT[m] for m in given if m in _cookies.NOT_CONSENT]
        if how:
            where = shared or (*path, "consent_models")
            yield (
                where,
                f"{_cookies.name(tracker, path)} ({tracker.get('category') or 'not essential'}: {', '.join(how)})",
            )


def check(ctx: Context) -> Iterator[Issue]:
    found = list(_without_consent(ctx))
    if not found:
        return
    paths = list(dict.fromkeys(p for p, _ in found))
    listed = "; ".join(d for _, d in found)
    message = (
        f"trackers that need consent are set unless people refuse: {listed}; browser settings, opt-out "
        "links and continued browsing are not consent (Planet49; CNIL 2020): ask for consent before setting "
        "them, with refusing as easy as accepting, say so in the policy, and add prior_opt_in to their consent_models"
    )
    yield Issue(message, paths[0], related=tuple(paths[1:]))
