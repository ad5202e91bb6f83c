"""Typed, immutable models of a policy document, mirroring schema 1.0.

Hand-written so that they read well, and kept from drifting by construction and by test:

* every object is closed (``extra="forbid"``) like the schema's ``additionalProperties: false``;
* validation is strict (no ``"15"`` for an integer, no ``true`` for a string), because JSON
  Schema does not coerce either;
* the large vocabularies (countries, jurisdictions, DPV terms, legal bases) are read from the
  bundled schema itself, so they cannot differ from it; small enumerations are spelled out
  as ``Literal`` types, which a type checker can use;
* patterns are matched as ECMA-262 regular expressions (``schemas.ecma_matches``), exactly
  as policyval's own schema check and other JSON Schema consumers read them;
* ``tests/test_models.py`` proves the rest: the same field names and required fields as the
  schema, recursively, the same ``Literal`` values, and the same verdict on every test case.

The models describe shape only. ``policyval.load`` builds them from a document that has
already passed the schema, so they are a typed view, not a second validator.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from policyval.policy import schemas

SCHEMA_VERSION = "1.0"

ID_PATTERN = r"^[a-z][a-z0-9_-]{0,63}$"
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
URL_PATTERN = r"^https?://\S+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
DURATION_PATTERN = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"


def _enum_at(pointer: str) -> frozenset[str]:
    node: Any = schemas.schema(SCHEMA_VERSION)
    for part in pointer.split("/"):
        node = node[part]
    return frozenset(node["enum"])


def _term(pointer: str, what: str) -> AfterValidator:
    allowed = _enum_at(pointer)

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not a known {what}")
        return value

    return AfterValidator(check)


def _unique(items: list[Any]) -> list[Any]:
    # JSON Schema uniqueItems; every unique list in schema 1.0 holds strings.
    if len(set(items)) != len(items):
        raise ValueError("lists the same item more than once")
    return items


def _json_integer(value: Any) -> Any:
    # JSON Schema counts 15.0 as an integer and true as not a number at all.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _matching(pattern: str, what: str) -> AfterValidator:
    def check(value: str) -> str:
        if not schemas.ecma_matches(pattern, value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value

    return AfterValidator(check)


Id = Annotated[str, _matching(ID_PATTERN, "identifier")]
Date = Annotated[str, _matching(DATE_PATTERN, "date (YYYY-MM-DD)")]
Url = Annotated[str, _matching(URL_PATTERN, "http(s) URL")]
Evidence = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
Ids = Annotated[list[Id], AfterValidator(_unique)]

Country = Annotated[str, _term("$defs/country", "ISO 3166-1 alpha-2 country code")]
Jurisdiction = Annotated[str, _term("$defs/jurisdiction", "jurisdiction")]
LegalBasisTerm = Annotated[str, _term("$defs/legal_basis/properties/basis", "legal basis")]
DataSubjectTerm = Annotated[str, _term("properties/data_subjects/items/properties/dpv_term", "DPV data-subject term")]
PersonalDataTerm = Annotated[
    str, _term("properties/data_categories/items/properties/dpv_term", "DPV personal-data term")
]
PurposeTerm = Annotated[str, _term("properties/purposes/items/properties/dpv_term", "DPV purpose term")]
TransferTerm = Annotated[str, _term("properties/transfers/items/properties/dpv_terms/items", "DPV transfer term")]
MeasureTerm = Annotated[
    str, _term("properties/security/properties/measures/items/properties/dpv_term", "DPV measure term")
]


class Model(BaseModel):
    """Base of every model: immutable, closed, strict."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Channel(Model):
    type: Literal["email", "web_form", "phone", "postal", "website", "in_app", "fax", "other"]
    value: str | None = None
    description: str | None = None
    evidence: Evidence | None = None


class PostalAddress(Model):
    text: str | None = None
    street: str | None = None
    locality: str | None = None
    postal_code: str | None = None
    region: str | None = None
    country: Country | None = None
    evidence: Evidence | None = None


class LegalBasis(Model):
    basis: LegalBasisTerm
    consent_type: Literal["express", "implied", "opt_out", "not_stated"] | None = None
    description: str | None = None
    evidence: Evidence | None = None


class ApplicableLaw(Model):
    law: Literal[
        "eu-gdpr",
        "eu-eprivacy",
        "fr-loi-78-17",
        "uk-gdpr",
        "ca-pipeda",
        "ca-provincial",
        "ca-qc-law-25",
        "us-ccpa",
        "us-coppa",
        "other",
    ]
    name: str | None = None
    evidence: Evidence | None = None


class PolicyInfo(Model):
    """The ``policy`` section: metadata about the policy document itself."""

    title: str | None = None
    url: Url | None = None
    language: Annotated[str, _matching(LANGUAGE_PATTERN, "BCP 47 language tag")] | None = None
    effective_date: Date | None = None
    last_updated: Date | None = None
    jurisdictions: Annotated[list[Jurisdiction], AfterValidator(_unique)] | None = None
    applicable_laws: list[ApplicableLaw] | None = None
    source_text: str | None = None
    evidence: Evidence | None = None


class RegistrationNumber(Model):
    scheme: str | None = None
    value: str
    evidence: Evidence | None = None


class Controller(Model):
    legal_name: str | None = None
    other_names: list[str] | None = None
    registration_numbers: list[RegistrationNumber] | None = None
    postal_address: PostalAddress | None = None
    country: Country | None = None
    website: Url | None = None
    channels: list[Channel] | None = None
    evidence: Evidence | None = None


class Contact(Model):
    id: Id
    role: Literal[
        "data_protection_officer",
        "privacy_officer",
        "accountable_person",
        "representative",
        "rights_requests",
        "general",
        "complaints",
    ]
    name: str | None = None
    title: str | None = None
    channels: list[Channel] | None = None
    evidence: Evidence | None = None


class DataSubject(Model):
    id: Id
    label: str | None = None
    dpv_term: DataSubjectTerm | None = None
    evidence: Evidence | None = None


class DataCategory(Model):
    id: Id
    label: str | None = None
    dpv_term: PersonalDataTerm | None = None
    special_category: bool | None = None
    sources: (
        Annotated[
            list[Literal["data_subject", "observed", "third_party", "derived", "publicly_available"]],
            AfterValidator(_unique),
        ]
        | None
    ) = None
    requirement: Literal["mandatory", "optional", "not_stated"] | None = None
    data_subjects: Ids | None = None
    evidence: Evidence | None = None


class Purpose(Model):
    id: Id
    description: str | None = None
    dpv_term: PurposeTerm | None = None
    data_categories: Ids | None = None
    legal_bases: list[LegalBasis] | None = None
    legitimate_interest: str | None = None
    evidence: Evidence | None = None


class Recipient(Model):
    id: Id
    role: Literal[
        "processor",
        "sub_processor",
        "independent_controller",
        "joint_controller",
        "third_party",
        "public_authority",
        "group_company",
        "not_stated",
    ]
    name: str | None = None
    category: str | None = None
    purposes: Ids | None = None
    data_categories: Ids | None = None
    country: Country | None = None
    channels: list[Channel] | None = None
    evidence: Evidence | None = None


class Retention(Model):
    id: Id | None = None
    data_categories: Ids | None = None
    purposes: Ids | None = None
    duration: Annotated[str, _matching(DURATION_PATTERN, "ISO 8601 duration")] | None = None
    starts: str | None = None
    until: str | None = None
    criteria: str | None = None
    as_long_as_necessary: bool | None = None
    not_stated: bool | None = None
    end_action: Literal["deletion", "anonymisation", "archiving", "not_stated"] | None = None
    evidence: Evidence | None = None


class Transfer(Model):
    id: Id | None = None
    countries: Annotated[list[Country], AfterValidator(_unique)] | None = None
    regions: (
        Annotated[
            list[Literal["EEA", "EU", "outside_eea", "outside_home_country", "worldwide"]],
            AfterValidator(_unique),
        ]
        | None
    ) = None
    mechanisms: (
        Annotated[
            list[
                Literal[
                    "adequacy_decision",
                    "standard_contractual_clauses",
                    "binding_corporate_rules",
                    "derogation",
                    "other_safeguards",
                    "none_stated",
                ]
            ],
            AfterValidator(_unique),
        ]
        | None
    ) = None
    dpv_terms: list[TransferTerm] | None = None
    recipients: Ids | None = None
    data_categories: Ids | None = None
    evidence: Evidence | None = None


class Authority(Model):
    name: str | None = None
    country: Country | None = None
    url: Url | None = None
    evidence: Evidence | None = None


class Right(Model):
    right: Literal[
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw_consent",
        "complaint",
        "automated_decisions",
        "post_mortem_directives",
        "challenge_compliance",
        "other",
    ]
    description: str | None = None
    exercise_via: Ids | None = None
    conditions: list[str] | None = None
    authority: Authority | None = None
    evidence: Evidence | None = None


class Measure(Model):
    description: str
    dpv_term: MeasureTerm | None = None
    evidence: Evidence | None = None


class Security(Model):
    measures: list[Measure] | None = None
    evidence: Evidence | None = None


class Tracker(Model):
    kind: Literal["cookie", "local_storage", "web_beacon", "sdk", "device_information", "other"]
    party: Literal["first", "third", "not_stated"] | None = None
    category: (
        Literal["strictly_necessary", "functional", "analytics", "advertising", "social_media", "other"] | None
    ) = None
    description: str | None = None
    evidence: Evidence | None = None


class Cookies(Model):
    used: Literal["yes", "no", "not_stated"] | None = None
    trackers: list[Tracker] | None = None
    controls: str | None = None
    evidence: Evidence | None = None


class Children(Model):
    minimum_age: Annotated[int, BeforeValidator(_json_integer), Field(ge=0, le=25)] | None = None
    description: str | None = None
    evidence: Evidence | None = None


class AutomatedDecisionMaking(Model):
    status: Literal["yes", "no", "not_stated"]
    description: str | None = None
    evidence: Evidence | None = None


class PolicyChanges(Model):
    channels: Annotated[list[Literal["website", "email", "in_app", "other"]], AfterValidator(_unique)] | None = None
    description: str | None = None
    evidence: Evidence | None = None


class Policy(Model):
    """A whole policy document, schema 1.0. ``$schema`` is the field ``schema_uri``."""

    schema_uri: str | None = Field(default=None, alias="$schema")
    schema_version: Literal["1.0"]
    policy: PolicyInfo | None = None
    controller: Controller | None = None
    contacts: list[Contact] | None = None
    data_subjects: list[DataSubject] | None = None
    data_categories: list[DataCategory] | None = None
    purposes: list[Purpose] | None = None
    recipients: list[Recipient] | None = None
    retention: list[Retention] | None = None
    transfers: list[Transfer] | None = None
    rights: list[Right] | None = None
    security: Security | None = None
    cookies: Cookies | None = None
    children: Children | None = None
    automated_decision_making: AutomatedDecisionMaking | None = None
    policy_changes: PolicyChanges | None = None

    def to_data(self) -> dict[str, Any]:
        """The document as plain JSON data again: what was loaded, nothing added."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data


__all__ = [
    "ApplicableLaw",
    "Authority",
    "AutomatedDecisionMaking",
    "Channel",
    "Children",
    "Contact",
    "Controller",
    "Cookies",
    "DataCategory",
    "DataSubject",
    "LegalBasis",
    "Measure",
    "Model",
    "Policy",
    "PolicyChanges",
    "PolicyInfo",
    "PostalAddress",
    "Purpose",
    "Recipient",
    "RegistrationNumber",
    "Retention",
    "Right",
    "Security",
    "Tracker",
    "Transfer",
]
