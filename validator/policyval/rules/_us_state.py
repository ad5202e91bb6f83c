"""What the US state privacy-law rules share: the checks, parameterised by a law's data.

A US state law's notice duties are much alike: categories collected, purposes, sources, what
is sold or shared and to whom, the rights and how to submit requests, opt-out links and
signals. Each check here is a factory: it takes a :class:`StateLaw` (which rights the law
names, the link titles it fixes, the facts-table entry it rests on) and returns the
``check(ctx)`` of one rule. A law's module (``rules/ccpa.py``) is then a table of rows, each
giving the rule's id, severity, reference and documentation, and the check it uses; a new
state law is a new profile in ``policy/laws.py`` and a new table that reuses these checks
(docs/laws/us-ccpa.md, "Adding another state law").

Statements of absence are answers: a category whose ``sale.status`` is ``no``, or an
``absences`` entry with topic ``sale`` / ``sharing``, says that nothing is sold or shared,
and every rule that depends on selling or sharing is then silent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from policyval.findings import JsonPath, Severity
from policyval.policy import access, facts
from policyval.rules._retention import covered, covers, has_period, is_vague, vague_wording
from policyval.rules.base import Check, Context, Issue, quoted, where_missing

SALE_TOPICS = ("sale", "sharing")
SPI = "sensitive_personal_information"  # the ccpa_categories value of 1798.140(v)(1)(L)
# Channel kinds that are not a way to submit a request (an unsubscribe link, a browser setting).
_NOT_A_METHOD = frozenset({"email_link", "browser_setting"})
# Channels the words locate without an address: a setting, a screen, a shop, the site's own form.
_PLACES = frozenset({"in_product_setting", "in_app", "in_person", "web_form"})
_QUOTES = "\"'\u201c\u201d\u2018\u2019"  # straight and curly quotes around a printed title


@dataclass(frozen=True)
class StateLaw:
    """One US state law, as the shared checks need it."""

    profile: str  # the profile id in policy/laws.py
    facts_id: str  # its entry in policy/facts/us-states.json
    name: str  # how messages name it
    places: frozenset[str]  # rights[].jurisdictions that hold a right under it
    # Rights the law names that a request method must serve (know, delete, correct...).
    request_rights: tuple[str, ...] = ()
    # Opt-out link kind -> the citation of its fixed title in the facts entry.
    titled_links: Mapping[str, str] = field(default_factory=dict)

    @property
    def entry(self) -> dict[str, Any]:
        return facts.us_state_law(self.facts_id)

    def title(self, kind: str) -> str:
        cite = self.titled_links[kind]
        return str(next(t["text"] for t in self.entry["exact_link_titles"] if t["cite"] == cite))

    def alternative_titles(self) -> tuple[str, ...]:
        return tuple(str(t["text"]) for t in self.entry["exact_link_titles"] if t.get("requires_icon"))


# --- what the policy says ------------------------------------------------------------------------


def categories(ctx: Context) -> list[tuple[int, dict[str, Any]]]:
    return ctx.section("data_categories")


def absent(ctx: Context, topic: str, category: str | None = None) -> bool:
    """A statement of absence on ``topic`` that covers ``category`` (none named: all data)."""
    for _, entry in ctx.section("absences"):
        if entry.get("topic") == topic:
            named = access.strings(entry, "data_categories")
            if not named or category is None or category in named:
                return True
    return False


def status(ctx: Context, category: dict[str, Any], topic: str) -> str | None:
    """yes | no | not_stated for a category's sale or sharing; an absence statement says no."""
    said = access.mapping(category, topic).get("status")
    if said in ("yes", "no"):
        return str(said)
    if absent(ctx, topic, str(category.get("id"))):
        return "no"
    return str(said) if said else None


def sold_or_shared(ctx: Context) -> list[tuple[int, dict[str, Any], str]]:
    """(index, category, topic) for every category the policy says is sold or shared."""
    return [(i, c, t) for i, c in categories(ctx) for t in SALE_TOPICS if status(ctx, c, t) == "yes"]


def sensitive(category: dict[str, Any]) -> bool:
    return category.get("sensitive_pi") is True or SPI in access.strings(category, "ccpa_categories")


def holds(law: StateLaw, right: dict[str, Any]) -> bool:
    """A right that residents of the law's state hold: one limited to other states does not count."""
    places = access.strings(right, "jurisdictions")
    return not places or any(p in law.places or p == "US" for p in places)


def rights_of(ctx: Context, law: StateLaw, names: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, r) for i, r in ctx.section("rights") if r.get("right") in names and holds(law, r)]


def request_holders(ctx: Context, law: StateLaw) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Where requests are described: rights_requests, and each right the law names."""
    found: list[tuple[JsonPath, dict[str, Any]]] = []
    if isinstance(ctx.data.get("rights_requests"), dict):
        found.append((("rights_requests",), ctx.mapping("rights_requests")))
    return found + [(("rights", i), r) for i, r in rights_of(ctx, law, law.request_rights)]


def _owner_channels(ctx: Context, holder: dict[str, Any]) -> list[dict[str, Any]]:
    via = access.strings(holder, "exercise_via")
    owners = [ctx.mapping("controller")] if "controller" in via else []
    owners += [c for c in access.items(ctx.data, "contacts") if c.get("id") in via]
    return [ch for owner in owners for ch in access.items(owner, "channels")]


def methods(ctx: Context, law: StateLaw) -> tuple[set[str], set[str]]:
    """The kinds of channel (phone, web_form, email...) that take requests, and the kinds left
    out because the text gives no address for them."""
    channels = [ch for _, h in request_holders(ctx, law) for ch in access.items(h, "channels")]
    channels += [ch for _, h in request_holders(ctx, law) for ch in _owner_channels(ctx, h)]
    kinds = {str(ch.get("type")) for ch in channels if _usable(ch)}
    blank = {str(ch.get("type")) for ch in channels if ch.get("type") not in _NOT_A_METHOD} - kinds
    return kinds, blank


def _usable(channel: dict[str, Any]) -> bool:
    """A channel with its address (a blank in the text reaches nobody), or a place in the product
    or a shop that the words locate ('Account > Privacy choices')."""
    if channel.get("type") in _NOT_A_METHOD:
        return False
    if str(channel.get("value") or "").strip():
        return True
    return channel.get("type") in _PLACES and bool(str(channel.get("description") or "").strip())


def normalised(title: Any) -> str:
    """A link title compared as words: spacing, case, surrounding quotes and a final stop ignored
    (a footer may print it in capitals; the statute's own comma sits inside its quotes)."""
    return " ".join(str(title or "").split()).strip(_QUOTES + " .,").casefold()


# --- the checks ----------------------------------------------------------------------------------


def notice_at_collection(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        said = ctx.mapping("notice_at_collection").get("status")
        if said == "yes":
            return
        fix = "say where it is given: notice_at_collection: {status: 'yes', where: ..., url: ...}"
        if said == "no":
            message = (
                f"the policy says no notice at collection is given; the {law.name} asks for one at or before "
                f"collection; {fix}"
            )
            yield Issue(message, ("notice_at_collection", "status"))
            return
        path, key = where_missing(ctx, "notice_at_collection", "status")
        yield Issue(f"the policy does not say that a notice is given at or before collection; {fix}", path, key)

    return check


def statutory_categories(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        found = categories(ctx)
        if not found:
            path, key = where_missing(ctx, "data_categories")
            yield Issue(
                "the policy lists no categories of personal information; add data_categories, each with "
                "its ccpa_categories (e.g. identifiers, internet_activity)",
                path,
                key,
            )
        for i, category in found:
            if not access.strings(category, "ccpa_categories"):
                message = (
                    f"data category '{category.get('id')}' is not put in the {law.name}'s statutory categories; add "
                    "ccpa_categories with the ones that most closely describe it (e.g. identifiers, "
                    "commercial_information)"
                )
                yield Issue(message, ("data_categories", i))

    return check


def sensitive_categories(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        found = categories(ctx)
        for i, category in found:
            named = SPI in access.strings(category, "ccpa_categories")
            if category.get("sensitive_pi") is True and not named:
                message = (
                    f"data category '{category.get('id')}' is sensitive personal information but its categories "
                    f"do not say so; add {SPI} to its ccpa_categories"
                )
                yield Issue(message, ("data_categories", i, "sensitive_pi"), severity=Severity.ERROR)
            elif category.get("sensitive_pi") is False and named:
                message = (
                    f"data category '{category.get('id')}' has sensitive_pi: false but its ccpa_categories "
                    f"include {SPI}; say which is true"
                )
                yield Issue(message, ("data_categories", i, "sensitive_pi"), severity=Severity.ERROR)
        said = any(isinstance(c.get("sensitive_pi"), bool) or sensitive(c) for _, c in found)
        if found and not said and not absent(ctx, "sensitive_data"):
            message = (
                f"the policy does not say whether it collects sensitive personal information; the {law.name} asks for "
                "its categories if it does: set sensitive_pi: true on those data categories (and false on the others), "
                "or state that none is collected (absences: [{topic: sensitive_data}])"
            )
            yield Issue(message, ("data_categories",), key=True, severity=Severity.WARNING)

    return check


def sources(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        found = categories(ctx)
        if not found or any(c.get("sources") or c.get("source_details") for _, c in found):
            return
        message = (
            "the policy names no categories of sources of personal information; add sources to the data categories "
            "(data_subject, observed, third_party...) and source_details naming the kinds of third parties"
        )
        yield Issue(message, ("data_categories",), key=True)

    return check


def business_purposes(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        purposes = ctx.section("purposes")
        if not purposes:
            path, key = where_missing(ctx, "purposes")
            yield Issue(
                "the policy states no business or commercial purpose; add purposes, each with the "
                "data_categories it uses",
                path,
                key,
            )
            return
        used = {c for _, p in purposes for c in access.strings(p, "data_categories")}
        for i, category, topic in sold_or_shared(ctx):
            if category.get("id") not in used:
                verb = "sold" if topic == "sale" else "shared"
                message = (
                    f"data category '{category.get('id')}' is {verb} but no purpose says why; add it to the "
                    f"data_categories of the purpose it is {verb} for"
                )
                yield Issue(message, ("data_categories", i, topic))

    return check


def sold_or_shared_statement(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        found = categories(ctx)
        if not found:
            return
        unsaid = [
            t
            for t in SALE_TOPICS
            if not absent(ctx, t) and not any(status(ctx, c, t) in ("yes", "no") for _, c in found)
        ]
        if not unsaid:
            return
        words = " or ".join({"sale": "sells", "sharing": "shares"}[t] for t in unsaid)
        message = (
            f"the policy does not say whether it {words} personal information; give {'/'.join(unsaid)} per data "
            "category "
            f"({{status: 'yes', third_party_categories: [...]}} or {{status: 'no'}}), or state that it does not "
            f"(absences: [{', '.join('{topic: ' + t + '}' for t in unsaid)}])"
        )
        yield Issue(message, ("data_categories",), key=True)

    return check


def third_party_categories(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        for i, category, topic in sold_or_shared(ctx):
            said = access.mapping(category, topic)
            if not said.get("third_party_categories") and not said.get("recipients"):
                verb = "sold" if topic == "sale" else "shared"
                message = (
                    f"data category '{category.get('id')}' is {verb} but the categories of third parties it is "
                    f"{verb} to are not named; add third_party_categories (e.g. advertising networks)"
                )
                yield Issue(message, ("data_categories", i, topic))

    return check


def retention_per_category(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        entries = [e for _, e in ctx.section("retention")]
        firm = [e for e in entries if has_period(e)]
        vague = [e for e in entries if is_vague(e)]
        for i, category in categories(ctx):
            name = str(category.get("id"))
            # Nothing stated at all is retention/no-retention-period's finding; this one is about a
            # period given only in words that decide nothing ('as long as necessary').
            if covered(ctx, firm, name) or not covered(ctx, vague, name):
                continue
            said = sorted({_vague_words(e) for e in vague if _about(ctx, e, name)})
            message = (
                f"the retention of data category '{name}' is given only as {quoted(said)}; "
                f"the {law.name} asks how long each category is kept, or the criteria that decide it: add a duration, "
                "an until event or criteria"
            )
            yield Issue(message, ("data_categories", i))

    return check


def _vague_words(entry: dict[str, Any]) -> str:
    return (
        "as long as necessary" if vague_wording(entry) == "as_long_as_necessary" else str(entry["period_text"]).strip()
    )


def _about(ctx: Context, entry: dict[str, Any], category: str) -> bool:
    """Whether ``entry`` speaks of ``category``, for every purpose or for one that uses it."""
    users = [str(p.get("id")) for _, p in ctx.section("purposes") if category in access.strings(p, "data_categories")]
    return covers(ctx, entry, category) or any(covers(ctx, entry, category, p) for p in users)


@dataclass(frozen=True)
class Right:
    """A right the law asks the notice to describe, and when."""

    names: tuple[str, ...]  # rights[].right values that state it (the first is the one to write)
    label: str
    when: str = "always"  # always | sells_or_shares | sensitive


def right(law: StateLaw, row: Right) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        if rights_of(ctx, law, row.names):
            return
        if row.when == "sells_or_shares" and not sold_or_shared(ctx):
            return
        if row.when == "sensitive" and not any(sensitive(c) for _, c in categories(ctx)):
            return
        path, key = where_missing(ctx, "rights")
        why = {
            "always": "",
            "sells_or_shares": " though the policy says personal information is sold or shared",
            "sensitive": " though sensitive personal information is collected",
        }[row.when]
        fix = f"add rights: [{{right: {row.names[0]}, ...}}] saying how to exercise it"
        message = f"the {row.label} is not stated{why}; {fix}"
        yield Issue(message, path, key)

    return check


def request_methods(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        kinds, blank = methods(ctx, law)
        least = int(law.entry["request_methods"]["min"])
        path, key = where_missing(ctx, "rights_requests")
        if not path:
            path, key = where_missing(ctx, "rights")
        if len(kinds) < least:
            shown = f"only {quoted(sorted(kinds))}" if kinds else "none"
            message = (
                f"the policy gives {shown} of the {least} or more methods to submit requests the {law.name} asks "
                "for; add channels to rights_requests, including a toll-free telephone number (an e-mail address "
                "suffices only for a business that operates exclusively online)"
            )
            if blank:
                message += f"; not counted, as the text gives no address for them: {quoted(sorted(blank))}"
            yield Issue(message, path, key)
        elif not kinds & {"phone", "email"}:
            message = (
                f"the methods to submit requests ({quoted(sorted(kinds))}) include neither a toll-free telephone "
                "number nor, for a business that operates exclusively online, an e-mail address; add one"
            )
            yield Issue(message, path, key)

    return check


def opt_out_link_titles(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        links = ctx.section("opt_out_links")
        for i, link in links:
            kind = str(link.get("kind"))
            if kind in law.titled_links and normalised(link.get("text")) != normalised(law.title(kind)):
                title = law.title(kind)
                if link.get("text"):
                    message = (
                        f"opt-out link text '{link.get('text')}' is not the title the {law.name} fixes; write "
                        f"exactly '{title}'"
                    )
                    yield Issue(message, ("opt_out_links", i, "text"))
                else:
                    yield Issue(
                        f"the opt-out link's text is not given; it must be titled '{title}': add text",
                        ("opt_out_links", i),
                    )
        yield from _missing_links(ctx, law, links)

    return check


def _missing_links(ctx: Context, law: StateLaw, links: list[tuple[int, dict[str, Any]]]) -> Iterator[Issue]:
    if not sold_or_shared(ctx) or honours_signal(ctx):
        return
    titled = law.title("do_not_sell_or_share")
    accepted = {normalised(t) for t in (titled, *law.alternative_titles())}
    if any(normalised(link.get("text")) in accepted for _, link in links):
        return
    old = next((i for i, link in links if link.get("kind") == "do_not_sell"), None)
    if old is not None:
        message = (
            f"the 'Do Not Sell' link has the title the law had before the CPRA; it must be titled '{titled}' "
            f"(or {' / '.join(repr(t) for t in law.alternative_titles())} for a single link)"
        )
        yield Issue(message, ("opt_out_links", old, "text"))
        return
    path, key = where_missing(ctx, "opt_out_links")
    message = (
        f"the policy sells or shares personal information but gives no '{titled}' link, no single "
        f"{' / '.join(repr(t) for t in law.alternative_titles())} link, and no statement that it abides by opt-out "
        f"preference signals; add opt_out_links: [{{kind: do_not_sell_or_share, text: '{titled}', url: ...}}]"
    )
    yield Issue(message, path, key)


def honours_signal(ctx: Context) -> bool:
    return any(s.get("honoured") == "yes" for _, s in ctx.section("opt_out_signals") if s.get("signal") != "dnt")


def opt_out_signals(law: StateLaw) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        if not sold_or_shared(ctx):
            return
        signals = [(i, s) for i, s in ctx.section("opt_out_signals") if s.get("signal") != "dnt"]
        honoured = [(i, s) for i, s in signals if s.get("honoured") == "yes"]
        for i, signal in honoured:
            if not signal.get("effect") and not signal.get("description"):
                message = (
                    "say how the opt-out preference signal is processed: whether it applies to the browser, the "
                    "device, the consumer's account or offline sales (effect)"
                )
                yield Issue(message, ("opt_out_signals", i), severity=Severity.WARNING)
        if honoured:
            return
        refused = next((i for i, s in signals if s.get("honoured") == "no"), None)
        if refused is not None:
            message = (
                f"the policy says the opt-out preference signal is not honoured, but under the {law.name} a "
                "business that sells or shares personal information must treat it as a request to opt out; honour "
                "it and say how (honoured: 'yes', effect: ...)"
            )
            yield Issue(message, ("opt_out_signals", refused, "honoured"))
            return
        path, key = where_missing(ctx, "opt_out_signals")
        message = (
            "the policy sells or shares personal information but does not say how opt-out preference signals "
            "such as Global Privacy Control are processed; add opt_out_signals: [{signal: gpc, honoured: 'yes', "
            "effect: ...}]"
        )
        yield Issue(message, path, key)

    return check


def request_fact(law: StateLaw, fact: str, fix: str, refused: str | None = None, every_right: bool = False) -> Check:
    """``fact`` (authorised_agents, identity_verification) said for requests; ``refused``: the
    message when the policy only says 'no' (None: 'no' is an answer). ``every_right``: a
    statement under any right counts (the process is described), not only under the law's."""

    def check(ctx: Context) -> Iterator[Issue]:
        holders = request_holders(ctx, law)
        if every_right:
            holders += [
                (("rights", i), r) for i, r in ctx.section("rights") if r.get("right") not in law.request_rights
            ]
        said = [(p, access.mapping(h, fact).get("status")) for p, h in holders]
        if any(s == "yes" for _, s in said) or (refused is None and any(s == "no" for _, s in said)):
            return
        no = next((p for p, s in said if s == "no"), None)
        if no is not None and refused is not None:
            yield Issue(refused, (*no, fact, "status"))
            return
        path, key = where_missing(ctx, "rights_requests", fact)
        yield Issue(fix, path, key)

    return check


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):  # 29 February and 31st: the month's last day
        try:
            return dt.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def updated_within(law: StateLaw, months: int) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        policy = ctx.mapping("policy")
        key = "last_updated" if policy.get("last_updated") else "effective_date"
        if not policy.get(key):
            path, is_key = where_missing(ctx, "policy")
            message = (
                f"the policy gives no date of its last update; the {law.name} asks for an update at least every "
                f"{months} months: add policy.last_updated"
            )
            yield Issue(message, path, is_key)
            return
        try:
            day = dt.date.fromisoformat(str(policy[key]))
        except ValueError:
            yield Issue(
                f"policy.{key} '{policy[key]}' is not a calendar date; give the day of the last update", ("policy", key)
            )
            return
        if ctx.today is not None and day < _months_before(ctx.today, months):
            message = (
                f"the policy was last updated on {day.isoformat()}, more than {months} months before "
                f"{ctx.today.isoformat()}; the {law.name} asks for an update at least every {months} months: "
                "review it and set policy.last_updated"
            )
            yield Issue(message, ("policy", key))

    return check
