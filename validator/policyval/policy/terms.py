"""The domain terms: what a legal basis, a right, a retention period or a country *means*.

One module, so that the rules, the notice, the compliance matrix, the diff and the JSON-LD
export classify the same value the same way. The vocabularies themselves (DPV terms,
countries, the legal-basis-to-rights mapping) come from the bundled DPV extract
(``policy.schemas.vocab``); this module says what policyval makes of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from policyval.policy import schemas

if TYPE_CHECKING:
    import isodate

# --- legal bases --------------------------------------------------------------------------------

# Generic DPV bases (used by non-EU regimes, or when the text does not cite Art. 6) read as
# the GDPR Art. 6(1) basis they correspond to, so DPV's rights mapping applies to them too.
DPV_AS_GDPR = {
    "dpv:Consent": "eu-gdpr:A6-1-a",
    "dpv:Contract": "eu-gdpr:A6-1-b",
    "dpv:ContractPerformance": "eu-gdpr:A6-1-b-contract-performance",
    "dpv:EnterIntoContract": "eu-gdpr:A6-1-b-enter-into-contract",
    "dpv:LegalObligation": "eu-gdpr:A6-1-c",
    "dpv:VitalInterest": "eu-gdpr:A6-1-d",
    "dpv:VitalInterestOfDataSubject": "eu-gdpr:A6-1-d-data-subject",
    "dpv:VitalInterestOfNaturalPerson": "eu-gdpr:A6-1-d-natural-person",
    "dpv:PublicInterest": "eu-gdpr:A6-1-e-public-interest",
    "dpv:OfficialAuthorityOfController": "eu-gdpr:A6-1-e-official-authority",
    "dpv:LegitimateInterest": "eu-gdpr:A6-1-f",
    "dpv:LegitimateInterestOfController": "eu-gdpr:A6-1-f-controller",
    "dpv:LegitimateInterestOfDataSubject": "eu-gdpr:A6-1-f",
    "dpv:LegitimateInterestOfThirdParty": "eu-gdpr:A6-1-f-third-party",
}


def as_gdpr(basis: str) -> str:
    return DPV_AS_GDPR.get(basis, basis)


def is_consent(basis: str) -> bool:
    """Any form of consent (Art. 6(1)(a), its explicit and non-explicit variants, dpv:Consent),
    and Art. 9(2)(a), which is explicit consent and can be withdrawn like any consent."""
    return as_gdpr(basis).startswith("eu-gdpr:A6-1-a") or basis == "eu-gdpr:A9-2-a"


def is_legitimate_interest(basis: str) -> bool:
    """Art. 6(1)(f), whoever's interest it is (controller, third party)."""
    return as_gdpr(basis).startswith("eu-gdpr:A6-1-f")


def is_art9(basis: str) -> bool:
    return basis.startswith("eu-gdpr:A9-2-")


def rights_called_for(basis: str) -> frozenset[str]:
    """DPV eu-gdpr rights terms (eu-gdpr:A15, ...) that apply under ``basis``; empty if DPV maps none."""
    mapping: dict[str, list[str]] = schemas.vocab()["legal_basis_rights"]
    return frozenset(mapping.get(as_gdpr(basis), ()))


def bases_of(purpose: dict[str, Any]) -> list[str]:
    """The legal bases a purpose states, as DPV identifiers."""
    found = purpose.get("legal_bases") if isinstance(purpose, dict) else None
    return [str(b["basis"]) for b in found or [] if isinstance(b, dict) and b.get("basis")]


def bases_for(data: Any, purpose: dict[str, Any]) -> list[dict[str, Any]]:
    """A purpose's legal bases: its own, and (schema 1.1) the policy-level ones that name it."""
    from policyval.policy import access

    own = access.items(purpose, "legal_bases")
    return own + [b for b in access.items(data, "legal_bases") if purpose.get("id") in access.strings(b, "purposes")]


def all_bases(data: Any) -> list[dict[str, Any]]:
    """Every legal basis the policy states: the purposes', then the policy-level ones."""
    from policyval.policy import access

    return [b for p in access.items(data, "purposes") for b in access.items(p, "legal_bases")] + access.items(
        data, "legal_bases"
    )


def relies_on(purpose: dict[str, Any], kind: Any) -> bool:
    """Whether any basis of ``purpose`` is of ``kind`` (``is_consent``, ``is_legitimate_interest``)."""
    return any(kind(b) for b in bases_of(purpose))


# --- places --------------------------------------------------------------------------------------


def eea_members() -> frozenset[str]:
    return frozenset(schemas.vocab()["eea_members"])


def adequate(country: str) -> bool:
    """Inside the EEA, or wholly covered by an adequacy decision (GDPR Art. 45). A decision
    that covers only some recipients (the EU-U.S. Data Privacy Framework covers only
    self-certified organisations) does not make the country adequate by itself."""
    from policyval.policy import facts

    decision = facts.adequacy_decision(country)
    return country in eea_members() or (decision is not None and bool(decision["whole_destination"]))


# --- contacts ------------------------------------------------------------------------------------

# Channel types that reach a person. A "website" names the service, it is not a way to write to anyone.
CONTACT_TYPES = frozenset({"email", "web_form", "phone", "postal", "in_app", "fax", "other"})
# Contacts accountable for the policy: a DPO, a privacy officer or an accountable person.
OFFICER_ROLES = ("data_protection_officer", "privacy_officer", "accountable_person")


def reachable(channels: Any) -> list[dict[str, Any]]:
    """Channels that give an address: a blank in the source text ('value' left out) reaches nobody."""
    if not isinstance(channels, list):
        return []
    return [
        c
        for c in channels
        if isinstance(c, dict) and c.get("type") in CONTACT_TYPES and str(c.get("value") or "").strip()
    ]


# --- retention periods ---------------------------------------------------------------------------

# Reference dates a calendar duration is measured from: every month start of a leap and a
# common year. Two durations compare only when every reference date agrees (P1Y = P12M,
# P1M < P32D, but P1M and P30D are incomparable).
_REFERENCES = [dt.date(year, month, 1) for year in (2023, 2024) for month in range(1, 13)]
# How open a period is, from a fixed duration to nothing stated.
OPENNESS = {"duration": 0, "until": 1, "criteria": 2, "vague": 3, "not_stated": 4}


def period_kind(r: dict[str, Any]) -> str:
    """duration | until | criteria | vague (as long as necessary) | not_stated."""
    if isinstance(r.get("duration"), str):
        return "duration"
    if r.get("until"):
        return "until"
    if r.get("criteria"):
        return "criteria"
    if r.get("as_long_as_necessary") or r.get("period_text"):  # "a reasonable period" is as vague
        return "vague"
    return "not_stated"


def parse_duration(text: str) -> isodate.Duration | dt.timedelta | None:
    import isodate  # only diff and the notice read durations

    try:
        return isodate.parse_duration(text)
    except (isodate.ISO8601Error, ValueError, TypeError, OverflowError):  # schema-valid "P9999...9M" too
        return None


def compare_durations(old: str, new: str) -> int | None:
    """-1 if ``new`` is shorter, 1 if longer, 0 if equal, None if not comparable."""
    a, b = parse_duration(old), parse_duration(new)
    if a is None or b is None:
        return None
    signs = set()
    for ref in _REFERENCES:
        start = dt.datetime(ref.year, ref.month, ref.day)
        try:
            ea, eb = start + a, start + b
        except OverflowError:  # beyond year 9999: not comparable as dates
            return None
        signs.add((eb > ea) - (eb < ea))
    return signs.pop() if len(signs) == 1 else None


def describe_duration(text: str) -> str:
    """'P1Y6M' -> '1 year 6 months'; unparseable text is returned as it is."""
    import isodate

    value = parse_duration(text)
    if value is None:
        return text
    parts: list[tuple[float, str]] = []
    if isinstance(value, isodate.Duration):
        parts += [(float(value.years), "year"), (float(value.months), "month")]
        value = value.tdelta
    days, seconds = value.days, value.seconds
    weeks, days = (days // 7, days % 7) if "W" in text else (0, days)
    parts += [(weeks, "week"), (days, "day"), (seconds // 3600, "hour"), (seconds % 3600 // 60, "minute")]
    shown = [f"{n:g} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(shown) or "no time at all"


# --- labels --------------------------------------------------------------------------------------

RIGHT_NAMES = {
    "access": "Access to your data",
    "rectification": "Correction of inaccurate data",
    "erasure": "Erasure ('right to be forgotten')",
    "restriction": "Restriction of processing",
    "portability": "Data portability",
    "objection": "Objection to processing",
    "withdraw_consent": "Withdrawing consent",
    "complaint": "Complaint to a supervisory authority",
    "automated_decisions": "Not to be subject to automated decisions",
    "post_mortem_directives": "Directives about your data after your death",
    "challenge_compliance": "Challenging compliance",
    "other": "Other right",
}
CHANNEL_NAMES = {
    "email": "E-mail",
    "web_form": "Web form",
    "phone": "Phone",
    "postal": "Post",
    "website": "Website",
    "in_app": "In the app",
    "fax": "Fax",
    "other": "Other",
}
SOURCE_NAMES = {
    "data_subject": "you",
    "observed": "observed when you use the service",
    "third_party": "other organisations",
    "derived": "derived from other data",
    "publicly_available": "publicly available sources",
}


@cache
def labels() -> dict[str, str]:
    """Human labels of every vocabulary id a policy can use (DPV terms, countries, bases)."""
    v = schemas.vocab()
    out: dict[str, str] = {}
    for key in ("countries", "supranational", "legal_bases_art6", "legal_bases_art9", "legal_bases_dpv"):
        out.update({t["id"]: t["label"] for t in v[key]})
    for key in ("personal_data", "purposes", "data_subjects", "transfer_terms", "measures"):
        out.update({t["id"]: t["label"] for t in v[key]})
    return out


def label(term: Any) -> str:
    return labels().get(str(term), str(term))


def words(value: Any) -> str:
    """'standard_contractual_clauses' -> 'standard contractual clauses'."""
    return str(value).replace("_", " ")


@cache
def right_descriptions() -> dict[str, str]:
    return {r["id"]: r["description"] for r in schemas.vocab()["rights"]}


@cache
def right_terms() -> dict[str, str]:
    """Rights by policyval name -> DPV / eu-gdpr term (rights DPV does not name are left out)."""
    return {r["id"]: r["dpv"] for r in schemas.vocab()["rights"] if r["dpv"]}


def address_words(address: dict[str, Any]) -> str:
    """A postal address as written, else its parts joined ("" when it gives none)."""
    if address.get("text"):
        return str(address["text"])
    parts = [address.get(k) for k in ("street", "postal_code", "locality", "region")]
    country = [label(address["country"])] if address.get("country") else []
    return ", ".join([*(str(p) for p in parts if p), *country])


def statement_words(entry: dict[str, Any]) -> str:
    """A statement in words, field by field, evidence left out: 'mechanism: scc; name: SCC 2021'."""
    said = [f"{words(k)}: {_said(v)}" for k, v in entry.items() if k != "evidence" and v not in (None, [], {})]
    return "; ".join(said)


def _said(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + statement_words(value) + ")"
    if isinstance(value, list):
        return ", ".join(_said(v) for v in value)
    return words(value) if isinstance(value, str) and " " not in value else str(value)


def joined(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


# --- marketing, profiling, identifying data, sources (GDPR Arts 13, 14, 21; Recitals 26, 60) --

# Purposes that are direct marketing (GDPR Art. 21(2): an objection right whatever the basis),
# and those that may be (advertising, marketing in general: the policy data cannot tell).
DIRECT_MARKETING = frozenset({"dpv:DirectMarketing"})
ADVERTISING = frozenset({"dpv:Advertising", "dpv:PersonalisedAdvertising", "dpv:TargetedAdvertising"})
MAYBE_MARKETING = frozenset({"dpv:Marketing", "dpv:SocialMediaMarketing"}) | ADVERTISING
# Purposes that evaluate personal aspects (preferences, interests): profiling, Art. 4(4).
PROFILING = frozenset(
    {
        "dpv:PersonalisedAdvertising",
        "dpv:TargetedAdvertising",
        "dpv:RecruitmentTargetedAdvertising",
        "dpv:ProvidePersonalisedRecommendations",
        "dpv:PersonalisedBenefits",
    }
)
# Data that identifies a person directly (Recital 26: such data is never anonymous).
IDENTIFYING = frozenset(
    {
        "pd:Name",
        "pd:EmailAddress",
        "pd:EmailAddressPersonal",
        "pd:EmailAddressWork",
        "pd:PhysicalAddress",
        "pd:TelephoneNumber",
        "pd:Contact",
        "pd:OfficialID",
        "pd:Passport",
        "pd:Picture",
        "pd:Biometric",
    }
)
# Sources other than the person (GDPR Art. 14): data obtained from others or from public sources.
INDIRECT_SOURCES = frozenset({"third_party", "publicly_available"})
# Channels found where the person already is (a link in each e-mail, a setting): usable without an address.
SELF_LOCATED_TYPES = frozenset({"email_link", "in_product_setting", "browser_setting"})


def sources_of(category: dict[str, Any]) -> set[str]:
    """Where a data category comes from: 1.0's ``sources`` and (schema 1.1) ``source_details``."""
    found = {str(s) for s in category.get("sources") or []}
    details = category.get("source_details") or []
    return found | {str(d["source"]) for d in details if isinstance(d, dict) and "source" in d}


def indirect_sources(category: dict[str, Any]) -> list[str]:
    """The sources of a data category other than the person (Art. 14), sorted."""
    return sorted(sources_of(category) & INDIRECT_SOURCES)


def source_phrase(sources: Iterable[str]) -> str:
    """Sources as a message names them: 'other organisations and publicly available sources'."""
    return " and ".join(SOURCE_NAMES.get(s, s) for s in sources)


def usable(channels: Any) -> list[dict[str, Any]]:
    """Channels a person can use: those with an address, and those found where the person is."""
    if not isinstance(channels, list):
        return []
    return reachable(channels) + [c for c in channels if isinstance(c, dict) and c.get("type") in SELF_LOCATED_TYPES]
