"""Say who sets each tracker that needs consent and, for a third party's, who that third party is.

ePrivacy Directive 2002/58/EC Art. 5(3) requires "clear and comprehensive information" before
consent. The CJEU (Planet49, C-673/17, 1 October 2019) held that this information "includes
information on the duration of the operation of cookies and whether or not third parties may
have access to it". The CNIL's guidelines of 17 September 2020 (délibération 2020-091, on loi
78-17 art. 82) require, before consent, "l'identité du ou des responsables de traitement des
opérations de lecture ou écriture", and the recommendation 2020-092 an exhaustive, up-to-date
list of them. Severity: error (the Court's reading of the information duty of Art. 5(3)).

The rule reports each tracker that is not exempt by nature (``_cookies.may_be_exempt``) when
the text does not say who sets it (``party`` not_stated or absent), or says a third party
sets it without naming it: none of the recipients linked to it has a name, and (when no
recipient is linked) no ``provider`` is given. "Third-party companies (for example
partners)" names no one.

Verified against: the Planet49 headnote (EDPL 2020/1/19), and summaries of the 2020
guidelines (bismuth.fr: "l'identité du ou des responsables de traitement des opérations de
lecture ou écriture"; quantic-avocats.com: "La liste exhaustive des responsables de
traitement doit être mise à disposition des utilisateurs au moment du recueil de leur
consentement").

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: ga
          kind: cookie
          party: third
          provider: Google Analytics
          category: analytics

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: ga
          kind: cookie
          party: not_stated
          category: analytics
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/third-party-access-not-stated"
SEVERITY = Severity.ERROR
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); CJEU C-673/17 Planet49; CNIL délibération 2020-091"
SUMMARY = "A tracker without who sets it, or set by a third party the policy does not name."


def named(ctx: Context, tracker: dict[str, Any]) -> bool:
    """A linked recipient with a name, or (no recipient linked) the provider the text names."""
    linked = access.strings(tracker, "recipients")
    if not linked:
        return bool(str(tracker.get("provider") or "").strip())
    recipients = access.by_id(access.items(ctx.data, "recipients"))
    return any(recipients.get(r, {}).get("name") or recipients.get(r, {}).get("legal_name") for r in linked)


def check(ctx: Context) -> Iterator[Issue]:
    for path, tracker in _cookies.trackers(ctx):
        party = tracker.get("party") or "not_stated"
        if party == "first" or _cookies.may_be_exempt(tracker) or (party == "third" and named(ctx, tracker)):
            continue
        who = _cookies.name(tracker, path)
        if party == "third":
            message = (
                f"{who} is set by a third party the policy does not name; name it (provider, or a recipient "
                "with its name linked in recipients) so people know who can read what it collects (Planet49)"
            )
        else:
            message = (
                f"the policy does not say who sets {who}, so people cannot tell whether third parties can read "
                "what it collects (Planet49); say whether it is yours (party: first) or a third party's "
                "(party: third), and name the third party"
            )
        yield Issue(message, (*path, "party") if "party" in tracker else path)
