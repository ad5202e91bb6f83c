"""Compliance matrix: policies in rows, the items each law asks of a notice in columns.

The columns are a table per law (``GROUPS``, ``COLUMNS``): GDPR and UK GDPR Art. 13/14, PIPEDA's
principles, Québec's Law 25, the CCPA. Each cell is covered / partial / missing / not required /
not applicable. It starts from what the data says (is there a retention statement at all?), and
is then lowered by the rule findings mapped to that column (a retention rule fired: partial at
best; a column may name rule ids that no rule has yet: they lower nothing until one does), and it
links to those findings, which the same page lists with anchors.

"Not required" is an answer about the item under a law that applies: the law asks it only in
some cases and the policy shows none of them, or the policy cannot show whether they hold (no
DPO where Art. 37 may not require one; no legitimate interest where no purpose relies on it). A
statement of absence ("we do not transfer data outside the EU") answers the item: covered.
"Not applicable" is a law whose profile does not apply to the policy. Only the laws that apply
to at least one policy of the report get their columns. The HTML is one self-contained file:
inline CSS, no script, no fetch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from policyval.check.result import Result
from policyval.findings import Finding
from policyval.policy import access, terms

COVERED, PARTIAL, MISSING, NA = "covered", "partial", "missing", "not applicable"
NOT_REQUIRED = "not required"

Judge = Callable[[dict[str, Any]], tuple[str, str]]  # data -> (status, why)


@dataclass(frozen=True)
class Column:
    id: str
    law: str  # the group (GROUPS) the column belongs to; its profiles make it applicable
    ref: str
    title: str
    rules: tuple[str, ...]
    judge: Judge

    @property
    def profiles(self) -> tuple[str, ...]:
        return GROUPS[self.law][1]


# Column groups: id -> (heading, the profiles that make its columns applicable).
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "eu-gdpr": ("GDPR and UK GDPR Art. 13/14", ("eu-gdpr", "uk-gdpr")),
    "ca-pipeda": ("PIPEDA Schedule 1 principles", ("ca-pipeda",)),
    "ca-qc-law25": ("Québec Law 25 (CQLR c P-39.1)", ("ca-qc-law25",)),
    "us-ccpa": ("CCPA / CPRA and the CPPA regulations", ("us-ccpa",)),
}


def _declared(data: dict[str, Any]) -> tuple[str, ...]:
    """The profiles the policy's declared laws and places select (policy.laws)."""
    from policyval.policy import laws

    policy = access.mapping(data, "policy")
    named = [str(law.get("law")) for law in access.items(policy, "applicable_laws")]
    return laws.selected(access.strings(policy, "jurisdictions"), named)


def _absent(d: dict[str, Any], *topics: str) -> str:
    """What the policy says it does not do on ``topics`` (schema 1.1 absences), or ""."""
    found = [a for a in access.items(d, "absences") if a.get("topic") in topics]
    return "; ".join(str(a.get("description") or a.get("topic")) for a in found)


def _rights(data: dict[str, Any]) -> set[str]:
    return {str(r.get("right")) for r in access.items(data, "rights")}


def _share(found: int, total: int, what: str) -> tuple[str, str]:
    if total == 0 or found == 0:
        return MISSING, f"no {what}"
    return (COVERED, f"all {total} {what}") if found == total else (PARTIAL, f"{found} of {total} {what}")


def _present(items: Sequence[Any], what: str) -> tuple[str, str]:
    return (COVERED, f"{len(items)} {what}") if items else (MISSING, f"no {what}")


def _identity(d: dict[str, Any]) -> tuple[str, str]:
    c = access.mapping(d, "controller")
    named = bool(c.get("legal_name") or c.get("other_names"))
    reachable = any(ch.get("value") for ch in access.items(c, "channels")) or bool(
        access.mapping(c, "postal_address").get("text")
    )
    if named and reachable:
        return COVERED, "named, with contact details"
    return (
        (PARTIAL, "named but not reachable" if named else "reachable but not named")
        if named or reachable
        else (
            MISSING,
            "neither named nor reachable",
        )
    )


def _officer(roles: tuple[str, ...], what: str, optional: str = "") -> Judge:
    """A named, reachable officer; ``optional`` says why the law may not require one."""

    def judge(d: dict[str, Any]) -> tuple[str, str]:
        found = [c for c in access.items(d, "contacts") if c.get("role") in roles]
        if not found and _absent(d, "dpo") and optional:
            return COVERED, f"says none is appointed: “{_absent(d, 'dpo')}”"
        if not found and optional:
            return NOT_REQUIRED, f"none named; {optional}"
        if not found:
            return MISSING, f"no {what} named"
        if any(ch.get("value") for c in found for ch in access.items(c, "channels")):
            return COVERED, f"{what} with contact details"
        return PARTIAL, f"{what} named but not reachable"

    return judge


def _purposes(d: dict[str, Any]) -> tuple[str, str]:
    purposes = access.items(d, "purposes")
    based = sum(1 for p in purposes if terms.bases_for(d, p))
    return _share(based, len(purposes), "purposes with a legal basis")


def _legitimate(d: dict[str, Any]) -> tuple[str, str]:
    relying = [p for p in access.items(d, "purposes") if terms.relies_on(p, terms.is_legitimate_interest)]
    listed = [b for b in access.items(d, "legal_bases") if terms.is_legitimate_interest(str(b.get("basis")))]
    if not relying and not listed:
        return NOT_REQUIRED, "no purpose relies on legitimate interests"
    stated = sum(1 for p in relying if p.get("legitimate_interest")) + sum(
        1 for b in listed if b.get("legitimate_interest")
    )
    return _share(stated, len(relying) + len(listed), "interests stated")


def _transfers(d: dict[str, Any]) -> tuple[str, str]:
    transfers = access.items(d, "transfers")
    if not transfers and _absent(d, "transfers"):
        return COVERED, f"says there is none: “{_absent(d, 'transfers')}”"
    if not transfers:
        return NOT_REQUIRED, "no transfer described: required only where data is transferred"
    named = [
        {*(t.get("mechanisms") or []), *(g.get("mechanism") for g in access.items(t, "safeguards"))} for t in transfers
    ]
    safe = sum(1 for mechanisms in named if mechanisms - {"none_stated", None})
    return _share(safe, len(transfers), "transfers with a safeguard")


def _retention(d: dict[str, Any]) -> tuple[str, str]:
    statements = access.items(d, "retention")
    firm = [r for r in statements if r.get("duration") or r.get("until") or r.get("criteria")]
    if not statements:
        return MISSING, "no retention statement"
    return (COVERED, "periods or criteria given") if len(firm) == len(statements) else (PARTIAL, "some periods vague")


def _rights_judge(wanted: tuple[str, ...]) -> Judge:
    def judge(d: dict[str, Any]) -> tuple[str, str]:
        return _share(len(set(wanted) & _rights(d)), len(wanted), "rights stated")

    return judge


def _withdraw(d: dict[str, Any]) -> tuple[str, str]:
    if not any(terms.is_consent(str(b.get("basis"))) for b in terms.all_bases(d)):
        return NOT_REQUIRED, "consent is not a basis"
    return (COVERED, "withdrawal stated") if "withdraw_consent" in _rights(d) else (MISSING, "withdrawal not stated")


def _complaint(d: dict[str, Any]) -> tuple[str, str]:
    right = next((r for r in access.items(d, "rights") if r.get("right") == "complaint"), None)
    if right is None:
        return MISSING, "no complaint right"
    return (
        (COVERED, "authority named")
        if access.mapping(right, "authority").get("name")
        else (PARTIAL, "authority not named")
    )


def _requirement(d: dict[str, Any]) -> tuple[str, str]:
    cats = access.items(d, "data_categories")
    said = sum(1 for c in cats if c.get("requirement") in ("mandatory", "optional"))
    return _share(said, len(cats), "categories say whether required")


def _adm(d: dict[str, Any]) -> tuple[str, str]:
    adm = access.mapping(d, "automated_decision_making")
    if adm.get("status") == "no":
        return COVERED, "says none is made"
    if _absent(d, "profiling") and adm.get("status") != "yes":
        return COVERED, f"says none is made: “{_absent(d, 'profiling')}”"
    if adm.get("status") == "yes":
        return (COVERED, "described") if adm.get("description") else (PARTIAL, "used, logic not described")
    return MISSING, "not stated"


def _sources(d: dict[str, Any]) -> tuple[str, str]:
    cats = access.items(d, "data_categories")
    return _share(sum(1 for c in cats if c.get("sources")), len(cats), "categories with a source")


def _consent(d: dict[str, Any]) -> tuple[str, str]:
    consent = [b for b in terms.all_bases(d) if terms.is_consent(str(b.get("basis")))]
    if not consent:
        return MISSING, "consent not described"
    typed = sum(1 for b in consent if b.get("consent_type") not in (None, "not_stated"))
    return (COVERED, "form of consent stated") if typed == len(consent) else (PARTIAL, "form of consent not stated")


def _limiting_collection(d: dict[str, Any]) -> tuple[str, str]:
    used = {str(c) for p in access.items(d, "purposes") for c in p.get("data_categories") or []}
    cats = access.items(d, "data_categories")
    return _share(sum(1 for c in cats if c.get("id") in used), len(cats), "categories tied to a purpose")


def _security(d: dict[str, Any]) -> tuple[str, str]:
    return _present(access.items(access.mapping(d, "security"), "measures"), "security measures")


def _openness(d: dict[str, Any]) -> tuple[str, str]:
    return _identity(d)


def _challenge(d: dict[str, Any]) -> tuple[str, str]:
    if "challenge_compliance" in _rights(d) or any(c.get("role") == "complaints" for c in access.items(d, "contacts")):
        return COVERED, "a way to challenge is given"
    return (PARTIAL, "only a complaint right") if "complaint" in _rights(d) else (MISSING, "no way to challenge")


def _recipients(d: dict[str, Any]) -> tuple[str, str]:
    return _present(access.items(d, "recipients"), "recipients")


def _categories(d: dict[str, Any]) -> tuple[str, str]:
    return _present(access.items(d, "data_categories"), "data categories")


def _purposes_named(d: dict[str, Any]) -> tuple[str, str]:
    return _present(access.items(d, "purposes"), "purposes")


def _accuracy(d: dict[str, Any]) -> tuple[str, str]:
    return (COVERED, "correction offered") if "rectification" in _rights(d) else (MISSING, "no correction right")


def _access(d: dict[str, Any]) -> tuple[str, str]:
    return (COVERED, "access right stated") if "access" in _rights(d) else (MISSING, "no access right")


_GDPR_RIGHTS = ("access", "rectification", "erasure", "restriction", "objection", "portability")
_RIGHT_RULES = tuple(f"rights/no-{r}" for r in _GDPR_RIGHTS)

_GDPR_AND_PIPEDA: tuple[Column, ...] = (
    Column(
        "g13-1a",
        "eu-gdpr",
        "Art. 13(1)(a)",
        "Controller identity & contact",
        ("contact/no-controller-name", "contact/missing-contact", "contact/malformed-address"),
        _identity,
    ),
    Column(
        "g13-1b",
        "eu-gdpr",
        "Art. 13(1)(b)",
        "DPO contact",
        ("contact/unreachable-officer",),
        _officer(
            ("data_protection_officer",),
            "DPO",
            optional="Art. 37 requires one only of some controllers: not determinable from the policy",
        ),
    ),
    Column(
        "g13-1c",
        "eu-gdpr",
        "Art. 13(1)(c)",
        "Purposes & legal bases",
        ("basis/no-legal-basis", "basis/no-art9-condition", "ref/purpose-without-data"),
        _purposes,
    ),
    Column(
        "g13-1d", "eu-gdpr", "Art. 13(1)(d)", "Legitimate interests", ("basis/no-legitimate-interest",), _legitimate
    ),
    Column("g13-1e", "eu-gdpr", "Art. 13(1)(e)", "Recipients", ("recipient/unidentified",), _recipients),
    Column("g13-1f", "eu-gdpr", "Art. 13(1)(f)", "Transfers & safeguards", ("transfer/no-safeguard",), _transfers),
    Column(
        "g13-2a",
        "eu-gdpr",
        "Art. 13(2)(a)",
        "Retention",
        ("retention/no-retention-period", "retention/vague-retention"),
        _retention,
    ),
    Column("g13-2b", "eu-gdpr", "Art. 13(2)(b)", "Rights", _RIGHT_RULES, _rights_judge(_GDPR_RIGHTS)),
    Column("g13-2c", "eu-gdpr", "Art. 13(2)(c)", "Withdraw consent", ("basis/consent-without-withdrawal",), _withdraw),
    Column("g13-2d", "eu-gdpr", "Art. 13(2)(d)", "Complaint", ("rights/no-complaint",), _complaint),
    Column("g13-2e", "eu-gdpr", "Art. 13(2)(e)", "Statutory/contractual requirement", (), _requirement),
    Column("g13-2f", "eu-gdpr", "Art. 13(2)(f)", "Automated decisions", (), _adm),
    Column("g14-1d", "eu-gdpr", "Art. 14(1)(d)", "Categories of data", ("ref/unused-data-category",), _categories),
    Column("g14-2f", "eu-gdpr", "Art. 14(2)(f)", "Source of data", (), _sources),
    Column(
        "p4-1",
        "ca-pipeda",
        "PIPEDA 4.1",
        "Accountability",
        ("pipeda/no-accountable-person", "contact/unreachable-officer"),
        _officer(("privacy_officer", "accountable_person", "data_protection_officer"), "accountable person"),
    ),
    Column("p4-2", "ca-pipeda", "PIPEDA 4.2", "Identifying purposes", ("ref/purpose-without-data",), _purposes_named),
    Column("p4-3", "ca-pipeda", "PIPEDA 4.3", "Consent", ("recipient/unidentified",), _consent),
    Column(
        "p4-4", "ca-pipeda", "PIPEDA 4.4", "Limiting collection", ("ref/unused-data-category",), _limiting_collection
    ),
    Column(
        "p4-5",
        "ca-pipeda",
        "PIPEDA 4.5",
        "Limiting use, disclosure, retention",
        ("retention/no-retention-period", "retention/vague-retention"),
        _retention,
    ),
    Column("p4-6", "ca-pipeda", "PIPEDA 4.6", "Accuracy", (), _accuracy),
    Column("p4-7", "ca-pipeda", "PIPEDA 4.7", "Safeguards", (), _security),
    Column(
        "p4-8",
        "ca-pipeda",
        "PIPEDA 4.8",
        "Openness",
        ("contact/missing-contact", "contact/malformed-address"),
        _openness,
    ),
    Column("p4-9", "ca-pipeda", "PIPEDA 4.9", "Individual access", ("pipeda/no-access-procedure",), _access),
    Column(
        "p4-10", "ca-pipeda", "PIPEDA 4.10", "Challenging compliance", ("pipeda/no-challenge-procedure",), _challenge
    ),
)


# --- Québec, Law 25 ---------------------------------------------------------------------------


def _technology(d: dict[str, Any]) -> tuple[str, str]:
    cookies = access.mapping(d, "cookies")
    if access.items(cookies, "trackers") or cookies.get("used") in ("yes", "no"):
        return COVERED, "says whether and which technology tracks"
    return (COVERED, "says none is used") if _absent(d, "tracking", "profiling") else (MISSING, "not stated")


def _outside(d: dict[str, Any]) -> tuple[str, str]:
    if access.items(d, "transfers"):
        return COVERED, "communication outside the province described"
    if _absent(d, "transfers"):
        return COVERED, "says there is none"
    return NOT_REQUIRED, "no communication outside Québec described: required only where there is one"


def _destruction(d: dict[str, Any]) -> tuple[str, str]:
    statements = access.items(d, "retention")
    if not statements:
        return MISSING, "no retention statement"
    ended = [r for r in statements if {r.get("end_action"), *(r.get("end_actions") or [])} - {None, "not_stated"}]
    return _share(len(ended), len(statements), "statements say what happens at the end")


def _portability(d: dict[str, Any]) -> tuple[str, str]:
    return (COVERED, "portability stated") if "portability" in _rights(d) else (MISSING, "no portability right")


def _cai(d: dict[str, Any]) -> tuple[str, str]:
    right = next((r for r in access.items(d, "rights") if r.get("right") == "complaint"), None)
    if right is None:
        return MISSING, "no complaint right"
    name = str(access.mapping(right, "authority").get("name") or "")
    return (COVERED, "the CAI named") if "accès à l'information" in name else (PARTIAL, "the CAI is not named")


def _minors(d: dict[str, Any]) -> tuple[str, str]:
    children = access.mapping(d, "children")
    if children.get("minimum_age") is not None or children.get("description") or _absent(d, "children_data"):
        return COVERED, "says how minors' information is treated"
    return NOT_REQUIRED, "not determinable: the policy does not say whether it collects minors' information"


_QUEBEC: tuple[Column, ...] = (
    Column(
        "q3-1",
        "ca-qc-law25",
        "s. 3.1",
        "Person in charge",
        ("qc/no-person-in-charge", "contact/unreachable-officer"),
        _officer(("accountable_person", "privacy_officer", "data_protection_officer"), "person in charge"),
    ),
    Column(
        "q8-1", "ca-qc-law25", "s. 8.1", "Identifying, locating, profiling", ("qc/no-technology-notice",), _technology
    ),
    Column("q12-1", "ca-qc-law25", "s. 12.1", "Automated decisions", ("qc/no-automated-decision-notice",), _adm),
    Column("q17", "ca-qc-law25", "s. 17", "Outside Québec", ("qc/no-communication-outside-quebec",), _outside),
    Column("q23", "ca-qc-law25", "s. 23", "Destruction or anonymisation", ("qc/no-destruction",), _destruction),
    Column("q27", "ca-qc-law25", "s. 27", "Portability", ("qc/no-portability",), _portability),
    Column("q-cai", "ca-qc-law25", "CAI", "Complaint to the CAI", ("qc/no-cai-complaint",), _cai),
    Column("q4-1", "ca-qc-law25", "s. 4.1", "Minors under 14", ("qc/no-minor-consent",), _minors),
)


# --- California: the CCPA as amended by the CPRA, and the CPPA regulations ------------------------


def _categories_of(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [c for c in access.items(d, "data_categories") if c.get(key) not in (None, [], {})]


def _collection_notice(d: dict[str, Any]) -> tuple[str, str]:
    status = access.mapping(d, "notice_at_collection").get("status")
    return (COVERED, "given") if status == "yes" else (MISSING, "not given" if status == "no" else "not stated")


def _statutory(d: dict[str, Any]) -> tuple[str, str]:
    cats = access.items(d, "data_categories")
    return _share(len(_categories_of(d, "ccpa_categories")), len(cats), "categories in the statutory categories")


def _sensitive(d: dict[str, Any]) -> tuple[str, str]:
    if _absent(d, "sensitive_data"):
        return COVERED, "says none is collected"
    said = [c for c in access.items(d, "data_categories") if isinstance(c.get("sensitive_pi"), bool)]
    return _share(len(said), len(access.items(d, "data_categories")), "categories say whether sensitive")


def _sold_shared(d: dict[str, Any]) -> tuple[str, str]:
    cats = access.items(d, "data_categories")
    denied = bool(_absent(d, "sale")) and bool(_absent(d, "sharing"))
    said = [
        c
        for c in cats
        if denied or any(access.mapping(c, k).get("status") in ("yes", "no") for k in ("sale", "sharing"))
    ]
    return _share(len(said), len(cats), "categories say whether sold or shared")


def _kept_per_category(d: dict[str, Any]) -> tuple[str, str]:
    statements = access.items(d, "retention")
    firm = [r for r in statements if terms.period_kind(r) in ("duration", "until", "criteria")]
    kept = {c for r in firm for c in access.strings(r, "data_categories")}
    if any(not r.get("data_categories") for r in firm):
        kept = {str(c.get("id")) for c in access.items(d, "data_categories")}
    cats = access.items(d, "data_categories")
    return _share(sum(1 for c in cats if c.get("id") in kept), len(cats), "categories with a retention period")


_CCPA_RIGHTS = (("know", "access"), ("erasure",), ("rectification",), ("opt_out_sale_sharing",), ("limit_sensitive",))


def _ccpa_rights(d: dict[str, Any]) -> tuple[str, str]:
    have = _rights(d)
    wanted = [*_CCPA_RIGHTS, ("non_discrimination",)]
    return _share(sum(1 for names in wanted if have & set(names)), len(wanted), "rights stated")


def _methods(d: dict[str, Any]) -> tuple[str, str]:
    requests = access.mapping(d, "rights_requests")
    via = access.strings(requests, "exercise_via")
    owners = [access.mapping(d, "controller")] if "controller" in via else []
    owners += [c for c in access.items(d, "contacts") if c.get("id") in via]
    channels = terms.reachable(requests.get("channels")) + [
        ch for o in owners for ch in terms.reachable(o.get("channels"))
    ]
    kinds = {str(ch.get("type")) for ch in channels}
    if len(kinds) >= 2:
        return COVERED, f"{len(kinds)} methods"
    return (PARTIAL, "one method") if kinds else (MISSING, "no method to submit requests")


_TITLES = {
    "do_not_sell_or_share": "Do Not Sell or Share My Personal Information",
    "limit_sensitive": "Limit the Use of My Sensitive Personal Information",
}


def _links(d: dict[str, Any]) -> tuple[str, str]:
    cats = access.items(d, "data_categories")
    needed = [
        k
        for k, due in (
            (
                "do_not_sell_or_share",
                any(access.mapping(c, x).get("status") == "yes" for c in cats for x in ("sale", "sharing")),
            ),
            ("limit_sensitive", any(c.get("sensitive_pi") is True for c in cats)),
        )
        if due
    ]
    if not needed:
        return NOT_REQUIRED, "nothing sold, shared or sensitive is stated"
    links = access.items(d, "opt_out_links")
    if any(link.get("text") == "Your Privacy Choices" for link in links):
        return COVERED, "the alternative opt-out link"
    exact = [k for k in needed if any(link.get("kind") == k and link.get("text") == _TITLES[k] for link in links)]
    return _share(len(exact), len(needed), "links with their exact titles")


def _gpc(d: dict[str, Any]) -> tuple[str, str]:
    signal = next((x for x in access.items(d, "opt_out_signals") if x.get("signal") == "gpc"), None)
    if signal is None:
        return MISSING, "Global Privacy Control not mentioned"
    return (COVERED, "honoured") if signal.get("honoured") == "yes" else (PARTIAL, "not said to be honoured")


def _request_fact(key: str, what: str) -> Judge:
    def judge(d: dict[str, Any]) -> tuple[str, str]:
        holders = [access.mapping(d, "rights_requests"), *access.items(d, "rights")]
        stated = [h for h in holders if access.mapping(h, key).get("status") in ("yes", "no")]
        return (COVERED, f"{what} stated") if stated else (MISSING, f"{what} not stated")

    return judge


def _updated(d: dict[str, Any]) -> tuple[str, str]:
    policy = access.mapping(d, "policy")
    date = policy.get("last_updated") or policy.get("effective_date")
    return (COVERED, f"dated {date}") if date else (MISSING, "no date of last update")


_CCPA: tuple[Column, ...] = (
    Column(
        "c-nac",
        "us-ccpa",
        "§ 1798.100(a)",
        "Notice at collection",
        ("ccpa/no-notice-at-collection",),
        _collection_notice,
    ),
    Column(
        "c-cat", "us-ccpa", "§ 1798.110(c)(1)", "Categories collected", ("ccpa/no-statutory-categories",), _statutory
    ),
    Column(
        "c-spi",
        "us-ccpa",
        "§ 1798.121",
        "Sensitive personal information",
        ("ccpa/no-sensitive-categories",),
        _sensitive,
    ),
    Column("c-src", "us-ccpa", "§ 1798.110(c)(2)", "Sources", ("ccpa/no-sources",), _sources),
    Column(
        "c-pur",
        "us-ccpa",
        "§ 1798.110(c)(3)",
        "Business or commercial purposes",
        ("ccpa/no-business-purposes",),
        _purposes_named,
    ),
    Column(
        "c-sold", "us-ccpa", "§ 1798.115(c)", "Sold or shared, and to whom", ("ccpa/no-sold-or-shared",), _sold_shared
    ),
    Column(
        "c-ret",
        "us-ccpa",
        "§ 1798.100(a)(3)",
        "Retention per category",
        ("ccpa/no-retention-per-category",),
        _kept_per_category,
    ),
    Column("c-rights", "us-ccpa", "§§ 1798.100-1798.125", "Rights", ("ccpa/missing-right",), _ccpa_rights),
    Column(
        "c-methods",
        "us-ccpa",
        "§ 1798.130(a)(1)",
        "Two methods to submit requests",
        ("ccpa/fewer-than-two-methods",),
        _methods,
    ),
    Column("c-links", "us-ccpa", "§ 1798.135", "Opt-out links", ("ccpa/opt-out-link-title",), _links),
    Column("c-gpc", "us-ccpa", "11 CCR § 7025", "Global Privacy Control", ("ccpa/no-gpc",), _gpc),
    Column(
        "c-agents",
        "us-ccpa",
        "11 CCR § 7063",
        "Authorised agents",
        ("ccpa/no-authorised-agent",),
        _request_fact("authorised_agents", "authorised agents"),
    ),
    Column(
        "c-verify",
        "us-ccpa",
        "11 CCR § 7060",
        "Verification",
        ("ccpa/no-verification",),
        _request_fact("identity_verification", "verification"),
    ),
    Column(
        "c-updated", "us-ccpa", "§ 1798.130(a)(5)", "Updated in the last 12 months", ("ccpa/stale-policy",), _updated
    ),
)

COLUMNS: tuple[Column, ...] = (*_GDPR_AND_PIPEDA, *_QUEBEC, *_CCPA)


@dataclass
class Cell:
    column: Column
    status: str
    why: str
    findings: list[str] = field(default_factory=list)  # anchors


@dataclass
class Row:
    file: str
    name: str
    profiles: tuple[str, ...]
    cells: list[Cell]
    findings: list[tuple[str, Finding]]  # (anchor, finding)
    readable: bool = True


def _anchor(index: int, number: int) -> str:
    return f"p{index + 1}-f{number + 1}"


def cell(column: Column, data: dict[str, Any], profiles: tuple[str, ...], anchors: dict[str, list[str]]) -> Cell:
    """One cell: NA if the law does not apply; else the data's status, lowered by findings."""
    if not set(column.profiles) & set(profiles):
        return Cell(column, NA, f"the {' / '.join(column.profiles)} profile does not apply")
    status, why = column.judge(data)
    linked = [a for rule in column.rules for a in anchors.get(rule, [])]
    if linked and status in (COVERED, NA, NOT_REQUIRED):
        status = PARTIAL
    if linked:
        why += f"; {len(linked)} finding{'s' if len(linked) > 1 else ''}"
    return Cell(column, status, why, linked)


def build(results: Iterable[Result], declared: bool = True) -> list[Row]:
    """Rows of the matrix, one per checked policy, from results that kept their data. A law
    applies when its profile ran or, with ``declared``, when the policy's laws and places select
    it (a law whose rules are not written yet still has its columns); ``--profile`` turns
    ``declared`` off: then only the chosen profiles apply."""
    rows = []
    for index, result in enumerate(r for r in results if r.checked):
        anchored = [(_anchor(index, n), f) for n, f in enumerate(result.findings)]
        anchors: dict[str, list[str]] = {}
        for anchor, f in anchored:
            anchors.setdefault(f.rule, []).append(anchor)
        data = result.data
        if not isinstance(data, dict) or result.profiles is None:
            rows.append(Row(result.file, result.file, (), [], anchored, readable=False))
            continue
        controller = access.mapping(data, "controller")
        name = str(controller.get("legal_name") or next(iter(controller.get("other_names") or []), result.file))
        profiles = tuple(dict.fromkeys([*result.profiles, *(_declared(data) if declared else ())]))
        cells = [cell(c, data, profiles, anchors) for c in COLUMNS]
        rows.append(Row(result.file, name, profiles, cells, anchored))
    return rows


LABELS = {
    COVERED: "✔ covered",
    PARTIAL: "◐ partial",
    MISSING: "✘ missing",
    NOT_REQUIRED: "○ not required",
    NA: "n/a",
}


def render(rows: list[Row], problems: list[Finding], fmt: str) -> str:
    """The matrix as one self-contained HTML page or as Markdown; ``problems`` are the
    findings about paths that could not be checked at all."""
    from policyval.publish.notice import environment

    template = environment().get_template({"markdown": "report.md.j2", "html": "report.html.j2"}[fmt])
    columns = shown(rows)
    ids = {c.id for c in columns}
    view = [replace(r, cells=[c for c in r.cells if c.column.id in ids]) for r in rows]
    totals = {s: sum(1 for r in view for c in r.cells if c.status == s) for s in LABELS}
    groups = [(GROUPS[g][0], [c for c in columns if c.law == g]) for g in GROUPS]
    return template.render(
        rows=view,
        columns=columns,
        groups=[(title, cols) for title, cols in groups if cols],
        labels=LABELS,
        totals=totals,
        problems=problems,
        slug=slug,
    )


def shown(rows: list[Row]) -> list[Column]:
    """The columns of the laws that apply to at least one policy (every column when none does)."""
    applying = {p for r in rows for p in r.profiles}
    found = [c for c in COLUMNS if set(c.profiles) & applying]
    return found or list(COLUMNS)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
