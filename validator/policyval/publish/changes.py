"""What a change to a policy does to people's data: a table over the schema's paths.

Every property path of every schema version (``policy.shape.PATHS``) is either judged here
(``TABLE``: what a change at that path is called, and whether adding, removing or changing it
*widens* processing, *narrows* it, or is neutral) or deliberately left out (``IGNORED``, with
the reason). tests/test_publish_coverage.py fails on a path that is in neither, and changes
each judged path in a document to prove the diff reports it.

Widening means more data, more purposes, more recipients or countries, longer or less
definite retention, fewer safeguards, rights or security measures, a lower minimum age, a
weaker legal basis or consent, automated decisions or trackers started: what a reviewer must
look at first. Lists are compared by their keys (ids, the right, the basis...), never by
position, so reordering a list is no change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from policyval.policy import access, schemas, shape, terms
from policyval.publish.paths import left_out, lookup

WIDENING, NARROWING, NEUTRAL = "widening", "narrowing", "neutral"

Verdict = str
# How one added or removed member, or one replaced value, is judged: a verdict, or a function
# of the value(s) and the comparison (which knows, say, the countries data went to before).
Judgement = Verdict | Callable[..., Verdict]


@dataclass(frozen=True)
class Change:
    """One semantic change. ``item`` is the id (or scope) of the changed entry."""

    section: str
    item: str
    kind: str  # added | removed | changed
    message: str
    effect: Verdict = NEUTRAL
    old: Any = None
    new: Any = None

    @property
    def widening(self) -> bool:
        return self.effect == WIDENING


@dataclass(frozen=True)
class Judge:
    """How a change at one path is named and judged.

    For a list of entries, ``added``/``removed`` judge an entry; for a list of values, a
    member; for a value, setting it where there was none and unsetting it, and ``changed``
    a value replaced by another. ``member`` turns an entry into words when a list of entries
    is compared as a set (channels, trackers); its fields are then judged with it (``part``).
    """

    what: str
    added: Judgement = NEUTRAL
    removed: Judgement = NEUTRAL
    changed: Judgement = NEUTRAL
    member: Callable[[dict[str, Any]], str] | None = None
    part: bool = False  # a field judged as part of its entry's words (see ``member``)
    period: bool = False  # one of the fields that together state a retention period


# --- judgements that depend on the value -------------------------------------------------------


def _new_country(old: Any, new: Any, ctx: _Compare) -> Verdict:
    return WIDENING if isinstance(new, str) and new not in ctx.old_destinations else NEUTRAL


def _basis_added(basis: str | None) -> Verdict:
    # A new ground other than consent lets processing go on without the person's say-so.
    return NEUTRAL if terms.is_consent(str(basis)) else WIDENING


def _basis_removed(basis: str | None) -> Verdict:
    return NEUTRAL if terms.is_consent(str(basis)) else NARROWING


_CONSENT_STRENGTH = {"express": 0, "implied": 1, "opt_out": 2}


def _weaker_consent(old: Any, new: Any, ctx: _Compare) -> Verdict:
    a, b = _CONSENT_STRENGTH.get(str(old)), _CONSENT_STRENGTH.get(str(new))
    if a is None or b is None:
        return NEUTRAL
    return WIDENING if b > a else NARROWING if b < a else NEUTRAL


def _safeguard_added(mechanism: str) -> Verdict:
    return WIDENING if mechanism == "none_stated" else NARROWING


def _safeguard_removed(mechanism: str) -> Verdict:
    return NEUTRAL if mechanism == "none_stated" else WIDENING


def _lower_age(old: Any, new: Any, ctx: _Compare) -> Verdict:
    if not isinstance(old, int) or not isinstance(new, int):
        return NEUTRAL
    return WIDENING if new < old else NARROWING


def _started(value: str) -> Callable[[Any, Any, _Compare], Verdict]:
    def judge(old: Any, new: Any, ctx: _Compare) -> Verdict:
        return WIDENING if new == value and old != value else NARROWING if old == value else NEUTRAL

    return judge


def _flag_set(old: Any, new: Any, ctx: _Compare) -> Verdict:
    return WIDENING if new is True and old is not True else NARROWING if old is True else NEUTRAL


# --- words for entries compared as sets ------------------------------------------------------------


def _channel(c: dict[str, Any]) -> str:
    where = f"{c.get('type', '?')}: {c['value']}" if c.get("value") else f"{c.get('type', '?')} (no address)"
    return where + (f" ({c['description']})" if c.get("description") else "")


def _tracker(t: dict[str, Any]) -> str:
    kind = f"{t.get('party', '?')}-party {t.get('category', 'other')} {t.get('kind', 'tracker')}"
    return kind + (f": {t['description']}" if t.get("description") else "")


def _law(law: dict[str, Any]) -> str:
    return str(law.get("law")) + (f" ({law['name']})" if law.get("name") else "")


def _registration(r: dict[str, Any]) -> str:
    return f"{r['scheme']}: {r.get('value')}" if r.get("scheme") else str(r.get("value"))


_PART = Judge("", part=True)
_PART_OBJECT = Judge("")


def _basis_replaced(old: Any, new: Any, ctx: _Compare) -> Verdict:
    # Consent replaced by another ground lets processing go on without the person's say-so.
    was, now = terms.is_consent(str(old)), terms.is_consent(str(new))
    return WIDENING if was and not now else NARROWING if now and not was else NEUTRAL


def _no_longer(value: str) -> Callable[[Any, Any, _Compare], Verdict]:
    def judge(old: Any, new: Any, ctx: _Compare) -> Verdict:
        return WIDENING if old == value and new != value else NARROWING if new == value and old != value else NEUTRAL

    return judge


def _safeguard_words_added(words: str) -> Verdict:
    return _safeguard_added(words.split(";")[0].removeprefix("mechanism: "))


def _safeguard_words_removed(words: str) -> Verdict:
    return _safeguard_removed(words.split(";")[0].removeprefix("mechanism: "))


def _tracker_words(t: dict[str, Any]) -> str:
    rest = terms.statement_words({k: v for k, v in t.items() if k not in ("kind", "party", "category", "description")})
    return _tracker(t) + (f" [{rest}]" if rest else "")


_QUOTES = "verbatim quotes from the source text support a statement; they are not a statement of their own"


# What schema 1.1 added (the paths 1.0 also has are judged below).
_SCHEMA_1_1: dict[str, Judge] = {
    "policy.scope.applies_to": Judge("what the policy applies to"),
    "policy.scope.data_subjects": Judge("people the policy covers"),
    "policy.scope.jurisdictions": Judge("places the policy covers"),
    "policy.scope.exclusions": Judge("exclusion from the policy", member=terms.statement_words),
    "policy.scope.exclusions[].data_categories": _PART,
    "policy.scope.exclusions[].description": _PART,
    "policy.scope.description": Judge("scope"),
    "policy.url_as_written": Judge("URL as printed"),
    "controllers": Judge("controller", added=WIDENING, removed=NARROWING),
    "group.name": Judge("group"),
    "group.members": Judge("group member", added=WIDENING, removed=NARROWING),
    "group.description": Judge("group description"),
    "contacts[].for_controllers": Judge("controllers it serves"),
    "data_categories[].ccpa_categories": Judge("statutory category", added=WIDENING, removed=NARROWING),
    "data_categories[].sensitive_pi": Judge("sensitive personal information", changed=_flag_set, added=_flag_set),
    "data_categories[].source_details": Judge(
        "source", added=WIDENING, removed=NARROWING, member=terms.statement_words
    ),
    "legal_bases": Judge("legal basis", added=_basis_added, removed=_basis_removed),
    "legal_bases[].id": _PART,
    "legal_bases[].basis": Judge("basis", changed=_basis_replaced),
    "legal_bases[].consent_type": Judge("form of consent", changed=_weaker_consent),
    "legal_bases[].condition": Judge("condition"),
    "legal_bases[].purposes": Judge("purpose", added=WIDENING, removed=NARROWING),
    "legal_bases[].data_categories": Judge("data category", added=WIDENING, removed=NARROWING),
    "legal_bases[].unmapped": Judge("tied to no purpose"),
    "legal_bases[].legitimate_interest": Judge("legitimate interest"),
    "legal_bases[].description": Judge("wording of the basis"),
    "purposes[].legal_bases[].condition": Judge("condition"),
    "recipients[].not_disclosed.data_categories": Judge("data not disclosed", added=NARROWING, removed=WIDENING),
    "recipients[].not_disclosed.description": Judge("what is not disclosed"),
    "recipients[].obligations": Judge(
        "obligation on the recipient", added=NARROWING, removed=WIDENING, member=terms.statement_words
    ),
    "recipients[].obligations[].obligation": _PART,
    "recipients[].obligations[].description": _PART,
    "retention[].end_actions": Judge("end of period action"),
    "retention[].applies_to": Judge("what the statement applies to"),
    "retention[].description": Judge("description"),
    "transfers[].safeguards": Judge(
        "safeguard", added=_safeguard_words_added, removed=_safeguard_words_removed, member=terms.statement_words
    ),
    "transfers[].destination_text": Judge("destination as written"),
    "**.url_as_written": Judge("URL as printed"),
    "rights[].jurisdictions": Judge("places the right applies in"),
    "**.identity_verification.status": Judge("identity verification"),
    "**.identity_verification.method": Judge("how identity is verified"),
    "**.authorised_agents.status": Judge("authorised agents"),
    "**.authorised_agents.requirements": Judge("what an authorised agent must show"),
    "**.response_time.duration": Judge("response time"),
    "**.response_time.extension": Judge("extension of the response time"),
    "**.response_time.starts": Judge("when the response time starts"),
    "**.response_time.description": Judge("response time in words"),
    "rights_requests.exercise_via": Judge("requests made via"),
    "rights_requests.description": Judge("how requests are made"),
    "cookies.consent_models": Judge("how consent to trackers is obtained"),
    "cookies.opt_out_links": Judge("opt-out link"),
    "cookies.refusal_consequences.description": Judge("consequences of refusing trackers"),
    "cookies.documents": Judge("cookie document"),
    "opt_out_links": Judge("opt-out link", added=NARROWING, removed=WIDENING),
    "opt_out_links[].id": _PART,
    "opt_out_links[].kind": Judge("kind"),
    "opt_out_links[].text": Judge("text of the link"),
    "opt_out_links[].url": Judge("URL"),
    "opt_out_links[].description": Judge("description"),
    "opt_out_signals": Judge("opt-out signal", added=NARROWING, removed=WIDENING),
    "opt_out_signals[].signal": _PART,
    "opt_out_signals[].honoured": Judge("honoured", changed=_no_longer("yes")),
    "opt_out_signals[].effect": Judge("effect"),
    "opt_out_signals[].description": Judge("description"),
    "policy_changes.notification": Judge("notification of changes"),
    "notice_at_collection.status": Judge("notice at collection"),
    "notice_at_collection.where": Judge("where it is given"),
    "notice_at_collection.url": Judge("URL"),
    "notice_at_collection.data_categories": Judge("data it covers"),
    "notice_at_collection.description": Judge("description"),
    "documents": Judge("document"),
    "documents[].id": _PART,
    "documents[].kind": Judge("kind"),
    "documents[].relation": Judge("relation to the policy"),
    "documents[].title": Judge("title"),
    "documents[].url": Judge("URL"),
    "documents[].description": Judge("description"),
    # A statement that something is not done ("we do not sell") taken back widens processing.
    "absences": Judge("statement of absence", added=NARROWING, removed=WIDENING),
    "absences[].id": _PART,
    "absences[].topic": Judge("topic"),
    "absences[].data_categories": Judge("data category"),
    "absences[].recipients": Judge("recipient"),
    "absences[].purposes": Judge("purpose"),
    "absences[].description": Judge("description"),
    "claims": Judge("claim"),
    "claims[].id": _PART,
    "claims[].claim": Judge("claim"),
    "claims[].data_categories": Judge("data category"),
    "claims[].jurisdictions": Judge("place"),
    "claims[].description": Judge("description"),
}
for _field in ("status", "third_party_categories", "recipients", "period", "description"):
    for _kind in ("sale", "sharing"):
        judge = {"status": Judge(f"{_kind} status", changed=_started("yes"), added=_started("yes"))}.get(
            _field, Judge(f"{_kind}: {_field.replace('_', ' ')}", added=WIDENING if _field != "period" else NEUTRAL)
        )
        _SCHEMA_1_1[f"data_categories[].{_kind}.{_field}"] = judge
for _field in ("requirement_basis", "consequences", "description"):
    _SCHEMA_1_1[f"**.obligation.{_field}"] = Judge(f"obligation: {_field.replace('_', ' ')}")
for _field in ("source", "name", "category", "publicly_accessible", "description"):
    _SCHEMA_1_1[f"data_categories[].source_details[].{_field}"] = _PART
for _field in (
    "mechanism",
    "instrument",
    "name",
    "dpv_term",
    "description",
    "obtain_copy.exercise_via",
    "obtain_copy.url",
    "obtain_copy.description",
    "obtain_copy.channels",
):
    _SCHEMA_1_1[f"transfers[].safeguards[].{_field}"] = _PART
for _field in (
    "id",
    "name",
    "provider",
    "recipients",
    "purposes",
    "data_categories",
    "lifetime.kind",
    "lifetime.duration",
    "lifetime.description",
    "essential",
    "consent_models",
    "opt_out_link",
    "tracks_before_interaction",
    "contexts",
):
    _SCHEMA_1_1[f"cookies.trackers[].{_field}"] = _PART

# Every path of every schema version, judged. Paths are shape.PATHS' dotted paths.
TABLE: dict[str, Judge] = {
    "schema_version": Judge("schema version"),
    # policy
    "policy.title": Judge("title"),
    "policy.url": Judge("URL"),
    "policy.language": Judge("language"),
    "policy.effective_date": Judge("effective date"),
    "policy.last_updated": Judge("last-updated date"),
    "policy.jurisdictions": Judge("jurisdiction"),
    "policy.applicable_laws": Judge("applicable law", member=_law),
    "policy.applicable_laws[].law": _PART,
    "policy.applicable_laws[].name": _PART,
    "policy.source_text": Judge("source text"),
    # controller
    "controller.legal_name": Judge("legal name"),
    "controller.other_names": Judge("other name"),
    "**.registration_numbers": Judge("registration number", member=_registration),
    "**.registration_numbers[].scheme": _PART,
    "**.registration_numbers[].value": _PART,
    "**.postal_address.text": Judge("postal address"),
    "**.postal_address.street": Judge("street"),
    "**.postal_address.locality": Judge("locality"),
    "**.postal_address.postal_code": Judge("postal code"),
    "**.postal_address.region": Judge("region"),
    "**.postal_address.country": Judge("country of the address"),
    "controller.country": Judge("country"),
    "controller.website": Judge("website"),
    "controller.channels": Judge("channel", member=_channel),
    # contacts
    "contacts": Judge("contact"),
    "contacts[].id": _PART,
    "contacts[].role": Judge("role"),
    "contacts[].name": Judge("name"),
    "contacts[].title": Judge("title"),
    "contacts[].channels": Judge("channel", member=_channel),
    # data subjects and data
    "data_subjects": Judge("data subject category", added=WIDENING, removed=NARROWING),
    "data_subjects[].id": _PART,
    "data_subjects[].label": Judge("label"),
    "data_subjects[].dpv_term": Judge("DPV term"),
    "data_categories": Judge("data category", added=WIDENING, removed=NARROWING),
    "data_categories[].id": _PART,
    "data_categories[].label": Judge("label"),
    "data_categories[].dpv_term": Judge("DPV term"),
    "data_categories[].special_category": Judge("special category", changed=_flag_set, added=_flag_set),
    "data_categories[].sources": Judge("source", added=WIDENING, removed=NARROWING),
    "data_categories[].requirement": Judge("requirement"),
    "data_categories[].data_subjects": Judge("data subject", added=WIDENING, removed=NARROWING),
    # purposes and legal bases
    "purposes": Judge("purpose", added=WIDENING, removed=NARROWING),
    "purposes[].id": _PART,
    "purposes[].description": Judge("description"),
    "purposes[].dpv_term": Judge("DPV term"),
    "purposes[].data_categories": Judge("data category", added=WIDENING, removed=NARROWING),
    "purposes[].legal_bases": Judge("legal basis", added=_basis_added, removed=_basis_removed),
    "purposes[].legal_bases[].basis": _PART,
    "purposes[].legal_bases[].consent_type": Judge("form of consent", changed=_weaker_consent),
    "purposes[].legal_bases[].description": Judge("wording of the basis"),
    "purposes[].legitimate_interest": Judge("legitimate interest"),
    # recipients
    "recipients": Judge("recipient", added=WIDENING, removed=NARROWING),
    "recipients[].id": _PART,
    "recipients[].role": Judge("role"),
    "recipients[].name": Judge("name"),
    "recipients[].category": Judge("category"),
    "recipients[].purposes": Judge("purpose", added=WIDENING, removed=NARROWING),
    "recipients[].data_categories": Judge("data category", added=WIDENING, removed=NARROWING),
    "recipients[].country": Judge("country", changed=_new_country, added=_new_country),
    "recipients[].channels": Judge("channel", member=_channel),
    # retention
    "retention": Judge("retention statement", added=NARROWING, removed=NEUTRAL),
    "retention[].id": Judge("id"),
    "retention[].data_categories": Judge("data category"),
    "retention[].purposes": Judge("purpose"),
    "retention[].duration": Judge("period", period=True),
    "retention[].starts": Judge("period", period=True),
    "retention[].until": Judge("period", period=True),
    "retention[].criteria": Judge("period", period=True),
    "retention[].as_long_as_necessary": Judge("period", period=True),
    "retention[].not_stated": Judge("period", period=True),
    "retention[].period_text": Judge("period", period=True),
    "retention[].end_action": Judge("end of period action"),
    # transfers
    "transfers": Judge("transfer", added=WIDENING, removed=NARROWING),
    "transfers[].id": Judge("id"),
    "transfers[].countries": Judge("country", added=WIDENING, removed=NARROWING),
    "transfers[].regions": Judge("region", added=WIDENING, removed=NARROWING),
    "transfers[].mechanisms": Judge("safeguard", added=_safeguard_added, removed=_safeguard_removed),
    "transfers[].dpv_terms": Judge("DPV transfer term"),
    "transfers[].recipients": Judge("recipient", added=WIDENING, removed=NARROWING),
    "transfers[].data_categories": Judge("data category", added=WIDENING, removed=NARROWING),
    # rights
    "rights": Judge("right", added=NARROWING, removed=WIDENING),
    "rights[].right": _PART,
    "rights[].description": Judge("description"),
    "rights[].exercise_via": Judge("exercised via"),
    "rights[].conditions": Judge("condition"),
    "rights[].authority.name": Judge("authority"),
    "rights[].authority.country": Judge("authority's country"),
    "rights[].authority.url": Judge("authority's website"),
    # security, cookies, children, automated decisions, changes
    "security.measures": Judge("security measure", added=NARROWING, removed=WIDENING),
    "security.measures[].description": _PART,
    "security.measures[].dpv_term": Judge("DPV measure term"),
    "cookies.used": Judge("use of cookies", changed=_started("yes"), added=_started("yes")),
    "cookies.trackers": Judge("tracker", added=WIDENING, removed=NARROWING, member=_tracker_words),
    "cookies.trackers[].kind": _PART,
    "cookies.trackers[].party": _PART,
    "cookies.trackers[].category": _PART,
    "cookies.trackers[].description": _PART,
    "cookies.controls": Judge("how trackers are accepted or refused"),
    "children.minimum_age": Judge("minimum age", changed=_lower_age, added=NARROWING, removed=WIDENING),
    "children.description": Judge("statement about children"),
    "automated_decision_making.status": Judge("status", changed=_started("yes"), added=_started("yes")),
    "automated_decision_making.description": Judge("description"),
    "policy_changes.channels": Judge("channel"),
    "policy_changes.description": Judge("description"),
}

# The fields of a channel, wherever channels are given: judged with the channel's words.
TABLE.update({f"**.channels[].{field}": _PART for field in ("type", "value", "description")})
TABLE["**.channels"] = Judge("channel", member=_channel)

# The parts of a controller, which schema 1.1 also allows as a list (controllers[]) and as the
# organisation that provides a DPO (contacts[].provided_by).
_PARTY = {
    "legal_name": Judge("legal name"),
    "other_names": Judge("other name"),
    "country": Judge("country"),
    "website": Judge("website"),
    "website_as_written": Judge("website as printed"),
    "id": Judge("id"),
    "group_relation": Judge("relation to the group"),
    "controller_for.services": Judge("services it is responsible for"),
    "controller_for.regions": Judge("regions it is responsible for"),
    "controller_for.regions_as_written": Judge("regions it is responsible for, as written"),
    "controller_for.data_subjects": Judge("people it is responsible for"),
    "controller_for.purposes": Judge("purposes it is responsible for"),
    "controller_for.description": Judge("what it is responsible for"),
}
_KNOWN = {p for version in shape.VERSIONS for p, _ in shape.PATHS[version]}
for _owner in ("controller", "controllers[]", "contacts[].provided_by"):
    TABLE.update({f"{_owner}.{k}": j for k, j in _PARTY.items() if f"{_owner}.{k}" in _KNOWN - TABLE.keys()})
TABLE["controllers[].id"] = _PART  # controllers are compared by id
TABLE.update(_SCHEMA_1_1)

# Paths left out of the comparison, with the reason. "**." matches the path at any depth.
IGNORED: dict[str, str] = {
    "$schema": "a hint for editors, ignored by policyval",
    "policy.ignored_text": "marks sentences of the source text that carry no information; not a statement",
    "**.evidence": _QUOTES,
}

# The key of an entry of a list compared entry by entry (default: its id).
_KEYS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "legal_bases": lambda b: str(b.get("id") or b.get("basis")),
    "opt_out_links": lambda link: str(link.get("id") or link.get("kind")),
    "opt_out_signals": lambda signal: str(signal.get("signal")),
    "rights": lambda r: f"other: {r.get('description', '')}" if r.get("right") == "other" else str(r.get("right")),
    "purposes[].legal_bases": lambda b: str(b.get("basis")),
    "security.measures": lambda m: str(m.get("description")),
}
# Lists whose entries may have no id: matched by scope, and leftovers paired in order.
_SCOPED = {"transfers": ("recipients", "data_categories"), "retention": ("data_categories", "purposes")}
_NAMES = ("name", "label", "category", "title", "description", "role")


def judge_of(path: str) -> Judge | None:
    """The judge of ``path``: its own entry, or a "**." entry it ends with."""
    return lookup(TABLE, path)


def ignored(path: str) -> str | None:
    """Why ``path`` is left out of the comparison, or None when it is judged."""
    return left_out(IGNORED, path)


# --- the tree of paths, from the schema tables -------------------------------------------------


def _tree() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Children of each path (the document is ""), and the kind of each, over every version."""
    children: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for version in shape.VERSIONS:
        for path, kind in shape.PATHS[version]:
            if path not in kinds:
                kinds[path] = kind
                children.setdefault(_parent(path), []).append(path)
    return children, kinds


def _parent(path: str) -> str:
    """ "purposes[].id" -> "purposes[]" (an entry of the list), "policy.title" -> "policy", "purposes" -> ""."""
    return path[: path.rfind(".")] if "." in path else ""


_CHILDREN, _KINDS = _tree()


def _key(path: str) -> str:
    """The last property name of a path: "purposes[].legal_bases" -> "legal_bases"."""
    return path.rsplit(".", 1)[-1]


def _shown(value: Any) -> str:
    return "(not set)" if value is None else repr(value) if isinstance(value, str) else str(value).lower()


def _verdict(judgement: Judgement, *args: Any) -> Verdict:
    verdict: Verdict = judgement(*args) if callable(judgement) else judgement
    return verdict


def destinations(data: Any) -> set[str]:
    """Every country the policy says data goes to (recipients and transfers)."""
    found = {str(r["country"]) for r in access.items(data, "recipients") if r.get("country")}
    for t in access.items(data, "transfers"):
        found.update(access.strings(t, "countries"))
    return found


# --- the comparison -------------------------------------------------------------------------------


class _Compare:
    def __init__(self, old: Any, new: Any) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.old_destinations = destinations(old)

    def add(self, section: str, item: str, kind: str, message: str, effect: Verdict, **values: Any) -> None:
        self.changes.append(Change(section, item, kind, message, effect, values.get("old"), values.get("new")))

    def run(self) -> list[Change]:
        self.entry("", _mapping(self.old), _mapping(self.new), "", "")
        self.new_countries()
        return self.changes

    def entry(self, path: str, old: dict[str, Any], new: dict[str, Any], item: str, section: str) -> None:
        """Compare two entries (or the documents) field by field, in schema order."""
        periods = [p for p in _CHILDREN.get(path, []) if (judge_of(p) or _PART).period]
        if periods:
            self.retention_period(old, new, item, section)
        for child in _CHILDREN.get(path, []):
            judge = judge_of(child)
            if ignored(child) is not None or child in periods:
                continue
            if judge is None and _KINDS[child] == "object":  # a group of fields: its fields are judged
                judge = _PART_OBJECT
            if judge is None:
                raise KeyError(f"{child}: not in publish.changes.TABLE nor IGNORED")
            if judge.part:
                continue
            where, label = section or _key(child), item or _key(child).replace("_", " ")
            self.field(child, judge, old.get(_key(child)), new.get(_key(child)), label, where)

    def field(self, path: str, judge: Judge, old: Any, new: Any, item: str, section: str) -> None:
        kind = _KINDS[path]
        if kind == "object":
            self.entry(path, _mapping(old), _mapping(new), item, section)
        elif kind == "list" and judge.member is None:
            parent = item if "[]" in path else ""  # a nested list is named within its entry
            self.entries(path, judge, _entries(old), _entries(new), parent, section)
        elif kind == "list":
            words = judge.member
            assert words is not None  # the branch above took the lists compared entry by entry
            self.members(judge, item, section, [words(e) for e in _entries(old)], [words(e) for e in _entries(new)])
        elif isinstance(old, list) or isinstance(new, list):
            self.members(judge, item, section, _values(old), _values(new))
        elif old != new:
            self.value(judge, old, new, item, section)

    def value(self, judge: Judge, old: Any, new: Any, item: str, section: str) -> None:
        judgement = judge.added if old is None else judge.removed if new is None else judge.changed
        effect = _verdict(judgement, old, new, self)
        message = f"{item}: {judge.what} changed from {_shown(old)} to {_shown(new)}"
        self.add(section, item, "changed", message, effect, old=old, new=new)

    def members(self, judge: Judge, item: str, section: str, old: list[str], new: list[str]) -> None:
        """Added and removed members of a list, one change per verdict each way."""
        for kind, found, judgement in (
            ("added", set(new) - set(old), judge.added),
            ("removed", set(old) - set(new), judge.removed),
        ):
            by_effect: dict[Verdict, list[str]] = {}
            for member in found:
                by_effect.setdefault(_verdict(judgement, member), []).append(member)
            for effect, values in sorted(by_effect.items()):
                message = f"{item}: {judge.what} {kind}: {terms.joined(values)}"
                side = {"new" if kind == "added" else "old": sorted(values)}
                self.add(section, item, "changed", message, effect, **side)

    def entries(
        self, path: str, judge: Judge, old: list[dict[str, Any]], new: list[dict[str, Any]], parent: str, section: str
    ) -> None:
        """Entries added, removed, and compared field by field; ``parent`` names the entry a
        nested list belongs to (a purpose's legal bases)."""
        within = f"{parent}: " if parent else ""
        pairs, added, removed = _match(path, old, new)
        for entry in added:
            label = _label(path, entry)
            effect = _verdict(judge.added, _entry_key(path, entry))
            message = f"{within}new {judge.what} {_name(label, entry)}"
            self.add(section, f"{within}{judge.what} {label}", "added", message, effect, new=entry)
        for entry in removed:
            label = _label(path, entry)
            message = f"{within}{judge.what} {_name(label, entry)} removed"
            self.add(
                section, f"{within}{judge.what} {label}", "removed", message, _removal(path, judge, entry), old=entry
            )
        for o, n in pairs:
            self.entry(path + "[]", o, n, f"{within}{judge.what} {_label(path, n)}", section)

    def retention_period(self, old: dict[str, Any], new: dict[str, Any], item: str, section: str) -> None:
        before, after = period(old), period(new)
        direction, effect = _period_direction(old, new)
        if direction:
            message = f"{item}: {direction} ({before} → {after})"
            self.add(section, item, "changed", message, effect, old=before, new=after)

    def new_countries(self) -> None:
        names = {c["id"]: c["label"] for c in schemas.vocab()["countries"]}
        for country in sorted(destinations(self.new) - self.old_destinations):
            message = f"data now goes to a new country: {names.get(country, country)} ({country})"
            self.add("transfers", f"country {country}", "added", message, WIDENING, new=country)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _entries(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _values(value: Any) -> list[str]:
    return [str(x) for x in value] if isinstance(value, list) else []


def _removal(path: str, judge: Judge, entry: dict[str, Any]) -> Verdict:
    # Losing a stated period means the data has no stated limit any more.
    if path == "retention":
        return WIDENING if terms.period_kind(entry) == "duration" else NEUTRAL
    return _verdict(judge.removed, _entry_key(path, entry))


def _entry_key(path: str, entry: dict[str, Any]) -> str | None:
    if path in _KEYS:
        return _KEYS[path](entry)
    ident = entry.get("id")
    return ident if isinstance(ident, str) else None


def _scope(path: str, entry: dict[str, Any]) -> str:
    fields = _SCOPED.get(path, ())
    parts = [
        f"{f.replace('_', ' ')}: {terms.joined(access.strings(entry, f))}" for f in fields if access.strings(entry, f)
    ]
    return "[" + "; ".join(parts) + "]" if parts else "[all data]"


def _label(path: str, entry: dict[str, Any]) -> str:
    key = _entry_key(path, entry)
    return f"'{key}'" if key is not None else _scope(path, entry)


def _name(label: str, entry: dict[str, Any]) -> str:
    for f in _NAMES:
        if isinstance(entry.get(f), str) and entry[f] and f"'{entry[f]}'" != label:
            return f"{label} ({entry[f]})"
    return label


def _match(
    path: str, old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs by key (id, else scope); for lists whose entries may have no id, what is left is
    paired in order when both sides have as many leftovers, since an edited scope is more likely
    than a swap."""
    old_keys = {_label(path, o): o for o in old}
    new_keys = {_label(path, n): n for n in new}
    pairs = [(old_keys[k], new_keys[k]) for k in old_keys if k in new_keys]
    left_old = [o for k, o in old_keys.items() if k not in new_keys]
    left_new = [n for k, n in new_keys.items() if k not in old_keys]
    if path in _SCOPED and left_old and len(left_old) == len(left_new):
        return [*pairs, *zip(left_old, left_new, strict=True)], [], []
    return pairs, left_new, left_old


# --- retention periods -----------------------------------------------------------------------------


def period(r: dict[str, Any]) -> str:
    """The retention period of a statement in words."""
    kind = terms.period_kind(r)
    if kind == "duration":
        text = f"{r['duration']} ({terms.describe_duration(str(r['duration']))})"
        return text + (f" from {r['starts']}" if r.get("starts") else "")
    if kind == "until":
        return f"until {r['until']}"
    if kind == "criteria":
        return f"by criteria: {r['criteria']}"
    if kind == "vague":
        return "as long as necessary (no period)"
    return "not stated"


def _period_direction(o: dict[str, Any], n: dict[str, Any]) -> tuple[str, Verdict]:
    """Words for how a period changed, and whether the data may now be kept longer."""
    ko, kn = terms.period_kind(o), terms.period_kind(n)
    if ko == kn == "duration":
        cmp = terms.compare_durations(str(o["duration"]), str(n["duration"]))
        if cmp == 0:  # P1Y and P12M are the same period
            return ("starting point changed", NEUTRAL) if o.get("starts") != n.get("starts") else ("", NEUTRAL)
        if cmp is None:  # P1M against P30D: longer in some months, shorter in others
            return "changed (lengths not comparable)", WIDENING
        return ("longer", WIDENING) if cmp > 0 else ("shorter", NARROWING)
    if terms.OPENNESS[kn] > terms.OPENNESS[ko]:
        return ("no longer a fixed period" if ko == "duration" else "less definite"), WIDENING
    if terms.OPENNESS[kn] < terms.OPENNESS[ko]:
        return ("now a fixed period" if kn == "duration" else "more definite"), NARROWING
    return ("changed", NEUTRAL) if _period_fields(o) != _period_fields(n) else ("", NEUTRAL)


_PERIOD = ("duration", "starts", "until", "criteria", "as_long_as_necessary", "not_stated", "period_text")


def _period_fields(r: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(r.get(f) for f in _PERIOD)


def compare(old: Any, new: Any) -> list[Change]:
    """Semantic changes from ``old`` to ``new`` policy data."""
    return _Compare(old, new).run()


def covered(path: str) -> bool:
    """Whether the comparison judges ``path`` (or leaves it out on purpose); an object is
    covered by its fields."""
    return judge_of(path) is not None or ignored(path) is not None or _KINDS.get(path) == "object"


def judged_paths() -> Iterator[str]:
    return iter(TABLE)
