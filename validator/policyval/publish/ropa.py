"""The record of processing activities (GDPR Art. 30(1)) a policy supports, for DPOs.

One row per processing purpose, per controller, with a column for each item of Art. 30(1)(a)
to (g), named as the ICO's "Documentation template for controllers" names it (the CNIL's
"registre" heading of each is in ``COLUMNS`` and docs/ropa.md), and a few columns of the
ICO's template beyond Art. 30(1) that a policy states (lawful basis, legitimate interests,
source). A cell says only what the policy says: where the policy is silent, it says
``GAP`` ("not stated in the policy"), never a blank and never a guess. Where a column does
not apply (legitimate interests of a purpose based on consent), it says why.

A purpose is tied to recipients, transfers and retention statements by the ids the policy
gives them; an entry the policy ties to nothing is listed with every purpose, marked as such
("the policy does not tie it to a purpose"), since the policy says it exists but not where.
Formats: CSV (RFC 4180, UTF-8) and XLSX (openpyxl, imported only when used); every cell passes
through ``reporters.escape.spreadsheet`` so no policy text becomes a formula.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from policyval.policy import access, terms
from policyval.policy.terms import label, words
from policyval.publish.notice import NoticeBuilder, basis_words, contact_reach, period_words, safeguard_words
from policyval.reporters import escape

GAP = "not stated in the policy"
UNTIED = "the policy does not tie it to a purpose"
SEPARATOR = "; "


@dataclass
class Activity:
    """One processing activity: a purpose of one controller, with the policy it comes from."""

    source: str
    data: dict[str, Any]
    names: NoticeBuilder
    controller: dict[str, Any]
    purpose: dict[str, Any] | None

    @property
    def categories(self) -> list[str]:
        return access.strings(self.purpose, "data_categories") if self.purpose else []

    def ties(self, entry: dict[str, Any], purposes: str = "purposes", categories: str = "data_categories") -> bool:
        """Whether ``entry`` concerns this purpose: it names it, or names none of the
        purposes but some of its data; an entry that names neither concerns every purpose."""
        named = access.strings(entry, purposes)
        if named:
            return self.purpose is not None and self.purpose.get("id") in named
        data = access.strings(entry, categories)
        return not data or bool(set(data) & set(self.categories))

    def untied(self, entry: dict[str, Any], *keys: str) -> bool:
        return not any(access.strings(entry, k) for k in keys)


Cell = Callable[[Activity], str]


@dataclass(frozen=True)
class Column:
    heading: str  # as the ICO's template names it
    item: str  # the Art. 30(1) item, or "" for a column beyond Art. 30(1)
    cnil: str  # the heading of the CNIL's registre (fiche de registre) for the same item
    cell: Cell


def _said(parts: Iterable[str]) -> str:
    found = [p for p in parts if p]
    return SEPARATOR.join(dict.fromkeys(found)) or GAP


def _absence(a: Activity, topic: str) -> str:
    """What the policy says is not done on ``topic`` (schema 1.1 absences), or ""."""
    said = [x.get("description") or words(topic) for x in access.items(a.data, "absences") if x.get("topic") == topic]
    return f"none: the policy says “{said[0]}”" if said else ""


# --- Art. 30(1)(a): the controller, its DPO, its representative, joint controllers ------------


def _controller(a: Activity) -> str:
    c = a.controller
    name = c.get("legal_name") or ", ".join(str(n) for n in c.get("other_names") or [])
    scope = terms.statement_words(access.mapping(c, "controller_for"))
    return _said([str(name) + (f" (responsible for: {scope})" if scope and name else "")])


def _controller_contact(a: Activity) -> str:
    return contact_reach({k: v for k, v in a.controller.items() if k not in ("controller_for",)}) or GAP


def _serves(contact: dict[str, Any], controller: dict[str, Any]) -> bool:
    served = access.strings(contact, "for_controllers")
    return not served or controller.get("id") in served


def _contacts(role: str) -> Cell:
    def cell(a: Activity) -> str:
        found = [c for c in access.items(a.data, "contacts") if c.get("role") == role and _serves(c, a.controller)]
        described = [_person(c) for c in found]
        if described or role != OFFICER:
            return _said(described)
        others = [c for c in access.items(a.data, "contacts") if c.get("role") in terms.OFFICER_ROLES[1:]]
        named = SEPARATOR.join(f"{words(c.get('role'))}: {_person(c)}" for c in others)
        return _absence(a, "dpo") or (f"{GAP}; it names a {named}" if named else GAP)

    return cell


OFFICER = "data_protection_officer"


def _person(contact: dict[str, Any]) -> str:
    who = contact.get("name") or contact.get("title") or words(contact.get("role"))
    reach = contact_reach(contact)
    return f"{who} — {reach}" if reach else f"{who} (the policy gives no contact details)"


def _joint(a: Activity) -> str:
    joint = [r for r in access.items(a.data, "recipients") if r.get("role") == "joint_controller" and a.ties(r)]
    return _said(_recipient(a, r) for r in joint)


# --- (b) to (d) -----------------------------------------------------------------------------------


def _purpose(a: Activity) -> str:
    if a.purpose is None:
        return GAP
    term = f" ({label(a.purpose['dpv_term'])})" if a.purpose.get("dpv_term") else ""
    return a.names.purpose(str(a.purpose.get("id"))) + term


def _individuals(a: Activity) -> str:
    subjects = access.by_id(access.items(a.data, "data_subjects"))
    ids = [s for c in a.categories for s in access.strings(a.names.categories.get(c), "data_subjects")]
    named = [str(subjects.get(s, {}).get("label") or label(subjects.get(s, {}).get("dpv_term") or s)) for s in ids]
    if named:
        return _said(named)
    listed = [str(s.get("label") or label(s.get("dpv_term") or s.get("id"))) for s in subjects.values()]
    return f"{GAP} for this purpose; the policy concerns: {SEPARATOR.join(listed)}" if listed else GAP


def _personal_data(a: Activity) -> str:
    def one(ident: str) -> str:
        special = a.names.categories.get(ident, {}).get("special_category") is True
        return a.names.cat(ident) + (" (special category)" if special else "")

    return _said(one(c) for c in a.categories)


def _recipient(a: Activity, r: dict[str, Any]) -> str:
    who = a.names.recipient(str(r.get("id")))
    role = f" ({words(r['role'])})" if r.get("role") and r["role"] != "not_stated" else ""
    where = f", {label(r['country'])}" if r.get("country") else ""
    return who + role + where + (f" [{UNTIED}]" if a.untied(r, "purposes", "data_categories") else "")


def _recipients(a: Activity) -> str:
    found = [_recipient(a, r) for r in access.items(a.data, "recipients") if a.ties(r)]
    return _said(found) if found else _absence(a, "disclosure") or GAP


# --- (e) transfers ----------------------------------------------------------------------------------


def _transfers_of(a: Activity) -> list[dict[str, Any]]:
    ours = {str(r.get("id")) for r in access.items(a.data, "recipients") if a.ties(r)}
    found = []
    for t in access.items(a.data, "transfers"):
        via = access.strings(t, "recipients")
        if (via and set(via) & ours) or (not via and a.ties(t, purposes="", categories="data_categories")):
            found.append(t)
    return found


def _destination(t: dict[str, Any]) -> str:
    where = [label(c) for c in access.strings(t, "countries")] + [words(r) for r in access.strings(t, "regions")]
    where += [f"“{t['destination_text']}”"] if t.get("destination_text") else []
    untied = f" [{UNTIED}]" if not (t.get("recipients") or t.get("data_categories")) else ""
    return (", ".join(where) or "a destination the policy does not name") + untied


def _countries(a: Activity) -> str:
    found = [_destination(t) for t in _transfers_of(a)]
    return _said(found) if found else _absence(a, "transfers") or GAP


def _safeguards(a: Activity) -> str:
    said = []
    for t in _transfers_of(a):
        named = [words(m) for m in access.strings(t, "mechanisms") if m != "none_stated"]
        named += [label(x) for x in access.strings(t, "dpv_terms")]
        named += [safeguard_words(g) for g in access.items(t, "safeguards") if g.get("mechanism") != "none_stated"]
        said.append(f"{_destination(t)}: {', '.join(named) or GAP}")
    return _said(said) if said else _absence(a, "transfers") or GAP


# --- (f) retention, (g) security ------------------------------------------------------------------


def _retention(a: Activity) -> str:
    said, covered = [], set()
    for r in access.items(a.data, "retention"):
        if not a.ties(r):
            continue
        cats = access.strings(r, "data_categories")
        covered.update(cats or a.categories)
        then = ", ".join(words(x) for x in r.get("end_actions") or [r.get("end_action")] if x and x != "not_stated")
        what = ", ".join(a.names.cat(c) for c in cats) or "all data"
        said.append(f"{what}: {period_words(r)}" + (f", then {then}" if then else ""))
    said += [f"{a.names.cat(c)}: {GAP}" for c in a.categories if c not in covered]
    return _said(said)


def _security(a: Activity) -> str:
    measures = access.items(access.mapping(a.data, "security"), "measures")
    return _said(str(m.get("description") or label(m.get("dpv_term"))) for m in measures)


# --- beyond Art. 30(1): what the ICO's template also asks and a policy states ------------------


def _bases(a: Activity) -> list[dict[str, Any]]:
    return terms.bases_for(a.data, a.purpose) if a.purpose else []


def _lawful_basis(a: Activity) -> str:
    if _bases(a):
        return _said(basis_words(b) for b in _bases(a))
    loose = [basis_words(b) for b in access.items(a.data, "legal_bases") if not b.get("purposes")]
    return (
        f"{GAP} for this purpose; the policy names, for no purpose in particular: {SEPARATOR.join(loose)}"
        if loose
        else GAP
    )


def _interests(a: Activity) -> str:
    relying = [b for b in _bases(a) if terms.is_legitimate_interest(str(b.get("basis")))]
    if _bases(a) and not relying:
        return "not applicable: the purpose does not rely on legitimate interests"
    stated = [str(b["legitimate_interest"]) for b in relying if b.get("legitimate_interest")]
    stated += [str(a.purpose["legitimate_interest"])] if a.purpose and a.purpose.get("legitimate_interest") else []
    return _said(stated)


def _sources(a: Activity) -> str:
    said = []
    for ident in a.categories:
        c = a.names.categories.get(ident, {})
        found = [terms.SOURCE_NAMES.get(s, words(s)) for s in access.strings(c, "sources")]
        found += [terms.statement_words(d) for d in access.items(c, "source_details")]
        said += [f"{a.names.cat(ident)}: {', '.join(found)}"] if found else []
    return _said(said)


COLUMNS: tuple[Column, ...] = (
    Column("Controller", "Art. 30(1)(a)", "Nom de l'organisme (responsable de traitement)", _controller),
    Column(
        "Controller contact details",
        "Art. 30(1)(a)",
        "Coordonnées du responsable de l'organisme",
        _controller_contact,
    ),
    Column(
        "Data protection officer",
        "Art. 30(1)(a)",
        "Nom et coordonnées du délégué à la protection des données",
        _contacts(OFFICER),
    ),
    Column(
        "Representative",
        "Art. 30(1)(a)",
        "Représentant (si le responsable est situé en dehors de l'UE)",
        _contacts("representative"),
    ),
    Column(
        "Name and contact details of joint controller (if applicable)",
        "Art. 30(1)(a)",
        "Nom du responsable conjoint du traitement",
        _joint,
    ),
    Column("Purpose of processing", "Art. 30(1)(b)", "Objectifs poursuivis (finalités)", _purpose),
    Column("Categories of individuals", "Art. 30(1)(c)", "Catégories de personnes concernées", _individuals),
    Column("Categories of personal data", "Art. 30(1)(c)", "Catégories de données collectées", _personal_data),
    Column("Categories of recipients", "Art. 30(1)(d)", "Catégories de destinataires des données", _recipients),
    Column(
        "Names of third countries or international organisations that personal data are transferred to (if applicable)",
        "Art. 30(1)(e)",
        "Transferts des données hors UE (pays)",
        _countries,
    ),
    Column(
        "Safeguards for exceptional transfers of personal data to third countries or international "
        "organisations (if applicable)",
        "Art. 30(1)(e)",
        "Transferts des données hors UE (garanties)",
        _safeguards,
    ),
    Column(
        "Retention schedule (if possible)",
        "Art. 30(1)(f)",
        "Durées de conservation des catégories de données",
        _retention,
    ),
    Column(
        "General description of technical and organisational security measures (if possible)",
        "Art. 30(1)(g)",
        "Mesures de sécurité",
        _security,
    ),
    Column("Article 6 lawful basis for processing personal data", "", "", _lawful_basis),
    Column("Legitimate interests for the processing (if applicable)", "", "", _interests),
    Column("The source of the personal data (if applicable)", "", "", _sources),
)
SOURCE = "Policy file"  # policyval's own first column: which policy the row comes from
HEADINGS = (SOURCE, *(c.heading for c in COLUMNS))


# --- activities --------------------------------------------------------------------------------------


def controllers(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The principal controller (when the policy describes one) and the others it lists."""
    principal = access.mapping(data, "controller")
    others = access.items(data, "controllers")
    return ([principal] if principal or not others else []) + others


def activities(source: str, data: dict[str, Any]) -> list[Activity]:
    """One activity per purpose of each controller (its ``controller_for.purposes``, else all)."""
    names = NoticeBuilder(data)
    purposes = access.items(data, "purposes")
    out = []
    for c in controllers(data):
        scoped = access.strings(access.mapping(c, "controller_for"), "purposes")
        mine = [p for p in purposes if not scoped or p.get("id") in scoped]
        out += [Activity(source, data, names, c, p) for p in mine] or [Activity(source, data, names, c, None)]
    return out


def rows(source: str, data: dict[str, Any]) -> list[list[str]]:
    """The record's rows for one policy, every cell filled (``GAP`` where the policy is silent)."""
    return [[source, *(column.cell(a) or GAP for column in COLUMNS)] for a in activities(source, data)]


def table(policies: Iterable[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    """Headings, then the rows of every policy, escaped for a spreadsheet."""
    body = [row for source, data in policies for row in rows(source, data)]
    return [list(HEADINGS), *([escape.spreadsheet(cell) for cell in row] for row in body)]


def to_csv(policies: Iterable[tuple[str, dict[str, Any]]]) -> bytes:
    """RFC 4180 CSV (CRLF line ends, every field quoted as needed), UTF-8 without BOM."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(table(policies))
    return out.getvalue().encode("utf-8")


# A fixed time for the workbook's properties and its zip entries, so that the same policies
# always give the same bytes (the examples in docs/ are checked against a fresh export).
_EPOCH = (2000, 1, 1, 0, 0, 0)


def to_xlsx(policies: Iterable[tuple[str, dict[str, Any]]]) -> bytes:
    """An XLSX workbook: the record on one sheet, what each column holds on another."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Record of processing"
    for row in table(policies):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, len(HEADINGS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40
    sheet.freeze_panes = "C2"
    notes = book.create_sheet("Columns")
    notes.append(["Column", "Art. 30(1)", "ICO template heading", "CNIL registre heading"])
    notes.append([SOURCE, "", "(policyval: the policy the row comes from)", ""])
    for column in COLUMNS:
        notes.append([column.heading, column.item or "beyond Art. 30(1)", column.heading, column.cnil or "—"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    book.properties.creator = "policyval"
    book.properties.created = book.properties.modified = dt.datetime(*_EPOCH)
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of saving as "modified".
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _reproducible(raw.getvalue())


def _reproducible(xlsx: bytes) -> bytes:
    """The same zip with every entry dated ``_EPOCH`` (zip entries carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
