"""A tracking pixel in e-mails reads the recipient's device: the policy should say consent is asked.

ePrivacy Directive 2002/58/EC Art. 5(3) covers "the gaining of access to information already
stored" in a user's terminal equipment, not only cookies. The EDPB's Guidelines 2/2023 on the
technical scope of Art. 5(3) (final version adopted October 2024) analyse "URL and pixel
tracking", including a pixel embedded in an e-mail, as within Art. 5(3). The CNIL's draft
recommendation on tracking pixels in e-mails (public consultation 12 June - 24 July 2025)
requires prior consent for measuring whether each recipient opened a message, and exempts
pixels used only for security or authentication and for measuring the overall open rate.

Severity: warning. The duty is Art. 5(3)'s, but that pixels in e-mails fall under it rests on
guidance (EDPB 2/2023, the CNIL draft, whose final adoption could not be verified), and the
exemptions for security and aggregate statistics depend on how the pixel is used, which a
notice seldom shows. The rule reports a tracker used in e-mails (``contexts: [email]``) that
the text does not say is essential or for security, when no prior consent is stated for it
(``prior_opt_in`` among its consent models, or those of ``cookies``).

Verified against: Hunton Andrews Kurth, "EDPB Adopts Guidelines on Scope of ePrivacy
Directive" (16 October 2024); numberly.com and Mondaq (HAAS Avocats) on the CNIL draft
recommendation of 12 June 2025.

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: newsletter-pixel
          kind: web_beacon
          contexts: [email]
          consent_models: [prior_opt_in]

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: newsletter-pixel
          kind: web_beacon
          contexts: [email]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/email-tracking-pixel"
SEVERITY = Severity.WARNING
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); EDPB Guidelines 2/2023 (2024); CNIL draft recommendation (2025)"
SUMMARY = "A tracking pixel in e-mails with no consent stated for it."


def _exempt(tracker: dict[str, object]) -> bool:
    return tracker.get("essential") == "yes" or tracker.get("category") in ("security", "strictly_necessary")


def check(ctx: Context) -> Iterator[Issue]:
    for path, tracker in _cookies.trackers(ctx):
        if "email" not in access.strings(tracker, "contexts") or _exempt(tracker):
            continue
        if _cookies.prior_consent(ctx, tracker):
            continue
        message = (
            f"{_cookies.name(tracker, path)} tracks whether people open your e-mails or click their links, and "
            "the policy does not say consent is asked for it; ask for consent (e.g. when the e-mail address is "
            "collected) and add prior_opt_in to its consent_models, or say that it only measures the overall "
            'open rate or protects security (then mark it essential: "yes")'
        )
        yield Issue(message, (*path, "contexts"))
