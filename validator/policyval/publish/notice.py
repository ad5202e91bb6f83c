"""A human-readable privacy notice from a policy, in the structure of the law that governs it.

The structure (GDPR Art. 13's order, PIPEDA's principles, Québec's Law 25, the CCPA's privacy
policy) is data, in ``publish/structures.py``: parts built by the ``b_*`` methods here. The
notice says only what the policy says. Where the policy is silent, the notice says so
("The policy does not say how long ... is kept") instead of filling the gap: a reader must be
able to tell a stated fact from a missing one. The view built here is plain data; the Jinja2
templates under ``templates/`` only lay it out: HTML is autoescaped, every Markdown value
passes through ``|md`` (or ``|md_link``), and characters HTML forbids are replaced in both
(``policyval.reporters.escape``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from policyval.policy import access, terms
from policyval.policy.terms import label, words
from policyval.publish.paths import left_out
from policyval.publish.structures import STRUCTURES, Part, Structure, chosen, supplements
from policyval.reporters import escape

FORMATS = ("markdown", "html")

_OFFICERS = terms.OFFICER_ROLES


@dataclass
class Block:
    """What one builder says: a part of the notice is one block or several."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # first row: headings
    items: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.paragraphs or self.table or self.items or self.gaps)


@dataclass
class Section:
    anchor: str
    title: str
    article: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def gaps(self) -> list[str]:
        return [g for b in self.blocks for g in b.gaps]


# A block's heading, when its part has more than one block.
BLOCK_TITLES = {
    "controller": "The organisation",
    "dpo": "Officers and other contacts",
    "purposes": "Purposes",
    "legitimate_interests": "Legitimate interests",
    "data": "The personal information",
    "requirement": "Whether you must provide it",
    "recipients": "Who receives it",
    "transfers": "Transfers to other countries",
    "retention": "How long it is kept",
    "trackers": "Cookies and other trackers",
    "choices": "Opt-out links and signals",
    "children": "Children",
    "security": "Security",
    "changes": "Changes to this notice",
    "statements": "What else the policy says",
    "automated_decisions": "Automated decisions",
    "withdraw_consent": "Withdrawing consent",
    "complaint": "Complaints",
}


class NoticeBuilder:
    """Builds the sections from the policy data; tolerant of incomplete policies."""

    def __init__(self, data: dict[str, Any], structure: Structure | None = None) -> None:
        self.data = data
        self.structure = structure or STRUCTURES["gdpr"]
        self.quiet = False  # the builder running shows what is stated and no gap
        self.categories = access.by_id(access.items(data, "data_categories"))
        self.purposes = access.by_id(access.items(data, "purposes"))
        self.recipients = access.by_id(access.items(data, "recipients"))
        self.contacts = access.by_id(access.items(data, "contacts"))
        self.controller = access.mapping(data, "controller")
        self.subjects = access.by_id(access.items(data, "data_subjects"))

    def cat(self, ident: str) -> str:
        c = self.categories.get(ident)
        return str(c.get("label") or label(c.get("dpv_term") or ident)) if c else ident

    def purpose(self, ident: str) -> str:
        p = self.purposes.get(ident)
        return str(p.get("description") or label(p.get("dpv_term") or ident)) if p else ident

    def recipient(self, ident: str) -> str:
        r = self.recipients.get(ident)
        return str(r.get("name") or r.get("category") or ident) if r else ident

    def absent(self, topic: str) -> str:
        """What the policy says it does not do on ``topic`` (schema 1.1 absences), or ""."""
        said = [a for a in access.items(self.data, "absences") if a.get("topic") == topic]
        return "; ".join(str(a.get("description") or words(topic)) for a in said)

    def relies(self, purpose: dict[str, Any], kind: Any) -> bool:
        """Whether any basis of ``purpose`` (its own or a policy-level one naming it) is of ``kind``."""
        return any(kind(str(b.get("basis"))) for b in terms.bases_for(self.data, purpose))

    def unnamed_bases(self) -> list[dict[str, Any]]:
        """Policy-level bases that name no purpose (a purpose's are shown with it)."""
        return [b for b in access.items(self.data, "legal_bases") if not b.get("purposes")]

    def section(self, part: Part, law: str = "", prefix: str = "", skip: frozenset[str] = frozenset()) -> Section:
        """One part of the notice: each of its builders in turn (but those in ``skip``), a
        quiet one without gaps; ``prefix`` names the law of a supplement."""
        reference = f"{law} {part.reference}".strip() if part.reference else ""
        title = f"{prefix}: {part.title}" if prefix else part.title
        anchor = f"{self.structure.id}-{part.anchor}" if prefix else part.anchor
        out = Section(anchor, title, reference)
        for name in (b for b in part.builds if b not in skip):
            self.quiet = name in self.structure.quiet
            block = Block(BLOCK_TITLES.get(name, "") if len(part.builds) > 1 else "")
            getattr(self, "b_" + name)(block)
            if self.quiet:
                block.gaps = []
            if block:
                out.blocks.append(block)
        if len(out.blocks) == 1:  # one block says what its part's heading says
            out.blocks[0].title = ""
        self.quiet = False
        return out

    # Art. 13(1)(a)
    def b_controller(self, s: Block) -> None:
        c = self.controller
        name = c.get("legal_name")
        others = ", ".join(str(n) for n in c.get("other_names") or [])
        if name:
            s.paragraphs.append(f"{name}" + (f" (also known as {others})" if others else "") + " is responsible.")
        elif not access.items(self.data, "controllers"):
            s.gaps.append("The policy does not name the organisation responsible for the data.")
        if others and not name:
            s.paragraphs.append(f"The policy calls it: {others}.")
        rows = [["Contact", "Details"], *party_rows(c)]
        s.table = rows if len(rows) > 1 else []
        reachable = access.items(c, "channels") or terms.address_words(access.mapping(c, "postal_address"))
        if c and not reachable:
            s.gaps.append("The policy gives no address, e-mail or other way to contact the organisation.")
        for other in access.items(self.data, "controllers"):
            who = other.get("legal_name") or ", ".join(other.get("other_names") or []) or "A controller"
            details = "; ".join(f"{k}: {v}" for k, v in party_rows(other))
            s.paragraphs.append(f"{who} is responsible" + (f" — {details}" if details else "") + ".")
        group = access.mapping(self.data, "group")
        if group:
            s.paragraphs.append("Group: " + terms.statement_words(group) + ".")

    # Art. 13(1)(b)
    def b_dpo(self, s: Block) -> None:
        officers = [c for c in self.contacts.values() if c.get("role") in _OFFICERS]
        for o in officers:
            who = o.get("name") or o.get("title") or words(o.get("role"))
            reach = contact_reach(o) or "no contact details given"
            role = words(o.get("role"))
            s.items.append(f"{who}" + ("" if str(who).lower() == role else f" ({role})") + f" — {reach}")
        said = self.absent("dpo")
        if said:
            s.paragraphs.append(f"The policy says: “{said}”.")
        elif not officers:
            s.gaps.append(self.structure.officer_gap)
        other = [c for c in self.contacts.values() if c.get("role") not in _OFFICERS]
        for o in other:
            who = o.get("name") or o.get("title") or words(o.get("role"))
            reach = contact_reach(o) or "no contact details given"
            s.paragraphs.append(f"Other contact — {who} ({words(o.get('role'))}): {reach}")

    # Art. 13(1)(c)
    def b_purposes(self, s: Block) -> None:
        # A legal basis per purpose is the GDPR's (Art. 13(1)(c)); under another law the
        # column shows only when the policy states bases, and a missing one is no gap.
        with_bases = self.structure.bases or any(terms.bases_for(self.data, p) for p in self.purposes.values())
        rows = [["Purpose", "Personal data used", *(["Legal basis"] if with_bases else [])]]
        for p in self.purposes.values():
            bases = terms.bases_for(self.data, p)  # its own, and the policy-level ones naming it
            basis = "; ".join(basis_words(b) for b in bases) or "not stated"
            cats = ", ".join(self.cat(c) for c in p.get("data_categories") or []) or "not stated"
            rows.append([self.purpose(p["id"]), cats, *([basis] if with_bases else [])])
            if not bases and self.structure.bases:
                s.gaps.append(f"The policy does not give a legal basis for: {self.purpose(p['id'])}.")
            if not p.get("data_categories"):
                s.gaps.append(f"The policy does not say which data is used for: {self.purpose(p['id'])}.")
        s.table = rows if len(rows) > 1 else []
        if not self.purposes:
            s.gaps.append("The policy does not state why the data is used.")
        for b in access.items(self.data, "legal_bases"):  # bases the policy lists on their own (schema 1.1)
            fors = [self.purpose(p) for p in b.get("purposes") or []] + [
                self.cat(c) for c in b.get("data_categories") or []
            ]
            scope = f" — for: {', '.join(fors)}" if fors else " — not tied to a purpose in the policy"
            if b.get("unmapped"):
                scope += " (the policy names it without saying what it applies to)"
            interest = f"; the interest: {b['legitimate_interest']}" if b.get("legitimate_interest") else ""
            s.items.append(f"{basis_words(b)}{scope}{interest}")

    # Art. 13(1)(d)
    def b_legitimate_interests(self, s: Block) -> None:
        relying = [p for p in self.purposes.values() if self.relies(p, terms.is_legitimate_interest)]
        for p in relying:
            if p.get("legitimate_interest"):
                s.items.append(f"{self.purpose(p['id'])}: {p['legitimate_interest']}")
            else:
                s.gaps.append(
                    f"The policy relies on legitimate interests for '{self.purpose(p['id'])}' but does not say "
                    "what those interests are."
                )
        stated = [p for p in self.purposes.values() if p.get("legitimate_interest") and p not in relying]
        s.items += [f"{self.purpose(p['id'])}: {p['legitimate_interest']}" for p in stated]
        listed = [b for b in self.unnamed_bases() if terms.is_legitimate_interest(str(b.get("basis")))]
        for b in listed:  # bases the policy lists on their own (schema 1.1)
            if b.get("legitimate_interest"):
                s.items.append(f"{basis_words(b)}: {b['legitimate_interest']}")
            else:
                s.gaps.append(
                    f"The policy relies on legitimate interests ({basis_words(b)}) but does not say what they are."
                )
        if not relying and not listed and self.structure.bases and not self.quiet:
            s.paragraphs.append("No purpose relies on legitimate interests.")

    # Art. 14(1)(d), 14(2)(f)
    def b_data(self, s: Block) -> None:
        rows = [["Personal data", "About", "Source", "Sensitive", "Statutory category, sale and sharing"]]
        subjects = {d["id"]: d for d in access.items(self.data, "data_subjects") if isinstance(d.get("id"), str)}
        for c in self.categories.values():
            about = ", ".join(str(subjects.get(x, {}).get("label") or x) for x in c.get("data_subjects") or [])
            sources = [terms.SOURCE_NAMES.get(x, words(x)) for x in c.get("sources") or []]
            sources += [terms.statement_words(d) for d in access.items(c, "source_details")]
            flag = c.get("special_category")
            special = "not stated" if not isinstance(flag, bool) else "yes (special category)" if flag else "no"
            if c.get("sensitive_pi") is not None:
                special += "; sensitive personal information (US): " + ("yes" if c["sensitive_pi"] else "no")
            row = [self.cat(c["id"]), about or "not stated", "; ".join(sources) or "not stated", special]
            rows.append([*row, us_notes(c) or "—"])
        s.table = rows if len(rows) > 1 else []
        if not self.categories:
            s.gaps.append("The policy does not list the personal data it concerns.")
        people = [str(d.get("label") or label(d.get("dpv_term") or d.get("id"))) for d in subjects.values()]
        if people:
            s.paragraphs.append("People whose data is concerned: " + "; ".join(people) + ".")

    # Cal. Civ. Code §§ 1798.100(a), 1798.110(c), 1798.115(c), 1798.100(a)(3); 11 CCR § 7011(e)(1)
    def b_ccpa_categories(self, s: Block) -> None:
        """The CCPA's table: per category, collected, sensitive, sources, purposes, sold or
        shared (and with whom), disclosed for a business purpose to, and how long it is kept."""
        head = ["Personal information", "Collected", "About", "Sensitive", "Sources", "Purposes"]
        rows = [[*head, "Sold or shared", "Disclosed for a business purpose to", "Kept for"]]
        for c in self.categories.values():
            ident = str(c["id"])
            statutory = ", ".join(CCPA_CATEGORIES.get(x, words(x)) for x in c.get("ccpa_categories") or [])
            name = self.cat(ident) + (f" ({statutory})" if statutory else "")
            fors, whom, kept = self.ccpa_flow(ident)
            rows.append([name, "yes", *self.ccpa_cells(c), fors, self.sold_or_shared(c), whom, kept])
            if not statutory:
                s.gaps.append(f"The policy does not give the statutory category of: {self.cat(ident)}.")
        s.table = rows if len(rows) > 1 else []
        if not self.categories:
            s.gaps.append("The policy does not list the categories of personal information it collects.")
        people = [str(d.get("label") or label(d.get("dpv_term") or d.get("id"))) for d in self.subjects.values()]
        if people:
            s.paragraphs.append("People whose personal information is concerned: " + "; ".join(people) + ".")

    def ccpa_cells(self, c: dict[str, Any]) -> list[str]:
        """About whom, whether sensitive (and special under the GDPR), and the sources."""
        about = ", ".join(str(self.subjects.get(x, {}).get("label") or x) for x in c.get("data_subjects") or [])
        flag = c.get("sensitive_pi")
        sensitive = "not stated" if not isinstance(flag, bool) else "yes" if flag else "no"
        if isinstance(c.get("special_category"), bool):
            sensitive += "; special category (GDPR): " + ("yes" if c["special_category"] else "no")
        sources = [terms.SOURCE_NAMES.get(x, words(x)) for x in c.get("sources") or []]
        sources += [terms.statement_words(d) for d in access.items(c, "source_details")]
        return [about or "not stated", sensitive, "; ".join(sources) or "not stated"]

    def sold_or_shared(self, c: dict[str, Any]) -> str:
        said = []
        for kind, verb in (("sale", "sold"), ("sharing", "shared")):
            entry = access.mapping(c, kind)
            status = entry.get("status")
            if status in ("yes", "no"):
                rest = terms.statement_words({k: v for k, v in entry.items() if k != "status"})
                said.append(f"{verb}: {status}" + (f" ({rest})" if rest else ""))
            elif absent := self.absent(kind):
                said.append(f"{verb}: no (the policy says “{absent}”)")
            elif entry:
                said.append(f"{verb}: {terms.statement_words(entry)}")
        return "; ".join(said) or "not stated"

    def ccpa_flow(self, ident: str) -> list[str]:
        """The purposes using a category, who receives it, and how long it is kept."""
        fors = [self.purpose(p["id"]) for p in self.purposes.values() if ident in (p.get("data_categories") or [])]
        whom = [self.recipient(r["id"]) for r in self.recipients.values() if ident in (r.get("data_categories") or [])]
        kept = [
            period_words(r)
            for r in access.items(self.data, "retention")
            if ident in (r.get("data_categories") or []) or not r.get("data_categories")
        ]
        return ["; ".join(fors) or "not stated", "; ".join(whom) or "not stated", "; ".join(kept) or "not stated"]

    # Art. 13(1)(e)
    def b_recipients(self, s: Block) -> None:
        rows = [["Recipient", "Role", "Country", "Data", "For"]]
        for r in self.recipients.values():
            cats = ", ".join(self.cat(c) for c in r.get("data_categories") or []) or "not stated"
            fors = ", ".join(self.purpose(p) for p in r.get("purposes") or []) or "not stated"
            country = label(r["country"]) if r.get("country") else "not stated"
            reach = contact_reach({k: v for k, v in r.items() if k != "country"})  # the country has its column
            who = self.recipient(r["id"]) + (f" ({reach})" if reach else "")
            rows.append([who, words(r.get("role", "not_stated")), country, cats, fors])
            withheld = access.mapping(r, "not_disclosed")
            if withheld:
                kept = ", ".join(self.cat(c) for c in withheld.get("data_categories") or [])
                s.items.append(f"{self.recipient(r['id'])} does not receive: {kept or withheld.get('description')}.")
            for duty in access.items(r, "obligations"):
                s.items.append(f"Obligation on {self.recipient(r['id'])}: {terms.statement_words(duty)}.")
        s.table = rows if len(rows) > 1 else []
        if not self.recipients:
            s.gaps.append("The policy does not say who receives the data.")

    # Art. 13(1)(f)
    def b_transfers(self, s: Block) -> None:
        rows = [["Destination", "Safeguards", "Recipients", "Data"]]
        for t in access.items(self.data, "transfers"):
            where = [label(c) for c in t.get("countries") or []] + [words(r) for r in t.get("regions") or []]
            where += [f"“{t['destination_text']}”"] if t.get("destination_text") else []
            mech = [words(m) for m in t.get("mechanisms") or [] if m != "none_stated"]
            mech += [label(term) for term in t.get("dpv_terms") or []]
            safeguards = access.items(t, "safeguards")
            mech += [safeguard_words(g) for g in safeguards if g.get("mechanism") != "none_stated"]
            for g in safeguards:
                copy = access.mapping(g, "obtain_copy")
                if copy:
                    s.items.append(f"A copy of the safeguards ({safeguard_words(g)}): {self.copy_route(copy)}.")
            whom = ", ".join(self.recipient(r) for r in t.get("recipients") or []) or "not stated"
            cats = ", ".join(self.cat(c) for c in t.get("data_categories") or []) or "not stated"
            rows.append([", ".join(where) or "not stated", ", ".join(mech) or "not stated", whom, cats])
            if not mech:
                s.gaps.append(f"The policy does not say what safeguards protect the transfer to {', '.join(where)}.")
        s.table = rows if len(rows) > 1 else []
        if said := self.absent("transfers"):
            s.paragraphs.append(f"The policy says: “{said}”.")
        elif len(rows) == 1 and not self.quiet:
            s.paragraphs.append("The policy describes no transfer of data to another country.")

    # Art. 13(2)(a)
    def b_retention(self, s: Block) -> None:
        rows = [["Data", "Purpose", "Kept for", "Then"]]
        covered: set[str] = set()
        statements = access.items(self.data, "retention")
        for r in statements:
            cats = [str(c) for c in r.get("data_categories") or []]
            covered.update(cats or self.categories)
            period = period_words(r)
            fors = ", ".join(self.purpose(p) for p in r.get("purposes") or []) or "all purposes"
            then = ", ".join(words(a) for a in r.get("end_actions") or [r.get("end_action") or "not stated"])
            if r.get("applies_to"):
                fors += f" ({words(r['applies_to'])})"
            if r.get("description"):
                period += f" — {r['description']}"
            rows.append([", ".join(self.cat(c) for c in cats) or "all data", fors, period, then])
            if terms.period_kind(r) in ("vague", "not_stated"):
                what = ", ".join(self.cat(c) for c in cats) or "the data"
                s.gaps.append(f"The policy does not give a period for how long {what} is kept.")
        s.table = rows if len(rows) > 1 else []
        for ident in self.categories:
            if ident not in covered:
                s.gaps.append(f"The policy does not say how long {self.cat(ident)} is kept.")
        if not statements and not self.categories:
            s.gaps.append("The policy does not say how long data is kept.")

    # Art. 13(2)(b)
    def b_rights(self, s: Block) -> None:
        rows = [["Right", "What it means", "How to exercise it", "Conditions"]]
        for r in access.items(self.data, "rights"):
            right = str(r.get("right"))
            if right in ("complaint",):
                continue  # its own section
            how = self.how(r)
            if r.get("authority"):  # an authority named beside another right than the complaint
                how += f" Authority: {authority_words(access.mapping(r, 'authority'))}."
            how += request_details(r)
            meaning = str(r.get("description") or terms.right_descriptions().get(right, ""))
            rows.append([RIGHT_NAMES.get(right, words(right)), meaning, how, "; ".join(r.get("conditions") or [])])
        s.table = rows if len(rows) > 1 else []
        if len(rows) == 1:
            s.gaps.append("The policy does not tell people about their rights.")
        requests = access.mapping(self.data, "rights_requests")
        if requests:
            route = self.how(requests) if requests.get("exercise_via") or requests.get("channels") else ""
            said = f" {requests['description']}" if requests.get("description") else ""
            s.paragraphs.append(f"How to make a request: {route}{said}{request_details(requests)}".strip())

    def how(self, r: dict[str, Any]) -> str:
        ways, unknown = [], []
        for via in r.get("exercise_via") or []:
            who = self.controller if via == "controller" else self.contacts.get(via)
            if who is None:  # a reference to a contact the policy does not describe (ref/unknown-id)
                unknown.append(f"'{via}'")
                continue
            name = "the organisation" if via == "controller" else who.get("title") or who.get("name") or via
            reach = ", ".join(f"{n}: {v}" for n, v in channel_rows(who)[1:])
            ways.append(f"{name} ({reach})" if reach else str(name))
        ways += [f"{n}: {v}" for n, v in channel_rows(r)[1:]]  # the right's own routes (schema 1.1)
        if ways:
            return "; ".join(ways)
        named = f" (it refers to {', '.join(unknown)}, which it does not describe)" if unknown else ""
        return f"The policy does not say how to exercise this right{named}."

    def copy_route(self, copy: dict[str, Any]) -> str:
        """How to obtain a copy of transfer safeguards (GDPR Art. 13(1)(f))."""
        route = [self.how(copy)] if copy.get("exercise_via") or copy.get("channels") else []
        route += [str(copy["url"])] if copy.get("url") else []
        route += [str(copy["description"])] if copy.get("description") else []
        return "; ".join(route) or "the policy says a copy can be had, not how"

    # Art. 13(2)(c)
    def b_withdraw_consent(self, s: Block) -> None:
        consent = [p for p in self.purposes.values() if self.relies(p, terms.is_consent)]
        listed = [b for b in self.unnamed_bases() if terms.is_consent(str(b.get("basis")))]
        if listed and not consent:
            s.paragraphs.append(
                "The policy names consent as a basis: " + "; ".join(basis_words(b) for b in listed) + "."
            )
        right = next((r for r in access.items(self.data, "rights") if r.get("right") == "withdraw_consent"), None)
        if consent:
            s.paragraphs.append("Consent is the basis for: " + ", ".join(self.purpose(p["id"]) for p in consent) + ".")
        if right is not None:
            s.paragraphs.append(f"You can withdraw consent at any time: {self.how(right)}")
        elif consent:
            s.gaps.append("The policy relies on consent but does not say that consent can be withdrawn, or how.")
        elif self.structure.bases and not self.quiet:
            s.paragraphs.append("No purpose relies on consent.")

    # Art. 13(2)(d)
    def b_complaint(self, s: Block) -> None:
        right = next((r for r in access.items(self.data, "rights") if r.get("right") == "complaint"), None)
        if right is None:
            s.gaps.append(f"The policy does not mention the right to complain to {self.structure.authority}.")
            return
        authority = access.mapping(right, "authority")
        s.paragraphs.append(f"You can complain to {authority_words(authority)}.")
        if not authority.get("name"):
            s.gaps.append("The policy does not name the supervisory authority.")

    # Art. 13(2)(e)
    def b_requirement(self, s: Block) -> None:
        rows = [["Personal data", "Must you provide it?"]]
        for c in self.categories.values():
            req = c.get("requirement")
            why = obligation_words(access.mapping(c, "obligation"))
            if req in ("mandatory", "optional"):
                answer = "yes, it is required" if req == "mandatory" else "no, it is optional"
                rows.append([self.cat(c["id"]), answer + (f" ({why})" if why else "")])
            elif why:
                rows.append([self.cat(c["id"]), why])
            else:
                s.gaps.append(f"The policy does not say whether providing {self.cat(c['id'])} is required.")
        s.table = rows if len(rows) > 1 else []
        for p in self.purposes.values():
            if why := obligation_words(access.mapping(p, "obligation")):
                s.items.append(f"For {self.purpose(p['id'])}: {why}")

    # Art. 13(2)(f)
    def b_automated_decisions(self, s: Block) -> None:
        adm = access.mapping(self.data, "automated_decision_making")
        status = adm.get("status")
        if status == "yes":
            s.paragraphs.append("Decisions are made about you by automated means, including profiling.")
            if adm.get("description"):
                s.paragraphs.append(str(adm["description"]))
            else:
                s.gaps.append("The policy does not explain the logic involved or its consequences for you.")
        elif status == "no":
            s.paragraphs.append("No decision about you is made solely by automated means.")
        else:
            s.gaps.append("The policy does not say whether decisions about you are made by automated means.")

    def b_trackers(self, s: Block) -> None:
        cookies = access.mapping(self.data, "cookies")
        trackers = access.items(cookies, "trackers")
        if cookies.get("used") == "yes":
            s.items.append("Cookies and similar trackers are used.")
        elif cookies.get("used") == "no":
            s.items.append("No cookies or similar trackers are used.")
        elif not trackers:
            s.gaps.append("The policy does not say whether it uses cookies or other technology that tracks you.")
        s.items += [f"Tracker: {tracker(t)}" for t in trackers]
        if cookies.get("controls"):
            s.items.append(f"Controlling cookies: {cookies['controls']}")
        keys = ("consent_models", "opt_out_links", "refusal_consequences", "documents")
        rest: dict[str, Any] = {k: cookies[k] for k in keys if k in cookies}
        if rest:
            s.items.append(f"Trackers: {terms.statement_words(rest)}.")

    def b_children(self, s: Block) -> None:
        children = access.mapping(self.data, "children")
        if children.get("description") or children.get("minimum_age") is not None:
            s.items.append(str(children.get("description") or f"Minimum age: {children['minimum_age']}."))

    def b_security(self, s: Block) -> None:
        measures = access.items(access.mapping(self.data, "security"), "measures")
        for m in measures:
            kind = f" ({label(m['dpv_term'])})" if m.get("dpv_term") else ""
            s.items.append(f"Security: {m.get('description')}{kind}")
        if not measures:
            s.gaps.append("The policy does not say how personal information is protected.")

    def b_changes(self, s: Block) -> None:
        changes = access.mapping(self.data, "policy_changes")
        if changes.get("description"):
            s.items.append(f"Changes to this notice: {changes['description']}")
        if changes.get("channels"):
            s.items.append("Changes are announced by: " + ", ".join(words(c) for c in changes["channels"]) + ".")
        if changes.get("notification"):
            s.items.append(f"Notification of changes: {words(changes['notification'])}.")

    # PIPEDA 4.6
    def b_accuracy(self, s: Block) -> None:
        right = next((r for r in access.items(self.data, "rights") if r.get("right") == "rectification"), None)
        if right is not None:
            s.paragraphs.append(f"You can have inaccurate information corrected: {self.how(right)}")
        else:
            s.gaps.append("The policy does not say how you can have inaccurate information corrected.")

    def b_choices(self, s: Block) -> None:
        """Opt-out links and signals, and the notice at collection (US state laws)."""
        links, signals = access.items(self.data, "opt_out_links"), access.items(self.data, "opt_out_signals")
        if not links:
            s.gaps.append("The policy gives no opt-out link (such as “Do Not Sell or Share My Personal Information”).")
        if not signals:
            s.gaps.append(
                "The policy does not say whether it honours opt-out preference signals (Global Privacy Control)."
            )
        for link in links:
            text = f"“{link['text']}”" if link.get("text") else "(the policy gives no text for the link)"
            where = f" <{link['url']}>" if link.get("url") else ""
            s.items.append(
                f"Opt-out link ({words(link.get('kind', 'opt-out'))}): {text}{where}"
                + _also(link, "id", "kind", "text", "url")
            )
        for signal in signals:
            s.items.append(
                f"Signal {words(signal.get('signal'))}: honoured: {words(signal.get('honoured', 'not stated'))}"
                + _also(signal, "signal", "honoured")
            )
        collection = access.mapping(self.data, "notice_at_collection")
        if collection:
            s.items.append(f"Notice at collection: {terms.statement_words(collection)}.")

    def b_statements(self, s: Block) -> None:
        """What the policy says of its own scope, the documents it relies on, what it says it
        does not do, and the claims it makes (schema 1.1)."""
        scope = access.mapping(access.mapping(self.data, "policy"), "scope")
        if scope:
            s.paragraphs.append(f"This notice covers: {terms.statement_words(scope)}.")
        for d in access.items(self.data, "documents"):
            s.items.append(f"Related document: {terms.statement_words({k: v for k, v in d.items() if k != 'id'})}.")
        for a in access.items(self.data, "absences"):
            s.items.append(
                f"The policy says this is not done: {terms.statement_words({k: v for k, v in a.items() if k != 'id'})}."
            )
        for c in access.items(self.data, "claims"):
            s.items.append(f"The policy states: {terms.statement_words({k: v for k, v in c.items() if k != 'id'})}.")


def basis_words(b: dict[str, Any]) -> str:
    text = label(b.get("basis"))
    if b.get("consent_type") and b["consent_type"] != "not_stated":
        text += f" ({words(b['consent_type'])})"
    if b.get("condition"):
        text += f", {b['condition']}"
    if b.get("description"):
        text += f": “{b['description']}”"
    return text


def obligation_words(obligation: dict[str, Any]) -> str:
    """Why data must be provided and what follows if it is not (GDPR Art. 13(2)(e))."""
    said = [words(obligation["requirement_basis"])] if obligation.get("requirement_basis") else []
    said += [f"if not provided: {obligation['consequences']}"] if obligation.get("consequences") else []
    said += [str(obligation["description"])] if obligation.get("description") else []
    return "; ".join(said)


def _also(entry: dict[str, Any], *shown: str) -> str:
    rest = terms.statement_words({k: v for k, v in entry.items() if k not in shown})
    return f" ({rest})" if rest else ""


def party_rows(party: dict[str, Any]) -> list[list[str]]:
    """[kind, details] rows for a controller, a controller of a group, or a DPO's provider."""
    rows = []
    if address := terms.address_words(access.mapping(party, "postal_address")):
        rows.append(["Address", address])
    if party.get("country"):
        rows.append(["Established in", label(party["country"])])
    for reg in access.items(party, "registration_numbers"):
        rows.append([str(reg.get("scheme") or "Registration"), str(reg.get("value", ""))])
    if party.get("website"):
        rows.append(["Website", str(party["website"])])
    if party.get("website_as_written"):
        rows.append(["Website (as printed)", str(party["website_as_written"])])
    if party.get("controller_for"):
        rows.append(["Responsible for", terms.statement_words(access.mapping(party, "controller_for"))])
    if party.get("group_relation"):
        rows.append(["Within the group", words(party["group_relation"])])
    return rows + channel_rows(party)[1:]


def contact_reach(who: dict[str, Any]) -> str:
    """How to reach a contact or a recipient: its own details, then who provides it."""
    reach = [f"{n}: {v}" for n, v in party_rows(who)]
    if who.get("for_controllers"):
        reach.append("for: " + ", ".join(str(c) for c in who["for_controllers"]))
    provider = access.mapping(who, "provided_by")
    if provider:
        name = provider.get("legal_name") or ", ".join(provider.get("other_names") or []) or "an organisation"
        details = "; ".join(f"{n}: {v}" for n, v in party_rows(provider))
        reach.append(f"provided by {name}" + (f" ({details})" if details else ""))
    return "; ".join(reach)


def request_details(r: dict[str, Any]) -> str:
    """What a right or the requests section says of identity checks, agents and response times."""
    said = []
    for key in ("identity_verification", "authorised_agents", "response_time"):
        if r.get(key):
            said.append(f"{words(key).capitalize()}: {terms.statement_words(access.mapping(r, key))}.")
    if r.get("jurisdictions"):
        said.append("Where it applies: " + ", ".join(label(j) for j in r["jurisdictions"]) + ".")
    return "".join(" " + x for x in said)


def safeguard_words(g: dict[str, Any]) -> str:
    named = [words(g.get("mechanism") or "safeguard")]
    named += [str(g[k]) for k in ("instrument", "name") if g.get(k)]
    named += [label(g["dpv_term"])] if g.get("dpv_term") else []
    return " — ".join(named) + (f" ({g['description']})" if g.get("description") else "")


# Channels by name, with the routes schema 1.1 added (settings and links, not addresses).
CHANNEL_NAMES = {
    **terms.CHANNEL_NAMES,
    "in_product_setting": "Setting in the product",
    "email_link": "Link in our e-mails",
    "browser_setting": "Browser setting",
    "in_person": "In person",
}

# Rights by name: the GDPR's and PIPEDA's (policy.terms), and those US state laws name.
RIGHT_NAMES = {
    **terms.RIGHT_NAMES,
    "know": "Know what personal information is collected, used and disclosed",
    "opt_out_sale_sharing": "Opt out of the sale or sharing of your personal information",
    "opt_out_targeted_advertising": "Opt out of targeted advertising",
    "opt_out_profiling": "Opt out of profiling",
    "limit_sensitive": "Limit the use of your sensitive personal information",
    "non_discrimination": "Not to be discriminated against for exercising your rights",
    "appeal": "Appeal a refusal to act on your request",
    "refuse_consent": "Refuse consent",
}

# The CCPA's categories of personal information (Cal. Civ. Code § 1798.140(v)(1)), and
# sensitive personal information (§ 1798.140(ae)).
CCPA_CATEGORIES = {
    "identifiers": "identifiers",
    "customer_records": "customer records (§ 1798.80(e))",
    "protected_characteristics": "characteristics of protected classifications",
    "commercial_information": "commercial information",
    "biometric_information": "biometric information",
    "internet_activity": "internet or other electronic network activity",
    "geolocation_data": "geolocation data",
    "sensory_data": "audio, electronic, visual, thermal, olfactory or similar information",
    "professional_information": "professional or employment-related information",
    "education_information": "education information",
    "inferences": "inferences drawn to create a profile",
    "sensitive_personal_information": "sensitive personal information",
}


def us_notes(c: dict[str, Any]) -> str:
    """A data category's US state-law statements: statutory categories, sale and sharing."""
    notes = [f"category: {', '.join(words(x) for x in c['ccpa_categories'])}"] if c.get("ccpa_categories") else []
    for kind in ("sale", "sharing"):
        if c.get(kind):
            notes.append(f"{kind}: {terms.statement_words(access.mapping(c, kind))}")
    return "; ".join(notes)


def authority_words(authority: dict[str, Any]) -> str:
    """'CNIL (France), https://www.cnil.fr', or 'a supervisory authority' when unnamed."""
    where = f" ({label(authority['country'])})" if authority.get("country") else ""
    url = f", {authority['url']}" if authority.get("url") else ""
    url += f", {authority['url_as_written']}" if authority.get("url_as_written") else ""
    return f"{authority.get('name') or 'a supervisory authority'}{where}{url}"


def tracker(t: dict[str, Any]) -> str:
    """A tracker in words: 'first-party analytics cookie: counts visits'."""
    party = {"first": "first-party ", "third": "third-party "}.get(str(t.get("party")), "")
    category = words(t["category"]) + " " if t.get("category") else ""
    text = f"{party}{category}{words(t.get('kind', 'tracker'))}"
    text += f": {t['description']}" if t.get("description") else ""
    return text + _also(t, "id", "kind", "party", "category", "description")


def period_words(r: dict[str, Any]) -> str:
    kind = terms.period_kind(r)
    starts = f" from {r['starts']}" if r.get("starts") else ""
    if kind == "duration":
        return terms.describe_duration(str(r["duration"])) + starts
    if kind == "until":
        return f"until {r['until']}" + starts
    if kind == "criteria":
        return str(r["criteria"]) + starts
    if kind == "vague" and r.get("period_text") and not r.get("as_long_as_necessary"):
        return f"“{r['period_text']}” (no period given)" + starts
    if kind == "vague":
        return "as long as necessary (no period given)" + starts
    if r.get("not_stated"):
        return "no period: the policy says it gives none" + starts
    return "not stated" + starts


def channel_rows(who: Any) -> list[list[str]]:
    """[heading, *[kind, address]] for the channels of a controller or contact."""
    rows = [["Channel", "Address"]]
    for ch in access.items(who, "channels"):
        kind = CHANNEL_NAMES.get(str(ch.get("type")), words(ch.get("type")))
        rows.append([kind, str(ch.get("value") or ch.get("description") or "(the policy leaves the address blank)")])
    return rows


def declared_profiles(data: dict[str, Any]) -> tuple[str, ...]:
    """The profiles a policy's declared laws and places select (``policy.laws``)."""
    from policyval.policy import laws

    policy = access.mapping(data, "policy")
    declared = [str(law.get("law")) for law in access.items(policy, "applicable_laws")]
    return laws.selected(access.strings(policy, "jurisdictions"), declared)


def structures_of(data: dict[str, Any], profiles: tuple[str, ...] | None = None) -> list[Structure]:
    """The structure that governs the notice, then those of the other laws that apply."""
    return chosen(declared_profiles(data) if profiles is None else profiles)


def notice(data: dict[str, Any], profiles: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The view a template renders: title, metadata and the sections in the structure of the
    law that governs the policy (its declared laws and places, or ``profiles``), then the parts
    of the other laws' structures it does not have, under their law's name."""
    first, *others = structures_of(data, profiles)
    extra = supplements(first, others)
    moved = frozenset(b for _, part in extra for b in part.builds)
    builder = NoticeBuilder(data, first)
    sections = [builder.section(part, first.law, skip=moved) for part in first.parts]
    for other, part in extra:
        builder.structure = other
        sections.append(builder.section(part, other.law, other.name))
    policy = access.mapping(data, "policy")
    controller = builder.controller.get("legal_name") or "the organisation"
    return {
        "title": policy.get("title") or f"Privacy notice of {controller}",
        "language": policy.get("language") or "en",
        "effective": policy.get("effective_date"),
        "updated": policy.get("last_updated"),
        "url": policy.get("url"),
        "laws": [_law(law) for law in access.items(policy, "applicable_laws")],
        "places": [label(j) for j in policy.get("jurisdictions") or []],
        "structure": first.id,
        "sections": sections,
    }


def _law(law: dict[str, Any]) -> str:
    return f"{law['name']} ({law.get('law')})" if law.get("name") else str(law.get("law"))


def md_escape(text: Any) -> str:
    """Text for a Markdown paragraph or table cell: markup characters shown, not applied."""
    return escape.markdown(text)


def md_link(url: Any) -> str:
    """A URL as a Markdown autolink, or as escaped text when it is not an http(s) URL."""
    safe = escape.markdown_url(url)
    return f"<{safe}>" if safe is not None else escape.markdown(url)


def html_href(url: Any) -> str | None:
    """A URL fit for an HTML ``href`` (http or https only), or None: then it is shown, not linked."""
    return str(url) if escape.markdown_url(url) is not None else None


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policyval.publish", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value, in either format: no character HTML forbids (the Markdown becomes HTML
        # too). Markdown values pass through |md as well; HTML ones are autoescaped after this.
        finalize=escape.html_text,
    )
    env.filters["md"] = md_escape
    env.filters["md_link"] = md_link
    env.filters["href"] = html_href
    return env


def render(data: dict[str, Any], fmt: str = "markdown", profiles: tuple[str, ...] | None = None) -> str:
    """The notice as Markdown or as one self-contained HTML page, in the structure of the
    policy's laws (or of ``profiles``)."""
    name = {"markdown": "notice.md.j2", "html": "notice.html.j2"}[fmt]
    return environment().get_template(name).render(notice=notice(data, profiles))


# Paths of the schema this output leaves out, with the reason ("**." matches at any depth);
# tests/test_publish_coverage.py proves every other path changes the output.
IGNORED: dict[str, str] = {
    "$schema": "a hint for editors, ignored by policyval",
    "policy.language": "the language of the source text: the HTML page declares it (lang); it is not information",
    "policy.source_text": "where the encoded text is kept in the repository, for evidence checks; not for the reader",
    "contacts[].id": "an identifier for references in the file; the notice names a contact by name, title or role",
    "retention[].id": "an identifier for references inside the file; the notice shows what each statement covers",
    "transfers[].id": "an identifier for references inside the file; the notice shows each transfer's destination",
    "controller.id": "an identifier for references inside the file; the notice names the controller",
    "controllers[].id": "an identifier for references inside the file; the notice names each controller",
    "legal_bases[].id": "an identifier for references inside the file; the notice shows each basis",
    "cookies.trackers[].id": "an identifier for references inside the file; the notice describes each tracker",
    "opt_out_links[].id": "an identifier for references inside the file; the notice gives each link's text",
    "documents[].id": "an identifier for references inside the file; the notice names each document",
    "absences[].id": "an identifier for references inside the file; the notice says what is not done",
    "claims[].id": "an identifier for references inside the file; the notice gives each claim",
    "policy.ignored_text": "marks sentences of the source text that carry no information; nothing to tell the reader",
    "policy.url_as_written": "the address of the policy as printed in it; the notice gives the policy's URL",
    "**.evidence": "verbatim quotes from the source text support a statement; they are not a statement of their own",
}


def ignored(path: str) -> str | None:
    """Why ``path`` is left out, or None when it is shown."""
    return left_out(IGNORED, path)
