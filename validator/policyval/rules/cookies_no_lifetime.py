"""Cookies that need consent must be listed with how long they stay on the device.

ePrivacy Directive 2002/58/EC Art. 5(3) makes consent valid only when the user has "been
provided with clear and comprehensive information". The CJEU (Planet49, C-673/17, 1 October
2019, answering the second question) held that the information the service provider must give
before storing cookies "includes information on the duration of the operation of cookies and
whether or not third parties may have access to it". The CNIL's 2020 guidelines on loi 78-17
art. 82 build on the judgment. Severity: error, because the duty is the Court's reading of a
binding "shall" (the information on which consent rests), not guidance.

The rule reports, in one finding, the cookies and local storage that need consent
(``_cookies.needs_consent``) whose ``lifetime`` gives neither a session lifetime nor a
duration ("persistent" alone, or "during the validity of the cookie", is not a duration).
Trackers that may be exempt (strictly necessary, functional, consent records) are left out,
and so are pixels and device information, which store nothing that lasts. Schema 1.0 has no
lifetime field, so the rule does not run on 1.0 documents.

Verified against: the Planet49 headnote (EDPL 2020/1/19: "includes information on the
duration of the operation of cookies") and privacylawbarrister.com's summary ("The website
operator must give users information about the duration of each cookie").

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: ga
          kind: cookie
          category: analytics
          lifetime:
            kind: persistent
            duration: P13M

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: ga
          kind: cookie
          category: analytics
          lifetime:
            kind: persistent
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/no-lifetime"
SEVERITY = Severity.ERROR
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); CJEU C-673/17 Planet49 (1 October 2019)"
SUMMARY = "Cookies that need consent are listed without how long they last."

STORED = ("cookie", "local_storage")


def has_lifetime(tracker: dict[str, Any]) -> bool:
    lifetime = tracker.get("lifetime")
    if not isinstance(lifetime, dict):
        return False
    return lifetime.get("kind") == "session" or bool(lifetime.get("duration"))


def _where(path: JsonPath, tracker: dict[str, Any]) -> JsonPath:
    return (*path, "lifetime") if isinstance(tracker.get("lifetime"), dict) else path


def check(ctx: Context) -> Iterator[Issue]:
    if str(ctx.data.get("schema_version")) == "1.0":
        return
    found = [
        (path, t)
        for path, t in _cookies.trackers(ctx)
        if t.get("kind") in STORED and _cookies.needs_consent(t) and not has_lifetime(t)
    ]
    if not found:
        return
    message = (
        f"the policy does not say how long these cookies stay on the device: {_cookies.names(found)}; "
        "people must be told before they consent (Planet49): give each one's lifetime "
        "(lifetime: {kind: persistent, duration: P13M}, or kind: session)"
    )
    paths = [_where(p, t) for p, t in found]
    yield Issue(message, paths[0], related=tuple(paths[1:]))
