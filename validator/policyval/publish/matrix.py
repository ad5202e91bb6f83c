"""Compliance matrix: policies in rows, GDPR Art. 13/14 items and PIPEDA principles in columns.

Each cell is covered / partial / missing / not applicable. It starts from what the data says
(is there a retention statement at all?) and is then lowered by the rule findings mapped to
that column (a retention rule fired: partial at best), and it links to those findings, which
the same page lists with anchors. Columns of a law whose profile does not apply to a policy
are "not applicable". The HTML is one self-contained file: inline CSS, no script, no fetch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policyval.check.result import Result
from policyval.findings import Finding
from policyval.policy import access, terms

COVERED, PARTIAL, MISSING, NA = "covered", "partial", "missing", "not applicable"

Judge = Callable[[dict[str, Any]], tuple[str, str]]  # data -> (status, why)


@dataclass(frozen=True)
class Column:
    id: str
    law: str  # profile that makes the column applicable
    ref: str
    title: str
    rules: tuple[str, ...]
    judge: Judge


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


def _officer(roles: tuple[str, ...], what: str) -> Judge:
    def judge(d: dict[str, Any]) -> tuple[str, str]:
        found = [c for c in access.items(d, "contacts") if c.get("role") in roles]
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
        return NA, "no purpose relies on legitimate interests"
    stated = sum(1 for p in relying if p.get("legitimate_interest")) + sum(
        1 for b in listed if b.get("legitimate_interest")
    )
    return _share(stated, len(relying) + len(listed), "interests stated")


def _transfers(d: dict[str, Any]) -> tuple[str, str]:
    transfers = access.items(d, "transfers")
    if not transfers:
        return NA, "no transfer described"
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
        return NA, "consent is not a basis"
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

COLUMNS: tuple[Column, ...] = (
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
        _officer(("data_protection_officer",), "DPO"),
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
    if column.law not in profiles:
        return Cell(column, NA, f"the {column.law} profile does not apply")
    status, why = column.judge(data)
    linked = [a for rule in column.rules for a in anchors.get(rule, [])]
    if linked and status in (COVERED, NA):
        status = PARTIAL
    if linked:
        why += f"; {len(linked)} finding{'s' if len(linked) > 1 else ''}"
    return Cell(column, status, why, linked)


def build(results: Iterable[Result]) -> list[Row]:
    """Rows of the matrix, one per checked policy, from results that kept their data."""
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
        cells = [cell(c, data, result.profiles, anchors) for c in COLUMNS]
        rows.append(Row(result.file, name, result.profiles, cells, anchored))
    return rows


LABELS = {COVERED: "✔ covered", PARTIAL: "◐ partial", MISSING: "✘ missing", NA: "n/a"}


def render(rows: list[Row], problems: list[Finding], fmt: str) -> str:
    """The matrix as one self-contained HTML page or as Markdown; ``problems`` are the
    findings about paths that could not be checked at all."""
    from policyval.publish.notice import environment

    template = environment().get_template({"markdown": "report.md.j2", "html": "report.html.j2"}[fmt])
    totals = {s: sum(1 for r in rows for c in r.cells if c.status == s) for s in LABELS}
    return template.render(rows=rows, columns=COLUMNS, labels=LABELS, totals=totals, problems=problems, slug=slug)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
