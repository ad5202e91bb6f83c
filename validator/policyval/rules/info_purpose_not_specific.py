"""A purpose given only in the broadest terms ("make your experience enjoyable").

GDPR Art. 5(1)(b): personal data shall be "collected for specified, explicit and legitimate
purposes", and Art. 13(1)(c) and 14(1)(c) require the notice to give "the purposes of the
processing for which the personal data are intended". The transparency guidelines endorsed
by the EDPB (WP260 rev.01, para. 12, as quoted by the IAPP) say the information "should be
concrete and definitive; it should not be phrased in abstract or ambivalent terms", and give
"We may use your personal data to offer personalised services" as a poor-practice example;
the Working Party's Opinion 03/2013 on purpose limitation (WP203, as reported by the DMA)
names "improving users' experience" and "marketing purposes" as too vague without more.

The rule reads the DPV term the encoder chose for each purpose: where it is one of DPV's
umbrella classes (``dpv:Purpose``, ``dpv:OptimisationForConsumer``,
``dpv:OptimisationForController``, ``dpv:ServiceOptimisation``, ``dpv:Personalisation``,
``dpv:ServicePersonalisation``, ``dpv:CommercialPurpose``, ``dpv:ResearchAndDevelopment``),
the text gave nothing more precise to encode. Severity: info. A DPV class is a proxy for
the wording, and the description may still say enough; the note asks a person to read it.

Passing example::

    schema_version: "1.1"
    purposes:
      - id: recommendations
        description: recommend films based on what you watched
        dpv_term: dpv:ProvidePersonalisedRecommendations

Failing example::

    schema_version: "1.1"
    purposes:
      - id: satisfaction
        description: make your experience enjoyable
        dpv_term: dpv:OptimisationForConsumer
"""

from __future__ import annotations

from collections.abc import Iterator

from policyval.findings import Severity
from policyval.rules.base import Context, Issue

ID = "info/purpose-not-specific"
SEVERITY = Severity.INFO
PROFILES = ("eu-gdpr", "uk-gdpr")
REFERENCE = "GDPR Art. 5(1)(b), 13(1)(c), 14(1)(c); WP260 rev.01 para. 12; WP203; UK GDPR Art. 5(1)(b), 13(1)(c)"
SUMMARY = "A purpose stated only in the broadest terms (a DPV umbrella class)."

_UMBRELLA = frozenset(
    {
        "dpv:Purpose",
        "dpv:OptimisationForConsumer",
        "dpv:OptimisationForController",
        "dpv:ServiceOptimisation",
        "dpv:Personalisation",
        "dpv:ServicePersonalisation",
        "dpv:CommercialPurpose",
        "dpv:ResearchAndDevelopment",
    }
)


def check(ctx: Context) -> Iterator[Issue]:
    for i, purpose in ctx.section("purposes"):
        if purpose.get("dpv_term") in _UMBRELLA:
            what = purpose.get("description") or purpose.get("id")
            yield Issue(
                f"purpose '{what}' is stated only in broad terms ({purpose['dpv_term']}); say what is done with the "
                "data and to what end, so people can foresee it (e.g. 'recommend products based on your orders')",
                ("purposes", i, "dpv_term"),
            )
