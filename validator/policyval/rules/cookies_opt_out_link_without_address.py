"""An opt-out or cookie-settings link the policy refers to but does not give.

Refusing or withdrawing consent to trackers must be possible, and as easy as giving it (GDPR
Art. 7(3), which governs the consent ePrivacy Art. 5(3) asks for: Directive 2002/58/EC Art.
2(f)). A policy that says "click on this deactivation link" and gives no link offers no way to
refuse. Error: the text names a means of refusal that does not exist. The rule reads schema
1.1's ``opt_out_links``: an entry with neither a ``url`` nor any ``text`` that a reader could
find is a blank.

Passing example::

    schema_version: "1.1"
    opt_out_links:
      - id: ads-off
        kind: advertising_cookies
        url: https://example.com/ads/opt-out

Failing example::

    schema_version: "1.1"
    opt_out_links:
      - id: ads-off
        kind: advertising_cookies
        description: '"click on this deactivation link": no address given'
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "cookies/opt-out-link-without-address"
SEVERITY = Severity.ERROR
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive Art. 5(3), 2(f); GDPR Art. 7(3); loi 78-17 art. 82"
SUMMARY = "An opt-out or cookie-settings link is referred to but not given."


def check(ctx: Context) -> Iterator[Issue]:
    for i, link in ctx.section("opt_out_links"):
        if not str(link.get("url") or "").strip() and not str(link.get("text") or "").strip():
            yield Issue(
                f"the policy refers to the opt-out link '{link.get('id')}' but gives no address for it, so people "
                "cannot use it to refuse; give the link (url) or the setting's name and where it is (text)",
                ("opt_out_links", i),
            )
