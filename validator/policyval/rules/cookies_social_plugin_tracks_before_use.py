"""A social button that sends visitors' data to the network before anyone uses it needs consent first.

ePrivacy Directive 2002/58/EC Art. 5(3) makes reading or storing information on the device
conditional on prior consent. In Fashion ID (C-40/17, 29 July 2019) the CJEU held that a
website embedding Facebook's 'Like' button, which transmits visitors' data to Facebook as the
page loads "regardless of whether or not they had interacted with the 'Like' button", is a
controller jointly with Facebook for that collection and transmission, and must inform the
visitors and, where consent is the basis, obtain it before the transmission (para. 102:
consent given only to the network, later, would come too late). The CNIL's 2020 guidelines
(délibération 2020-091) treat social-network trackers as needing consent.

This rule reports each tracker the text says tracks people even if they do not use it
(``tracks_before_interaction: true``) unless the text says consent is asked first
(``prior_opt_in`` among its consent models, or those of ``cookies``).

Verified against: summaries of the judgment (elvingerhoss.lu, iabeurope.eu, recent-ecl
blog: "the operator of the website acts as a controller, and is thus responsible for
informing the consumer or collecting their consent, insofar as the collection of information
and transmission to Facebook is concerned", para. 102).

Passing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: like-button
          kind: social_plugin
          category: social_media
          tracks_before_interaction: true
          consent_models: [prior_opt_in]

Failing example::

    schema_version: "1.1"
    cookies:
      used: "yes"
      trackers:
        - id: like-button
          kind: social_plugin
          category: social_media
          tracks_before_interaction: true
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue

ID = "cookies/social-plugin-tracks-before-use"
SEVERITY = Severity.ERROR
PROFILES = ("eu-eprivacy",)
REFERENCE = "ePrivacy Directive 2002/58/EC Art. 5(3); CJEU C-40/17 Fashion ID (29 July 2019)"
SUMMARY = "A social button or plug-in sends visitors' data to the network before use, without consent first."


def check(ctx: Context) -> Iterator[Issue]:
    for path, tracker in _cookies.trackers(ctx):
        if tracker.get("tracks_before_interaction") is not True or _cookies.prior_consent(ctx, tracker):
            continue
        who = str(tracker.get("provider") or "the network").strip()
        message = (
            f"{_cookies.name(tracker, path)} lets {who} collect visitors' data as the page loads, even if they "
            "never use it; load it only after consent (e.g. a two-click button), say that you and the "
            "network are joint controllers for that collection and transmission (Fashion ID), and add "
            "prior_opt_in to its consent_models"
        )
        yield Issue(message, (*path, "tracks_before_interaction"))
