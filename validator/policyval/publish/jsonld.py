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

from policyval.policy import schemas

DPV = "https://w3id.org/dpv#"
CONTEXT: dict[str, Any] = {
    "dpv": DPV,
    "pd": "https://w3id.org/dpv/pd#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "loc": "https://w3id.org/dpv/loc#",
    "dct": "http://purl.org/dc/terms/",
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

    def controller(self) -> dict[str, Any]:
        c = _obj(self.data, "controller")
        node: dict[str, Any] = {"@id": self.iri("controller", "main"), "@type": "dpv:DataController"}
        if c.get("legal_name"):
            node["dpv:hasName"] = str(c["legal_name"])
            node["rdfs:label"] = str(c["legal_name"])
        if (where := _location(c.get("country"))) is not None:
            node["dpv:hasLocation"] = where
        contacts = [str(ch["value"]) for ch in _list(c, "channels") if ch.get("value")]
        if contacts:
            node["dpv:hasContact"] = contacts
        return node

    def personal_data(self, ident: str) -> dict[str, Any]:
        c = self.categories.get(ident, {})
        types = ["dpv:PersonalData"] + ([str(c["dpv_term"])] if c.get("dpv_term") else [])
        if c.get("special_category"):
            types.append("dpv:SensitivePersonalData")
        node: dict[str, Any] = {"@id": self.iri("data", ident), "@type": types}
        if c.get("label"):
            node["rdfs:label"] = str(c["label"])
        return node

    def recipient(self, r: dict[str, Any]) -> dict[str, Any]:
        types = ["dpv:Recipient"] + ([_ROLES[r["role"]]] if r.get("role") in _ROLES else [])
        node: dict[str, Any] = {"@id": self.iri("recipient", r["id"]), "@type": types}
        if r.get("name") or r.get("category"):
            node["rdfs:label"] = str(r.get("name") or r.get("category"))
        if (where := _location(r.get("country"))) is not None:
            node["dpv:hasLocation"] = where
        return node

    def storage(self, purpose: str, categories: list[str]) -> list[dict[str, Any]]:
        out = []
        for i, r in enumerate(_list(self.data, "retention")):
            scope_p, scope_c = r.get("purposes") or [], r.get("data_categories") or []
            if (scope_p and purpose not in scope_p) or (scope_c and not set(scope_c) & set(categories)):
                continue
            node: dict[str, Any] = {"@id": self.iri("retention", str(r.get("id") or i)), "@type": "dpv:StorageDuration"}
            if isinstance(r.get("duration"), str):
                node["dpv:hasDuration"] = r["duration"]
            description = r.get("until") or r.get("criteria")
            if description:
                node["rdfs:comment"] = str(description)
            out.append(node)
        return out

    def process(self, p: dict[str, Any]) -> dict[str, Any]:
        ident = str(p["id"])
        categories = [str(c) for c in p.get("data_categories") or []]
        purpose: dict[str, Any] = {"@id": self.iri("purpose", ident), "@type": ["dpv:Purpose"]}
        if p.get("dpv_term"):
            purpose["@type"].append(str(p["dpv_term"]))
        if p.get("description"):
            purpose["rdfs:label"] = str(p["description"])
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
            "dpv:hasDataController": self.controller(),
            "dpv:hasRight": self.rights(),
            "dpv:hasProcess": [self.process(p) for p in _list(self.data, "purposes") if isinstance(p.get("id"), str)],
        }
        if policy.get("title"):
            node["dct:title"] = str(policy["title"])
        if policy.get("source_text"):
            node["dct:source"] = str(policy["source_text"])
        if places := [loc for j in policy.get("jurisdictions") or [] if (loc := _location(j))]:
            node["dpv:hasJurisdiction"] = places
        return node


def to_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    """One policy (validated data) as a JSON-LD document in DPV 2.3 terms."""
    return _Builder(data).build()
