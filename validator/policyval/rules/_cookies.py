"""What the cookie rules (ePrivacy Directive Art. 5(3), loi 78-17 art. 82) share: the trackers,
which of them need consent, and how the policy says consent is obtained.

Art. 5(3) allows storing or reading information on a device "only ... on condition that the
subscriber or user concerned has given his or her consent", except "as strictly necessary in
order for the provider of an information society service explicitly requested by the
subscriber or user to provide the service". A tracker is taken to need consent when the text
says it is not essential, or when it is for analytics, advertising or social media and the
text does not say it is essential. Functional, personalisation and security trackers may be
exempt (the CNIL's 2020 guidelines list authentication, shopping baskets, interface
personalisation, load balancing), so they count only when the text says they are not
essential: a rule must not report a tracker the law may exempt.
"""

from __future__ import annotations

from typing import Any

from policyval.findings import JsonPath
from policyval.policy import access
from policyval.rules.base import Context

# Categories that are never strictly necessary for a service the person asked for.
CONSENT_CATEGORIES = frozenset({"analytics", "advertising", "social_media"})
# Categories the exemption covers by what they are.
EXEMPT_CATEGORIES = frozenset({"strictly_necessary", "consent_record"})
# Consent models that set the tracker before, or without, an affirmative choice.
NOT_CONSENT = {
    "browser_settings": "browser settings",
    "opt_out_link": "an opt-out link",
    "implied": "continued use of the site",
    "none": "no consent at all",
}


def trackers(ctx: Context) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Every tracker with its path."""
    cookies = ctx.mapping("cookies")
    return [(("cookies", "trackers", i), t) for i, t in access.indexed(cookies, "trackers")]


def needs_consent(tracker: dict[str, Any]) -> bool:
    """Consent is required for it: the text says it is not essential, or it is for analytics,
    advertising or social media and the text does not say it is essential."""
    essential = tracker.get("essential")
    if essential == "no":
        return True
    return essential != "yes" and tracker.get("category") in CONSENT_CATEGORIES


def may_be_exempt(tracker: dict[str, Any]) -> bool:
    """The text says it is essential, or its category is exempt by nature."""
    return tracker.get("essential") == "yes" or tracker.get("category") in EXEMPT_CATEGORIES


def models(ctx: Context, tracker: dict[str, Any]) -> tuple[list[str], JsonPath | None]:
    """How consent to ``tracker`` is obtained: its own consent_models, else those said of the
    trackers as a whole; with the path of the list they come from (None when neither is given)."""
    own = access.strings(tracker, "consent_models")
    if own:
        return own, None
    return access.strings(ctx.mapping("cookies"), "consent_models"), ("cookies", "consent_models")


def prior_consent(ctx: Context, tracker: dict[str, Any]) -> bool:
    """The text says consent is asked before the tracker is set."""
    return "prior_opt_in" in models(ctx, tracker)[0]


def name(tracker: dict[str, Any], path: JsonPath) -> str:
    """How a message names a tracker: its id, its name, or what it does."""
    for key in ("id", "name", "description"):
        value = str(tracker.get(key) or "").strip()
        if value:
            return f"'{value if len(value) <= 60 else value[:57] + '...'}'"
    return f"trackers[{path[-1]}] ({tracker.get('kind')})"


def names(found: list[tuple[JsonPath, dict[str, Any]]]) -> str:
    return ", ".join(name(t, p) for p, t in found)
