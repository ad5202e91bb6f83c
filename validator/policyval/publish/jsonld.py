"""A policy as JSON-LD in W3C DPV 2.3 terms (``policyval export --format dpv-jsonld``).

The notice is a ``dpv:PrivacyNotice`` with its controller, the rights it grants and one
``dpv:Process`` per purpose, each with its purpose, personal data, legal bases, recipients and
storage conditions. Vocabulary ids the schema takes from DPV (``pd:EmailAddress``,
``eu-gdpr:A6-1-b``, ``dpv:ServiceProvision``, country codes) become DPV IRIs as they are;
the policy's own items become IRIs under the policy's base. The DPV licence notice travels
with every export (``dct:license``, ``rdfs:comment``).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from policyval.policy import schemas, terms
from policyval.publish.paths import left_out

DPV = "https://w3id.org/dpv#"
CONTEXT: dict[str, Any] = {
    "dpv": DPV,
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "loc": "https://w3id.org/dpv/loc#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "foaf:homepage": {"@type": "@id"},
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:license": {"@type": "@id"},
    "dpv:hasPurpose": {"@type": "@id"},
    "dpv:hasLegalBasis": {"@type": "@id"},
    "dpv:hasLocation": {"@type": "@id"},
    "dpv:hasRight": {"@type": "@id"},
    "dpv:hasDuration": {"@type": "xsd:duration"},
}
W3C_LICENSE = "https://www.w3.org/copyright/software-license-2023/"
_ROLES = {
    "processor": "dpv:DataProcessor",
    "sub_processor": "dpv:DataSubProcessor",
    "independent_controller": "dpv:DataController",
    "joint_controller": "dpv:JointDataControllers",
    "third_party": "dpv:ThirdParty",
    "public_authority": "dpv:Authority",
}


def _list(data: Any, key: str) -> list[dict[str, Any]]:
    value = data.get(key) if isinstance(data, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _obj(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


# Characters an IRI cannot hold (RFC 3987: no space, controls or <>"{}|\^`), and a '%' that
# begins no escape; a second '#' (a fragment holds none).
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')


def iri(url: str) -> str:
    """``url`` as a valid IRI: what it cannot hold percent-encoded (UTF-8), the rest as written,
    so that every RDF tool (rdflib's N-Triples and Turtle writers) can write it again."""
    head, hash_, fragment = url.partition("#")
    encoded = _percent(head) + hash_ + _percent(fragment).replace("#", "%23")
    return "".join(ch if ch.isprintable() or ch.isascii() else _bytes(ch) for ch in encoded)


def _percent(text: str) -> str:
    return _NOT_IRI.sub(lambda m: _bytes(m.group()), text)


def _bytes(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def base_iri(data: dict[str, Any]) -> str:
    """The policy's IRI: its published URL (as a valid IRI), else a stable URN from its content."""
    url = _obj(data, "policy").get("url")
    if isinstance(url, str) and url:
        return iri(url)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return f"urn:policyval:policy:{digest}"


def _location(code: Any) -> dict[str, str] | None:
    # loc: uses ISO codes as term names (loc:FR, loc:CA-QC); EU / EEA are loc terms too.
    return (
        {"@id": f"loc:{code}"}
        if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]+)?|EU|EEA", code)
        else None
    )


class _Builder:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.base = base_iri(data)
        self.categories = {c["id"]: c for c in _list(data, "data_categories") if isinstance(c.get("id"), str)}
        self.recipients = [r for r in _list(data, "recipients") if isinstance(r.get("id"), str)]

    def iri(self, kind: str, ident: str) -> str:
        # The policy's own items are fragments of its IRI (without the URL's own fragment).
        return f"{self.base.partition('#')[0]}#{kind}-{iri(ident)}"

    def controllers(self) -> dict[str, Any] | list[dict[str, Any]]:
        """The controller, and those of a group policy (schema 1.1 controllers[])."""
        others = [
            self.party(c, str(c.get("id") or f"controller-{i}")) for i, c in enumerate(_list(self.data, "controllers"))
        ]
        main = self.controller()
        return [main, *others] if others else main

    def party(self, c: dict[str, Any], ident: str) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": self.iri("controller", ident), "@type": "dpv:DataController"}
        node.update(_party(c))
        return node

    def controller(self) -> dict[str, Any]:
        c = _obj(self.data, "controller")
        node: dict[str, Any] = {"@id": self.iri("controller", "main"), "@type": "dpv:DataController"}
        node.update(_party(c))
        node.update(self.contacts())
        return node

    def contacts(self) -> dict[str, list[dict[str, Any]]]:
        """The controller's contacts, by the DPV property of their role."""
        out: dict[str, list[dict[str, Any]]] = {}
        for c in _list(self.data, "contacts"):
            prop = _CONTACT_ROLES.get(str(c.get("role")), "dpv:hasContact")
            node: dict[str, Any] = {"@id": self.iri("contact", str(c.get("id"))), "@type": "dpv:Entity"}
            if c.get("name") or c.get("title"):
                node["dpv:hasName"] = str(c.get("name") or c.get("title"))
            node["rdfs:comment"] = terms.words(c.get("role"))
            if addresses := _addresses(c):
                node["dpv:hasContact"] = addresses
            node.update(_where(c))
            out.setdefault(prop, []).append(node)
        return out

    def personal_data(self, ident: str) -> dict[str, Any]:
        c = self.categories.get(ident, {})
        types = ["dpv:PersonalData"] + ([str(c["dpv_term"])] if c.get("dpv_term") else [])
        if c.get("special_category"):
            types.append("dpv:SensitivePersonalData")
        node: dict[str, Any] = {"@id": self.iri("data", ident), "@type": types}
        if c.get("label"):
            node["rdfs:label"] = str(c["label"])
        if subjects := [{"@id": self.iri("subject", str(d))} for d in c.get("data_subjects") or []]:
            node["dpv:hasDataSubject"] = subjects
        return node

    def recipient(self, r: dict[str, Any]) -> dict[str, Any]:
        types = ["dpv:Recipient"] + ([_ROLES[r["role"]]] if r.get("role") in _ROLES else [])
        node: dict[str, Any] = {"@id": self.iri("recipient", r["id"]), "@type": types}
        if r.get("name") or r.get("category"):
            node["rdfs:label"] = str(r.get("name") or r.get("category"))
        if (where := _location(r.get("country"))) is not None:
            node["dpv:hasLocation"] = where
        if addresses := _addresses(r):
            node["dpv:hasContact"] = addresses
        node.update(_where(r))
        return node

    def declared(self, r: dict[str, Any]) -> dict[str, Any]:
        """A recipient as the notice declares it: with every purpose and data category it names."""
        node = self.recipient(r)
        node["dpv:hasPurpose"] = [{"@id": self.iri("purpose", str(p))} for p in r.get("purposes") or []]
        node["dpv:hasPersonalData"] = [{"@id": self.iri("data", str(c))} for c in r.get("data_categories") or []]
        return node

    def storage_condition(self, i: int, r: dict[str, Any]) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": self.iri("retention", str(r.get("id") or i)), "@type": "dpv:StorageDuration"}
        if isinstance(r.get("duration"), str):
            node["dpv:hasDuration"] = r["duration"]
        if comment := _period_words(r):
            node["rdfs:comment"] = comment
        return node

    def storage(self, purpose: str, categories: list[str]) -> list[dict[str, Any]]:
        out = []
        for i, r in enumerate(_list(self.data, "retention")):
            scope_p, scope_c = r.get("purposes") or [], r.get("data_categories") or []
            if (scope_p and purpose not in scope_p) or (scope_c and not set(scope_c) & set(categories)):
                continue
            out.append(self.storage_condition(i, r))
        return out

    def retention(self) -> list[dict[str, Any]]:
        """Every retention statement, with what it covers."""
        out = []
        for i, r in enumerate(_list(self.data, "retention")):
            node = self.storage_condition(i, r)
            node["dpv:hasPersonalData"] = [{"@id": self.iri("data", str(c))} for c in r.get("data_categories") or []]
            node["dpv:hasPurpose"] = [{"@id": self.iri("purpose", str(p))} for p in r.get("purposes") or []]
            out.append(node)
        return out

    def transfer(self, i: int, t: dict[str, Any]) -> dict[str, Any]:
        """A transfer, as a DPV transfer process with its destinations and safeguards."""
        node: dict[str, Any] = {
            "@id": self.iri("transfer", str(t.get("id") or i)),
            "@type": ["dpv:Process", "dpv:Transfer"],
        }
        node["dpv:hasLocation"] = [loc for c in t.get("countries") or [] if (loc := _location(c))]
        node["dpv:hasLegalBasis"] = [str(term) for term in t.get("dpv_terms") or []]
        node["dpv:hasRecipient"] = [{"@id": self.iri("recipient", str(r))} for r in t.get("recipients") or []]
        node["dpv:hasPersonalData"] = [{"@id": self.iri("data", str(c))} for c in t.get("data_categories") or []]
        safeguards = _list(t, "safeguards")
        node["dpv:hasLegalBasis"] += [str(g["dpv_term"]) for g in safeguards if g.get("dpv_term")]
        said = [*(terms.words(r) for r in t.get("regions") or []), *(terms.words(m) for m in t.get("mechanisms") or [])]
        said += [terms.statement_words({k: v for k, v in g.items() if k != "obtain_copy"}) for g in safeguards]
        said += [f"destination: {t['destination_text']}"] if t.get("destination_text") else []
        if said:
            node["rdfs:comment"] = "; ".join(said)
        return node

    def subjects(self) -> list[dict[str, Any]]:
        out = []
        for d in _list(self.data, "data_subjects"):
            types = ["dpv:DataSubject"] + ([str(d["dpv_term"])] if d.get("dpv_term") else [])
            node: dict[str, Any] = {"@id": self.iri("subject", str(d.get("id"))), "@type": types}
            if d.get("label"):
                node["rdfs:label"] = str(d["label"])
            out.append(node)
        return out

    def measures(self) -> list[dict[str, Any]]:
        out = []
        for m in _list(_obj(self.data, "security"), "measures"):
            types = ["dpv:TechnicalOrganisationalMeasure"] + ([str(m["dpv_term"])] if m.get("dpv_term") else [])
            out.append({"@type": types, "rdfs:comment": str(m.get("description"))})
        return out

    def process(self, p: dict[str, Any]) -> dict[str, Any]:
        ident = str(p["id"])
        categories = [str(c) for c in p.get("data_categories") or []]
        purpose: dict[str, Any] = {"@id": self.iri("purpose", ident), "@type": ["dpv:Purpose"]}
        if p.get("dpv_term"):
            purpose["@type"].append(str(p["dpv_term"]))
        if p.get("description"):
            purpose["rdfs:label"] = str(p["description"])
        if p.get("legitimate_interest"):
            purpose["rdfs:comment"] = f"legitimate interest: {p['legitimate_interest']}"
        node: dict[str, Any] = {
            "@id": self.iri("process", ident),
            "@type": "dpv:Process",
            "dpv:hasPurpose": purpose,
            "dpv:hasDataController": {"@id": self.iri("controller", "main")},
            "dpv:hasPersonalData": [self.personal_data(c) for c in categories],
            "dpv:hasLegalBasis": [str(b["basis"]) for b in _list(p, "legal_bases") if b.get("basis")],
            "dpv:hasRecipient": [self.recipient(r) for r in self.recipients if ident in (r.get("purposes") or [])],
        }
        if storage := self.storage(ident, categories):
            node["dpv:hasStorageCondition"] = storage
        return node

    def rights(self) -> list[str]:
        mapping = {r["id"]: r["dpv"] for r in schemas.vocab()["rights"] if r["dpv"]}
        return sorted({mapping[str(r.get("right"))] for r in _list(self.data, "rights") if r.get("right") in mapping})

    def build(self) -> dict[str, Any]:
        policy = _obj(self.data, "policy")
        node: dict[str, Any] = {
            "@context": CONTEXT,
            "@id": self.base,
            "@type": "dpv:PrivacyNotice",
            "dct:license": W3C_LICENSE,
            "rdfs:comment": schemas.vocab()["license"],
            "dpv:hasDataController": self.controllers(),
            "dpv:hasLegalBasis": [str(b["basis"]) for b in _list(self.data, "legal_bases") if b.get("basis")],
            "dpv:hasRight": self.rights(),
            "dpv:hasProcess": [
                *(self.process(p) for p in _list(self.data, "purposes") if isinstance(p.get("id"), str)),
                *(self.transfer(i, t) for i, t in enumerate(_list(self.data, "transfers"))),
            ],
            "dpv:hasDataSubject": self.subjects(),
            "dpv:hasPersonalData": [self.personal_data(c) for c in self.categories],
            "dpv:hasRecipient": [self.declared(r) for r in self.recipients],
            "dpv:hasStorageCondition": self.retention(),
            "dpv:hasTechnicalOrganisationalMeasure": self.measures(),
        }
        node.update(_metadata(policy))
        if policy.get("source_text"):
            node["dct:source"] = str(policy["source_text"])
        if laws := [_law(law) for law in _list(policy, "applicable_laws")]:
            node["dpv:hasApplicableLaw"] = laws
        if places := [loc for j in policy.get("jurisdictions") or [] if (loc := _location(j))]:
            node["dpv:hasJurisdiction"] = places
        return node


_CONTACT_ROLES = {
    "data_protection_officer": "dpv:hasDataProtectionOfficer",
    "representative": "dpv:hasRepresentative",
}


def _where(owner: dict[str, Any]) -> dict[str, Any]:
    """An entity's postal address and registration numbers, where the policy gives them."""
    out: dict[str, Any] = {}
    if address := terms.address_words(_obj(owner, "postal_address")):
        out["dpv:hasAddress"] = address
    if numbers := [
        f"{r.get('scheme') or 'registration'} {r.get('value')}" for r in _list(owner, "registration_numbers")
    ]:
        out["dct:identifier"] = numbers
    return out


def _party(c: dict[str, Any]) -> dict[str, Any]:
    """A controller's names, location, address, numbers, website and contacts."""
    out: dict[str, Any] = {}
    names = [str(n) for n in [c.get("legal_name"), *(c.get("other_names") or [])] if n]
    if names:
        out["dpv:hasName"] = names[0] if len(names) == 1 else names
        out["rdfs:label"] = names[0]
    if (where := _location(c.get("country"))) is not None:
        out["dpv:hasLocation"] = where
    out.update(_where(c))
    if c.get("website"):
        out["foaf:homepage"] = str(c["website"])
    if contacts := _addresses(c):
        out["dpv:hasContact"] = contacts
    return out


def _addresses(owner: dict[str, Any]) -> list[str]:
    return [str(ch["value"]) for ch in _list(owner, "channels") if ch.get("value")]


def _law(law: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "dpv:Law", "dct:identifier": str(law.get("law"))}
    if law.get("name"):
        node["rdfs:label"] = str(law["name"])
    return node


def _metadata(policy: dict[str, Any]) -> dict[str, Any]:
    """The notice's title, language and dates, as Dublin Core."""
    keys = {
        "title": "dct:title",
        "language": "dct:language",
        "effective_date": "dct:issued",
        "last_updated": "dct:modified",
    }
    return {prop: str(policy[key]) for key, prop in keys.items() if policy.get(key)}


def _period_words(r: dict[str, Any]) -> str:
    """What a retention statement says besides its duration, in words."""
    said = [
        str(r["until"]) if r.get("until") else "",
        str(r["criteria"]) if r.get("criteria") else "",
        f"from {r['starts']}" if r.get("starts") else "",
        "as long as necessary" if r.get("as_long_as_necessary") else "",
        "no period stated" if r.get("not_stated") else "",
        f"then: {terms.words(r['end_action'])}" if r.get("end_action") else "",
        f"then: {', '.join(terms.words(a) for a in r['end_actions'])}" if r.get("end_actions") else "",
        str(r["period_text"]) if r.get("period_text") else "",
        f"applies to: {terms.words(r['applies_to'])}" if r.get("applies_to") else "",
        str(r["description"]) if r.get("description") else "",
    ]
    return "; ".join(w for w in said if w)


def to_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    """One policy (validated data) as a JSON-LD document in DPV 2.3 terms."""
    return _Builder(data).build()


_TRACKERS = "trackers are not processes in this DPV mapping; the notice and the JSON export carry them"
_CONDITION = "the condition a basis applies under is in the notice; the DPV term is exported"
_BASES = "policy-level bases are exported as DPV terms on the notice; what each covers is in the notice"
_REQUESTS = "rights are exported as DPV right terms; how requests are handled is in the notice"
_US = "US state-law notions (statutory categories, sale, sharing, opt-outs) have no DPV 2.3 mapping here"

# Paths of the schema this output leaves out, with the reason ("**." matches at any depth);
# tests/test_publish_coverage.py proves every other path changes the output.
IGNORED: dict[str, str] = {
    "$schema": "a hint for editors, ignored by policyval",
    "**.channels[].type": "a contact is exported as its address; the kind of channel is not a DPV property",
    "**.channels[].description": "a contact is exported as its address; what the text says about it is not",
    "data_categories[].sources": "DPV 2.3's data-source concepts are not mapped; the JSON export carries the sources",
    "data_categories[].requirement": "whether providing data is required has no DPV 2.3 property in this mapping",
    "purposes[].legal_bases[].consent_type": "legal bases are exported as DPV terms; the form of consent is not mapped",
    "purposes[].legal_bases[].description": "the basis in the policy's own words; the DPV term is exported instead",
    "rights[].description": "rights are exported as DPV right terms; how they are worded is in the notice",
    "rights[].exercise_via": "rights are exported as DPV right terms; where to exercise them is in the notice",
    "rights[].conditions": "rights are exported as DPV right terms; their conditions are in the notice",
    "rights[].authority.name": "the authority named for complaints is in the notice, not in this DPV mapping",
    "rights[].authority.country": "the authority named for complaints is in the notice, not in this DPV mapping",
    "rights[].authority.url": "the authority named for complaints is in the notice, not in this DPV mapping",
    "children.minimum_age": "what the policy says about children is in the notice; it is not a DPV processing fact",
    "children.description": "what the policy says about children is in the notice; it is not a DPV processing fact",
    "automated_decision_making.status": "not mapped to DPV's processing contexts; the notice states it",
    "automated_decision_making.description": "not mapped to DPV's processing contexts; the notice states it",
    "policy_changes.channels": "how changes are announced concerns the notice, not the processing",
    "policy_changes.description": "how changes are announced concerns the notice, not the processing",
    "policy_changes.notification": "how changes are announced concerns the notice, not the processing",
    "policy.scope": "what the notice covers is said in the notice; the export lists the processing itself",
    "policy.url_as_written": "the policy's address as printed; its URL is the notice's IRI",
    "policy.ignored_text": "marks sentences of the source text that carry no information; not a statement",
    "controller.id": "the controller is the notice's 'controller-main'; its id is for references in the file",
    "**.controller_for": "what each controller of a group is responsible for is in the notice, not in this mapping",
    "**.group_relation": "a controller's place in its group is in the notice, not in this mapping",
    "**.website_as_written": "a website as printed, without a scheme, is not an IRI; the notice shows it",
    "group": "the group issuing the policy is in the notice; each controller is exported",
    "contacts[].provided_by": "the organisation providing a DPO is in the notice; the DPO's own contact is exported",
    "contacts[].for_controllers": "which controllers a contact serves is in the notice, not in this mapping",
    "data_categories[].ccpa_categories": _US,
    "data_categories[].sensitive_pi": _US,
    "data_categories[].sale": _US,
    "data_categories[].sharing": _US,
    "**.obligation": "whether providing data is required has no DPV 2.3 property in this mapping",
    "data_categories[].source_details": "DPV 2.3's data-source concepts are not mapped; the JSON export carries them",
    "purposes[].legal_bases[].condition": _CONDITION,
    "legal_bases[].id": _BASES,
    "legal_bases[].consent_type": "legal bases are exported as DPV terms; the form of consent is not mapped",
    "legal_bases[].condition": _CONDITION,
    "legal_bases[].purposes": _BASES,
    "legal_bases[].data_categories": _BASES,
    "legal_bases[].unmapped": _BASES,
    "legal_bases[].legitimate_interest": "the interest pursued is in the notice; the DPV term is exported",
    "legal_bases[].description": "the basis in the policy's own words; the DPV term is exported instead",
    "recipients[].not_disclosed": "what a recipient does not receive is in the notice; this mapping lists what it does",
    "recipients[].obligations": "obligations put on a recipient are in the notice, not in this mapping",
    "transfers[].safeguards[].obtain_copy": "how to get a copy of the safeguards is in the notice, not in this mapping",
    "rights[].authority.url_as_written": "the authority named for complaints is in the notice, not in this DPV mapping",
    "rights[].channels": "rights are exported as DPV right terms; where to exercise them is in the notice",
    "rights[].identity_verification": _REQUESTS,
    "rights[].authorised_agents": _REQUESTS,
    "rights[].response_time": _REQUESTS,
    "rights[].jurisdictions": "rights are exported as DPV right terms; where each applies is in the notice",
    "rights_requests": "rights are exported as DPV right terms; how requests are made is in the notice",
    "cookies": _TRACKERS,
    "opt_out_links": _US,
    "opt_out_signals": _US,
    "notice_at_collection": _US,
    "documents": "the documents a policy relies on are in the notice; the export describes the processing",
    "absences": "what the policy says it does not do is in the notice; the export lists what is done",
    "claims": "claims the policy makes are in the notice and checked by the rules; not DPV processing facts",
    "**.evidence": "verbatim quotes from the source text support a statement; they are not a statement of their own",
}


def ignored(path: str) -> str | None:
    """Why ``path`` is left out, or None when it is shown."""
    return left_out(IGNORED, path)
