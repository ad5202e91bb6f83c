"""A French online service must tell users what happens to their data after their death.

French loi n° 78-17 (Informatique et Libertés), art. 85 (art. 40-1 before the 2018
renumbering, introduced by the loi pour une République numérique of 7 October 2016): anyone
may give directives on the retention, erasure and communication of their personal data after
their death, and "les prestataires d'un service de communication au public en ligne ont
l'obligation d'informer les utilisateurs sur le sort de leurs données après leur décès et
leur permettre de choisir de communiquer ou non leurs données à un tiers qu'ils désignent"
(art. 85 II, as summarised by a French lawyer; the statutory sentence itself was not read).
Art. 84 provides that the rights die with the person unless art. 85 keeps them. Severity:
error: a statutory duty to inform. Whether art. 48 of the renumbered law also carries this
information duty could not be verified, so only art. 85 is cited.

The rule runs under the fr-loi-78-17 profile and reports a policy of an online service (it
gives its ``url``, or says cookies or trackers are used) whose ``rights`` do not include
``post_mortem_directives``. A policy that shows no online service is not reported: the duty
is that of online public communication services.

Verified against: village-justice.com (J. Pollux, avocate, "Décès et données personnelles sur
internet"), passezalacte.com (the post-mortem rules are "aujourd'hui inscrites dans les
articles 84 à 86 de la loi informatique et libertés"), nextinpact.com on the CNIL citing
art. 85.

Passing example::

    schema_version: "1.1"
    policy:
      url: https://example.fr/confidentialite
    rights:
      - right: post_mortem_directives
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    policy:
      url: https://example.fr/confidentialite
    rights:
      - right: access
        exercise_via: [controller]
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules import _cookies
from policyval.rules.base import Context, Issue, where_missing

ID = "fr/no-post-mortem-information"
SEVERITY = Severity.ERROR
PROFILES = ("fr-loi-78-17",)
REFERENCE = "Loi n° 78-17 art. 85 (and art. 84)"
SUMMARY = "An online service under French law does not say what happens to users' data after their death."


def online(ctx: Context) -> bool:
    """The policy shows an online service: its own address, or cookies or trackers in use."""
    policy = ctx.mapping("policy")
    cookies = ctx.mapping("cookies")
    return bool(access.text(policy, "url") or policy.get("url_as_written")) or (
        cookies.get("used") == "yes" or bool(_cookies.trackers(ctx))
    )


def check(ctx: Context) -> Iterator[Issue]:
    if "post_mortem_directives" in ctx.rights() or not online(ctx):
        return
    path, key = where_missing(ctx, "rights")
    message = (
        "the policy does not tell users what happens to their data after their death; say that they can give "
        "directives on its retention, erasure and communication after death, and whether they can choose to "
        "have it passed to a person they name (loi 78-17 art. 85), and add right: post_mortem_directives with "
        "how to give them"
    )
    yield Issue(message, path, key)
