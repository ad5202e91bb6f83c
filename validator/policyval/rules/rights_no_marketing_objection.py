"""Direct marketing needs the right to object to it, stated explicitly.

GDPR Art. 21(2): "Where personal data are processed for direct marketing purposes, the
data subject shall have the right to object at any time to processing of personal data
concerning him or her for such marketing, which includes profiling to the extent that it is
related to such direct marketing." Art. 21(4): "At the latest at the time of the first
communication with the data subject, the right referred to in paragraphs 1 and 2 shall be
explicitly brought to the attention of the data subject and shall be presented clearly and
separately from any other information." Art. 13(2)(b) and 14(2)(c) require the notice to
state the right. Unlike Art. 21(1), Art. 21(2) has no legal-basis condition: consent-based
marketing is covered too. (Text verified on GDPRhub, Article 21 GDPR, oldid 32851; the UK
GDPR Art. 21 has the same wording.)

This is not a row of the ``rights`` family: that family asks for a right when a legal basis
calls for it; this rule asks for one when a *purpose* is marketing, whatever the basis.

The right is stated when the policy gives ``right: objection`` (unless its description limits
it to processing on legitimate or public interests, i.e. Art. 21(1) only), or a way to stop
the marketing: a right whose description says so ("unsubscribe", "opt out"), withdrawing
consent when the marketing rests on consent, and (schema 1.1) an unsubscribe link, or for
advertising an opt-out of targeted advertising or an advertising opt-out link.

Severity: error when a purpose is direct marketing (``dpv:DirectMarketing``); warning when it
is marketing or advertising in general (``dpv:Marketing``, ``dpv:Advertising``, personalised
or targeted advertising), which may or may not be direct marketing: the policy data cannot
tell. "We do not use your data for marketing" is encoded as no marketing purpose: no finding.
One finding names every purpose concerned.

Passing example::

    schema_version: "1.0"
    purposes:
      - id: newsletter
        dpv_term: dpv:DirectMarketing
    rights:
      - right: objection
        description: unsubscribe at any time via the link in each e-mail

Failing example::

    schema_version: "1.0"
    purposes:
      - id: newsletter
        dpv_term: dpv:DirectMarketing
    rights:
      - right: access
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, quoted, where_missing

ID = "rights/no-marketing-objection"
SEVERITY = Severity.ERROR
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 21(2)-(4), 13(2)(b), 14(2)(c); UK GDPR Art. 21(2)-(4)"
SUMMARY = "Data is used for marketing but the right to object to it at any time is not stated."

_STOPS = re.compile(r"unsubscri|subscription|opt[- ]?out|marketing|newsletter|advertis|promotion|commercial", re.I)
# An objection right limited to Art. 21(1): "object to processing based on legitimate interests".
_ART_21_1 = re.compile(r"legitimate interest|public interest|particular situation", re.I)
_AD_LINKS = {"advertising_cookies", "targeted_advertising"}
# Rights that stop the marketing when their description says so ("cancel the subscription").
_STOPPING = {"withdraw_consent", "refuse_consent", "other"}


def _said(entry: dict[str, Any]) -> str:
    return " ".join([str(entry.get("description") or ""), *access.strings(entry, "evidence")])


def _objection_covers(right: dict[str, Any]) -> bool:
    words = _said(right)
    return not _ART_21_1.search(words) or bool(_STOPS.search(words))


def _covered(ctx: Context, purpose: dict[str, Any]) -> bool:
    consent = any(terms.is_consent(str(b.get("basis"))) for b in ctx.bases_of(purpose))
    for _, right in ctx.section("rights"):
        kind = right.get("right")
        if kind == "objection" and _objection_covers(right):
            return True
        if kind == "withdraw_consent" and consent:
            return True
        if kind in _STOPPING and _STOPS.search(_said(right)):
            return True
        if kind == "opt_out_targeted_advertising" and purpose.get("dpv_term") in terms.ADVERTISING:
            return True
    kinds = {str(link.get("kind")) for _, link in ctx.section("opt_out_links")}
    return "unsubscribe" in kinds or (purpose.get("dpv_term") in terms.ADVERTISING and bool(kinds & _AD_LINKS))


def check(ctx: Context) -> Iterator[Issue]:
    marketing = terms.DIRECT_MARKETING | terms.MAYBE_MARKETING
    found = [(i, p) for i, p in ctx.section("purposes") if p.get("dpv_term") in marketing and not _covered(ctx, p)]
    if not found:
        return
    direct = any(p.get("dpv_term") in terms.DIRECT_MARKETING for _, p in found)
    names = quoted(str(p.get("id")) for _, p in found)
    what = "direct marketing" if direct else "marketing or advertising, which may be direct marketing"
    subject = f"purposes {names} are" if len(found) > 1 else f"purpose {names} is"
    message = (
        f"{subject} {what}, but the policy does not say people can object to this at any time "
        "(GDPR Art. 21(2)); add rights: [{right: objection, description: ...}] saying so and how "
        "(e.g. the unsubscribe link in each e-mail), presented clearly and separately from other information"
    )
    path, key = where_missing(ctx, "rights")
    severity = Severity.ERROR if direct else Severity.WARNING
    related = tuple(("purposes", i) for i, _ in found)
    yield Issue(message, path, key, severity, related)
