"""A human-readable privacy notice from a policy, in the order GDPR Art. 13 lists the information.

The notice says only what the policy says. Where the policy is silent, the notice says so
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
from policyval.reporters import escape

FORMATS = ("markdown", "html")

# The sections, in the order of GDPR Art. 13 (categories of data and their source come from
# Art. 14(1)(d) and 14(2)(f), placed where Art. 14 puts them). Anchors are stable ids.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("controller", "Who is responsible for your data", "Art. 13(1)(a)"),
    ("dpo", "Data protection officer", "Art. 13(1)(b)"),
    ("purposes", "Why we use your data, and on what legal basis", "Art. 13(1)(c)"),
    ("legitimate-interests", "Legitimate interests", "Art. 13(1)(d)"),
    ("data", "The personal data concerned", "Art. 14(1)(d), 14(2)(f)"),
    ("recipients", "Who receives your data", "Art. 13(1)(e)"),
    ("transfers", "Transfers outside your country, and safeguards", "Art. 13(1)(f)"),
    ("retention", "How long your data is kept", "Art. 13(2)(a)"),
    ("rights", "Your rights, and how to exercise them", "Art. 13(2)(b)"),
    ("withdraw-consent", "Withdrawing consent", "Art. 13(2)(c)"),
    ("complaint", "Complaints to a supervisory authority", "Art. 13(2)(d)"),
    ("requirement", "Whether you must provide your data", "Art. 13(2)(e)"),
    ("automated-decisions", "Automated decision-making", "Art. 13(2)(f)"),
    ("other", "Other information", ""),
)
_OFFICERS = terms.OFFICER_ROLES


@dataclass
class Section:
    anchor: str
    title: str
    article: str
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # first row: headings
    items: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


class _Notice:
    """Builds the sections from the policy data; tolerant of incomplete policies."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.categories = access.by_id(access.items(data, "data_categories"))
        self.purposes = access.by_id(access.items(data, "purposes"))
        self.recipients = access.by_id(access.items(data, "recipients"))
        self.contacts = access.by_id(access.items(data, "contacts"))
        self.controller = access.mapping(data, "controller")

    def cat(self, ident: str) -> str:
        c = self.categories.get(ident)
        return str(c.get("label") or label(c.get("dpv_term") or ident)) if c else ident

    def purpose(self, ident: str) -> str:
        p = self.purposes.get(ident)
        return str(p.get("description") or label(p.get("dpv_term") or ident)) if p else ident

    def recipient(self, ident: str) -> str:
        r = self.recipients.get(ident)
        return str(r.get("name") or r.get("category") or ident) if r else ident

    def section(self, anchor: str) -> Section:
        _, title, article = next(s for s in SECTIONS if s[0] == anchor)
        out = Section(anchor, title, article)
        getattr(self, "s_" + anchor.replace("-", "_"))(out)
        return out

    # Art. 13(1)(a)
    def s_controller(self, s: Section) -> None:
        c = self.controller
        name = c.get("legal_name")
        if name:
            others = ", ".join(str(n) for n in c.get("other_names") or [])
            s.paragraphs.append(f"{name}" + (f" (also known as {others})" if others else "") + " is responsible.")
        else:
            s.gaps.append("The policy does not name the organisation responsible for the data.")
        address = access.mapping(c, "postal_address").get("text")
        rows = [["Contact", "Details"]]
        if address:
            rows.append(["Address", str(address)])
        for reg in access.items(c, "registration_numbers"):
            rows.append([str(reg.get("scheme") or "Registration"), str(reg.get("value", ""))])
        if c.get("website"):
            rows.append(["Website", str(c["website"])])
        rows += channel_rows(c)[1:]
        s.table = rows if len(rows) > 1 else []
        if not access.items(c, "channels") and not address:
            s.gaps.append("The policy gives no address, e-mail or other way to contact the organisation.")

    # Art. 13(1)(b)
    def s_dpo(self, s: Section) -> None:
        officers = [c for c in self.contacts.values() if c.get("role") in _OFFICERS]
        for o in officers:
            who = o.get("name") or o.get("title") or words(o.get("role"))
            reach = "; ".join(f"{n}: {v}" for n, v in channel_rows(o)[1:]) or "no contact details given"
            role = words(o.get("role"))
            s.items.append(f"{who}" + ("" if str(who).lower() == role else f" ({role})") + f" — {reach}")
        if not officers:
            s.gaps.append("The policy does not name a data protection officer or privacy officer.")
        other = [c for c in self.contacts.values() if c.get("role") not in _OFFICERS]
        for o in other:
            who = o.get("name") or o.get("title") or o["id"]
            reach = "; ".join(f"{n}: {v}" for n, v in channel_rows(o)[1:]) or "no contact details given"
            s.paragraphs.append(f"Other contact — {who} ({words(o.get('role'))}): {reach}")

    # Art. 13(1)(c)
    def s_purposes(self, s: Section) -> None:
        rows = [["Purpose", "Personal data used", "Legal basis"]]
        for p in self.purposes.values():
            bases = [b for b in access.items(p, "legal_bases")]
            basis = "; ".join(_basis(b) for b in bases) or "not stated"
            cats = ", ".join(self.cat(c) for c in p.get("data_categories") or []) or "not stated"
            rows.append([self.purpose(p["id"]), cats, basis])
            if not bases:
                s.gaps.append(f"The policy does not give a legal basis for: {self.purpose(p['id'])}.")
            if not p.get("data_categories"):
                s.gaps.append(f"The policy does not say which data is used for: {self.purpose(p['id'])}.")
        s.table = rows if len(rows) > 1 else []
        if not self.purposes:
            s.gaps.append("The policy does not state why the data is used.")

    # Art. 13(1)(d)
    def s_legitimate_interests(self, s: Section) -> None:
        relying = [p for p in self.purposes.values() if terms.relies_on(p, terms.is_legitimate_interest)]
        for p in relying:
            if p.get("legitimate_interest"):
                s.items.append(f"{self.purpose(p['id'])}: {p['legitimate_interest']}")
            else:
                s.gaps.append(
                    f"The policy relies on legitimate interests for '{self.purpose(p['id'])}' but does not say "
                    "what those interests are."
                )
        if not relying:
            s.paragraphs.append("No purpose relies on legitimate interests.")

    # Art. 14(1)(d), 14(2)(f)
    def s_data(self, s: Section) -> None:
        rows = [["Personal data", "About", "Source", "Sensitive"]]
        subjects = {d["id"]: d for d in access.items(self.data, "data_subjects") if isinstance(d.get("id"), str)}
        for c in self.categories.values():
            about = ", ".join(str(subjects.get(x, {}).get("label") or x) for x in c.get("data_subjects") or [])
            sources = ", ".join(terms.SOURCE_NAMES.get(x, words(x)) for x in c.get("sources") or []) or "not stated"
            flag = c.get("special_category")
            special = "not stated" if not isinstance(flag, bool) else "yes (special category)" if flag else "no"
            rows.append([self.cat(c["id"]), about or "not stated", sources, special])
        s.table = rows if len(rows) > 1 else []
        if not self.categories:
            s.gaps.append("The policy does not list the personal data it concerns.")

    # Art. 13(1)(e)
    def s_recipients(self, s: Section) -> None:
        rows = [["Recipient", "Role", "Country", "Data", "For"]]
        for r in self.recipients.values():
            cats = ", ".join(self.cat(c) for c in r.get("data_categories") or []) or "not stated"
            fors = ", ".join(self.purpose(p) for p in r.get("purposes") or []) or "not stated"
            country = label(r["country"]) if r.get("country") else "not stated"
            rows.append([self.recipient(r["id"]), words(r.get("role", "not_stated")), country, cats, fors])
        s.table = rows if len(rows) > 1 else []
        if not self.recipients:
            s.gaps.append("The policy does not say who receives the data.")

    # Art. 13(1)(f)
    def s_transfers(self, s: Section) -> None:
        rows = [["Destination", "Safeguards", "Recipients", "Data"]]
        for t in access.items(self.data, "transfers"):
            where = [label(c) for c in t.get("countries") or []] + [words(r) for r in t.get("regions") or []]
            mech = [words(m) for m in t.get("mechanisms") or [] if m != "none_stated"]
            whom = ", ".join(self.recipient(r) for r in t.get("recipients") or []) or "not stated"
            cats = ", ".join(self.cat(c) for c in t.get("data_categories") or []) or "not stated"
            rows.append([", ".join(where) or "not stated", ", ".join(mech) or "not stated", whom, cats])
            if not mech:
                s.gaps.append(f"The policy does not say what safeguards protect the transfer to {', '.join(where)}.")
        s.table = rows if len(rows) > 1 else []
        if len(rows) == 1:
            s.paragraphs.append("The policy describes no transfer of data to another country.")

    # Art. 13(2)(a)
    def s_retention(self, s: Section) -> None:
        rows = [["Data", "Purpose", "Kept for", "Then"]]
        covered: set[str] = set()
        statements = access.items(self.data, "retention")
        for r in statements:
            cats = [str(c) for c in r.get("data_categories") or []]
            covered.update(cats or self.categories)
            period = _period(r)
            fors = ", ".join(self.purpose(p) for p in r.get("purposes") or []) or "all purposes"
            then = words(r.get("end_action") or "not stated")
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
    def s_rights(self, s: Section) -> None:
        rows = [["Right", "What it means", "How to exercise it", "Conditions"]]
        for r in access.items(self.data, "rights"):
            right = str(r.get("right"))
            if right in ("complaint",):
                continue  # its own section
            how = self.how(r)
            meaning = str(r.get("description") or terms.right_descriptions().get(right, ""))
            rows.append(
                [terms.RIGHT_NAMES.get(right, words(right)), meaning, how, "; ".join(r.get("conditions") or [])]
            )
        s.table = rows if len(rows) > 1 else []
        if len(rows) == 1:
            s.gaps.append("The policy does not tell people about their rights.")

    def how(self, r: dict[str, Any]) -> str:
        ways = []
        for via in r.get("exercise_via") or []:
            who = self.controller if via == "controller" else self.contacts.get(via)
            if who is None:
                continue
            name = "the organisation" if via == "controller" else who.get("title") or who.get("name") or via
            reach = ", ".join(f"{n}: {v}" for n, v in channel_rows(who)[1:])
            ways.append(f"{name} ({reach})" if reach else str(name))
        return "; ".join(ways) or "The policy does not say how to exercise this right."

    # Art. 13(2)(c)
    def s_withdraw_consent(self, s: Section) -> None:
        consent = [p for p in self.purposes.values() if terms.relies_on(p, terms.is_consent)]
        right = next((r for r in access.items(self.data, "rights") if r.get("right") == "withdraw_consent"), None)
        if consent:
            s.paragraphs.append("Consent is the basis for: " + ", ".join(self.purpose(p["id"]) for p in consent) + ".")
        if right is not None:
            s.paragraphs.append(f"You can withdraw consent at any time: {self.how(right)}")
        elif consent:
            s.gaps.append("The policy relies on consent but does not say that consent can be withdrawn, or how.")
        else:
            s.paragraphs.append("No purpose relies on consent.")

    # Art. 13(2)(d)
    def s_complaint(self, s: Section) -> None:
        right = next((r for r in access.items(self.data, "rights") if r.get("right") == "complaint"), None)
        if right is None:
            s.gaps.append("The policy does not mention the right to complain to a supervisory authority.")
            return
        authority = access.mapping(right, "authority")
        if authority.get("name"):
            where = f" ({label(authority['country'])})" if authority.get("country") else ""
            url = f", {authority['url']}" if authority.get("url") else ""
            s.paragraphs.append(f"You can complain to {authority['name']}{where}{url}.")
        else:
            s.paragraphs.append("You can complain to a supervisory authority.")
            s.gaps.append("The policy does not name the supervisory authority.")

    # Art. 13(2)(e)
    def s_requirement(self, s: Section) -> None:
        rows = [["Personal data", "Must you provide it?"]]
        for c in self.categories.values():
            req = c.get("requirement")
            if req in ("mandatory", "optional"):
                rows.append([self.cat(c["id"]), "yes, it is required" if req == "mandatory" else "no, it is optional"])
            else:
                s.gaps.append(f"The policy does not say whether providing {self.cat(c['id'])} is required.")
        s.table = rows if len(rows) > 1 else []

    # Art. 13(2)(f)
    def s_automated_decisions(self, s: Section) -> None:
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

    def s_other(self, s: Section) -> None:
        cookies = access.mapping(self.data, "cookies")
        if cookies.get("used") == "yes":
            kinds = sorted({words(t.get("category") or t.get("kind")) for t in access.items(cookies, "trackers")})
            s.items.append("Cookies and similar trackers are used" + (f" ({', '.join(kinds)})" if kinds else "") + ".")
            if cookies.get("controls"):
                s.items.append(f"Controlling cookies: {cookies['controls']}")
        children = access.mapping(self.data, "children")
        if children.get("description") or children.get("minimum_age") is not None:
            s.items.append(str(children.get("description") or f"Minimum age: {children['minimum_age']}."))
        security = access.mapping(self.data, "security")
        for m in access.items(security, "measures"):
            s.items.append(f"Security: {m.get('description')}")
        changes = access.mapping(self.data, "policy_changes")
        if changes.get("description"):
            s.items.append(f"Changes to this notice: {changes['description']}")


def _basis(b: dict[str, Any]) -> str:
    text = label(b.get("basis"))
    if b.get("consent_type") and b["consent_type"] != "not_stated":
        text += f" ({words(b['consent_type'])})"
    return text


def _period(r: dict[str, Any]) -> str:
    kind = terms.period_kind(r)
    if kind == "duration":
        text = terms.describe_duration(str(r["duration"]))
        return text + (f" from {r['starts']}" if r.get("starts") else "")
    if kind == "until":
        return f"until {r['until']}"
    if kind == "criteria":
        return str(r["criteria"])
    if kind == "vague":
        return "as long as necessary (no period given)"
    return "not stated"


def channel_rows(who: Any) -> list[list[str]]:
    """[heading, *[kind, address]] for the channels of a controller or contact."""
    rows = [["Channel", "Address"]]
    for ch in access.items(who, "channels"):
        kind = terms.CHANNEL_NAMES.get(str(ch.get("type")), words(ch.get("type")))
        rows.append([kind, str(ch.get("value") or ch.get("description") or "(the policy leaves the address blank)")])
    return rows


def notice(data: dict[str, Any]) -> dict[str, Any]:
    """The view a template renders: title, metadata and the sections in Art. 13 order."""
    builder = _Notice(data)
    policy = access.mapping(data, "policy")
    controller = builder.controller.get("legal_name") or "the organisation"
    return {
        "title": policy.get("title") or f"Privacy notice of {controller}",
        "language": policy.get("language") or "en",
        "effective": policy.get("effective_date") or policy.get("last_updated"),
        "updated": policy.get("last_updated"),
        "url": policy.get("url"),
        "sections": [builder.section(anchor) for anchor, _, _ in SECTIONS],
    }


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


def render(data: dict[str, Any], fmt: str = "markdown") -> str:
    """The notice as Markdown or as one self-contained HTML page."""
    name = {"markdown": "notice.md.j2", "html": "notice.html.j2"}[fmt]
    return environment().get_template(name).render(notice=notice(data))
