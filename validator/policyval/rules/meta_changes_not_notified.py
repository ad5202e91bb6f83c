"""Changes to the policy should be brought to people's attention, not left for them to find.

GDPR Art. 12(1) wants information provided in a transparent way, and Art. 13(3) makes a
controller that means to use data for a new purpose inform people before it does. The
transparency guidelines endorsed by the EDPB (WP260 rev.01, "Changes to Article 13 and
Article 14 information") say changes should be actively communicated, and that a notice
telling people to check it regularly for changes is not enough, and unfair. This rests on
guidance, so it is a warning. It fires when the policy says no notice of changes is given
(``policy_changes.notification: no``); when it raises the topic but promises no notice
(``not_stated``: "we may provide additional notice where reasonably practicable", or
"continued use constitutes acknowledgment"); or when its only announcement is the new
version on the website. WP260 rev.01, on the timing of notification of changes, asks that
a fundamental change be brought to people's attention well in advance and by a method that
is explicit and effective, so that they do not miss it (verified in the Italian text on
iusprivacy.eu: "il metodo utilizzato per segnalare la modifica all'interessato dovrebbe
essere esplicito ed efficace").

Passing example::

    schema_version: "1.1"
    policy_changes:
      notification: "yes"
      channels: [email, website]

Failing example::

    schema_version: "1.1"
    policy_changes:
      notification: "no"
      description: it is your responsibility to consult this policy regularly
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Context, Issue

ID = "meta/changes-not-notified"
SEVERITY = Severity.WARNING
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 12(1), 13(3); WP260 rev.01 (changes to Art. 13 and 14 information); UK GDPR Art. 12(1), 13(3)"
SUMMARY = "Changes to the policy are not brought to people's attention (they are told to check it themselves)."

_FIX = "say how changes are announced to people (e-mail, in-app notice) before they apply (policy_changes.channels)"


def check(ctx: Context) -> Iterator[Issue]:
    changes = ctx.mapping("policy_changes")
    if not changes:
        return
    channels = set(access.strings(changes, "channels"))
    if changes.get("notification") == "no":
        yield Issue(
            f"the policy says changes are not announced, so people must find them themselves; {_FIX}",
            ("policy_changes", "notification"),
        )
    elif changes.get("notification") == "not_stated":
        yield Issue(
            "the policy does not promise to tell people of changes (it only says it may), so they may miss them; "
            + _FIX,
            ("policy_changes", "notification"),
        )
    elif channels and channels <= {"website"}:
        yield Issue(
            f"changes are announced only by publishing the new version on the website; {_FIX}",
            ("policy_changes", "channels"),
        )
