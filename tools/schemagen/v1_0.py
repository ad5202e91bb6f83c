"""Schema 1.0, as a table: the source of ``schema/policy-1.0.schema.json``.

Released and frozen: the generator must reproduce the published file byte for byte
(``tools/generate.py --check``). What 1.0 says is never edited here; a later version
extends this table (``v1_1``).
"""

from __future__ import annotations

from typing import Any

from schemagen.dsl import META, arr, ids, obj, ref, s, text, titled

VERSION = "1.0"
SCHEMA_ID = "https://policyval.dev/schema/policy-1.0.schema.json"

DPV_NOTICE = (
    "Vocabulary terms derived from the W3C Data Privacy Vocabulary (DPV) 2.3, "
    "https://w3id.org/dpv (w3c/dpv commit f01a55c3c0983e35cdfdf80593ece3353faba7b8). "
    "Copyright (c) 2026 World Wide Web Consortium. "
    "https://www.w3.org/copyright/software-license-2023/ (see schema/vocab/LICENSE-DPV.md)."
)

# The human titles of the top-level sections (in the tables, not in the 1.0 file).
TITLES = {
    "policy": "Policy",
    "controller": "Controller",
    "contacts": "Contacts",
    "data_subjects": "Data subjects",
    "data_categories": "Data categories",
    "purposes": "Purposes",
    "recipients": "Recipients",
    "retention": "Retention",
    "transfers": "Transfers",
    "rights": "Rights",
    "security": "Security",
    "cookies": "Cookies",
    "children": "Children",
    "automated_decision_making": "Automated decisions",
    "policy_changes": "Policy changes",
}

# Rights a policy can name: policyval key -> (DPV / eu-gdpr term, description).
RIGHTS: dict[str, tuple[str | None, str]] = {
    # policyval key: (DPV / eu-gdpr term, description)
    "access": ("eu-gdpr:A15", "Right of access to the personal data (GDPR Art. 15, PIPEDA 4.9)."),
    "rectification": ("eu-gdpr:A16", "Right to have inaccurate data corrected (GDPR Art. 16)."),
    "erasure": ("eu-gdpr:A17", "Right to erasure, 'right to be forgotten' (GDPR Art. 17)."),
    "restriction": ("eu-gdpr:A18", "Right to restriction of processing (GDPR Art. 18)."),
    "portability": ("eu-gdpr:A20", "Right to data portability (GDPR Art. 20)."),
    "objection": ("eu-gdpr:A21", "Right to object to processing (GDPR Art. 21)."),
    "withdraw_consent": ("eu-gdpr:A7-3", "Right to withdraw consent at any time (GDPR Art. 7(3))."),
    "complaint": ("eu-gdpr:A77", "Right to lodge a complaint with a supervisory authority (GDPR Art. 77)."),
    "automated_decisions": (
        "eu-gdpr:A22",
        "Right not to be subject to a decision based solely on automated processing (GDPR Art. 22).",
    ),
    "post_mortem_directives": (
        None,
        "Right to set directives on the fate of one's data after death (French law 78-17, art. 85).",
    ),
    "challenge_compliance": (None, "Right to challenge compliance with the principles (PIPEDA Schedule 1, 4.10)."),
    "other": (None, "A right not in this list; describe it in 'description'."),
}


EV = ref("evidence", "Verbatim quotes from the source text that support this statement.")


def build(v: dict[str, Any]) -> dict[str, Any]:
    """Schema 1.0 with its generator metadata, from the DPV extract ``v``."""
    country_ids = [c["id"] for c in v["countries"]]
    jurisdiction_ids = country_ids + [r["id"] for r in v["regions"]] + ["EEA", "EU"]
    bases = [t["id"] for t in v["legal_bases_art6"] + v["legal_bases_art9"] + v["legal_bases_dpv"]]
    defs: dict[str, Any] = {
        "id": text(
            "An identifier: a lowercase letter, then lowercase letters, digits, '-' or '_' (64 at most). "
            "Unique within its list; other entries reference it by this value.",
            pattern="^[a-z][a-z0-9_-]{0,63}$",
            examples=["email", "order-fulfilment"],
        ),
        "evidence": arr(
            "One or more verbatim quotes from the source text. Whitespace is normalised when "
            "quotes are compared with the text.",
            {"type": "string", "minLength": 1},
            minItems=1,
            examples=[["Your picture is symatically destroyed after 6 months from the payment."]],
        ),
        "date": text(
            "A calendar date, YYYY-MM-DD.",
            pattern=r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
            examples=["2024-05-25"],
        ),
        "url": text("An http(s) URL.", pattern=r"^https?://\S+$", examples=["https://example.com/privacy"]),
        "country": s(
            "ISO 3166-1 alpha-2 country code, from DPV's loc vocabulary.",
            type="string",
            enum=country_ids,
            examples=["FR", "CA"],
        ),
        "jurisdiction": s(
            "ISO 3166-1 alpha-2 country, ISO 3166-2 subdivision, or the supranational EU / EEA (DPV loc).",
            type="string",
            enum=jurisdiction_ids,
            examples=["FR", "CA-QC", "EU"],
        ),
        "channel": obj(
            "Channel",
            "A way to reach someone. 'value' is left out when the text mentions the channel "
            "but gives no address (a blank in the text).",
            {
                "type": text(
                    "Kind of channel.",
                    enum=["email", "web_form", "phone", "postal", "website", "in_app", "fax", "other"],
                ),
                "value": text(
                    "The address, number or URL exactly as the text gives it, even if it looks wrong.",
                    examples=["dpr@planorama.com", "+33 1 23 45 67 89"],
                ),
                "description": text("What the text says about this channel, in words."),
                "evidence": EV,
            },
            ["type"],
            examples=[{"type": "email", "value": "dpr@planorama.com"}],
        ),
        "channels": arr("Contact channels.", {"$ref": "#/$defs/channel"}),
        "postal_address": obj(
            "PostalAddress",
            "A postal address. 'text' is the address as written; the parts are optional.",
            {
                "text": text("The address as written in the source (may be empty if the text leaves a blank)."),
                "street": text("Street and number."),
                "locality": text("City or town."),
                "postal_code": text("Postal code."),
                "region": text("Region, province or state."),
                "country": ref("country", "Country of the address."),
                "evidence": EV,
            },
            examples=[{"text": "38 rue Bréguet 75011 Paris- France", "country": "FR"}],
        ),
        "legal_basis": obj(
            "LegalBasis",
            "A legal basis or condition for processing.",
            {
                "basis": s(
                    "DPV identifier: a GDPR Art. 6 basis (eu-gdpr:A6-1-*), an Art. 9 condition "
                    "(eu-gdpr:A9-2-*), or a generic DPV legal basis (dpv:Consent, ...) for non-EU regimes.",
                    type="string",
                    enum=bases,
                    examples=["eu-gdpr:A6-1-b", "dpv:Consent"],
                ),
                "consent_type": text(
                    "For consent: how it is obtained (express, implied, opt-out), as non-EU regimes such as "
                    "PIPEDA distinguish.",
                    enum=["express", "implied", "opt_out", "not_stated"],
                ),
                "description": text("The basis in the policy's own words."),
                "evidence": EV,
            },
            ["basis"],
            examples=[{"basis": "eu-gdpr:A6-1-a", "evidence": ["We rely on your consent."]}],
        ),
    }
    props: dict[str, Any] = {
        "$schema": text("URI of the JSON Schema this document follows (ignored by policyval)."),
        "schema_version": text("Version of the policyval schema this document follows.", const="1.0", examples=["1.0"]),
        "policy": obj(
            "PolicyInfo",
            "Metadata about the privacy policy document itself.",
            {
                "title": text("Title of the policy.", examples=["Privacy Policy"]),
                "url": ref("url", "Where the policy is published."),
                "language": text(
                    "BCP 47 language tag of the source text.",
                    pattern="^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                    examples=["en", "fr-FR"],
                ),
                "effective_date": ref("date", "Date from which the policy applies."),
                "last_updated": ref("date", "Date of the last revision."),
                "jurisdictions": arr(
                    "Jurisdictions the policy addresses.",
                    {"$ref": "#/$defs/jurisdiction"},
                    uniqueItems=True,
                    examples=[["FR", "EU"]],
                ),
                "applicable_laws": arr(
                    "Laws the policy names or is written under.",
                    obj(
                        "ApplicableLaw",
                        "A law the policy refers to.",
                        {
                            "law": text(
                                "Identifier of the law.",
                                enum=[
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
                                ],
                            ),
                            "name": text("The law's name as the text gives it."),
                            "evidence": EV,
                        },
                        ["law"],
                    ),
                ),
                "source_text": text(
                    "Path of the plain-text policy this document encodes, relative to the repository root.",
                    examples=["seeds/002_26cb40655864ed70.txt"],
                ),
                "evidence": EV,
            },
        ),
        "controller": obj(
            "Controller",
            "The organisation responsible for the processing (GDPR controller, PIPEDA organisation).",
            {
                "legal_name": text("Registered legal name.", examples=["CVDM SOLUTIONS"]),
                "other_names": arr("Trading names, brands, app names the text uses.", {"type": "string"}),
                "registration_numbers": arr(
                    "Company registration numbers.",
                    obj(
                        "RegistrationNumber",
                        "A registration number.",
                        {
                            "scheme": text("Register, e.g. SIREN, UK Companies House."),
                            "value": text("Number."),
                            "evidence": EV,
                        },
                        ["value"],
                    ),
                ),
                "postal_address": ref("postal_address", "Postal address of the controller."),
                "country": ref("country", "Country where the controller is established."),
                "website": ref("url", "The controller's website."),
                "channels": ref("channels", "How to contact the controller."),
                "evidence": EV,
            },
        ),
        "contacts": arr(
            "People or functions to contact, other than the controller's general channels.",
            obj(
                "Contact",
                "A contact point.",
                {
                    "id": ref("id", "Identifier used by rights[].exercise_via."),
                    "role": text(
                        "What this contact is for.",
                        enum=[
                            "data_protection_officer",
                            "privacy_officer",
                            "accountable_person",
                            "representative",
                            "rights_requests",
                            "general",
                            "complaints",
                        ],
                    ),
                    "name": text("Name of the person or function."),
                    "title": text("Job title or function name as the text gives it."),
                    "channels": ref("channels", "How to reach this contact."),
                    "evidence": EV,
                },
                ["id", "role"],
            ),
        ),
        "data_subjects": arr(
            "Categories of people whose data is processed.",
            obj(
                "DataSubject",
                "A category of data subject.",
                {
                    "id": ref("id", "Identifier."),
                    "label": text("Name as the text gives it.", examples=["Clients"]),
                    "dpv_term": text(
                        "DPV data-subject term.", enum=[t["id"] for t in v["data_subjects"]], examples=["dpv:Customer"]
                    ),
                    "evidence": EV,
                },
                ["id"],
            ),
        ),
        "data_categories": arr(
            "Categories of personal data processed.",
            obj(
                "DataCategory",
                "A category of personal data.",
                {
                    "id": ref("id", "Identifier, referenced by purposes, recipients, retention and transfers."),
                    "label": text("Name as the text gives it.", examples=["email address"]),
                    "dpv_term": text(
                        "DPV personal-data term (pd: or dpv: namespace).",
                        enum=[t["id"] for t in v["personal_data"]],
                        examples=["pd:EmailAddress"],
                    ),
                    "special_category": s(
                        "True for special-category (GDPR Art. 9) or otherwise sensitive data.", type="boolean"
                    ),
                    "sources": arr(
                        "Where the data comes from.",
                        text(
                            "A source.",
                            enum=["data_subject", "observed", "third_party", "derived", "publicly_available"],
                        ),
                        uniqueItems=True,
                    ),
                    "requirement": text(
                        "Whether providing it is mandatory.", enum=["mandatory", "optional", "not_stated"]
                    ),
                    "data_subjects": ids("Data subjects (by id) this data is about.", to="data_subjects"),
                    "evidence": EV,
                },
                ["id"],
            ),
        ),
        "purposes": arr(
            "Purposes of processing.",
            obj(
                "Purpose",
                "A purpose of processing.",
                {
                    "id": ref("id", "Identifier."),
                    "description": text("The purpose in the policy's words."),
                    "dpv_term": text(
                        "DPV purpose term.", enum=[t["id"] for t in v["purposes"]], examples=["dpv:ServiceProvision"]
                    ),
                    "data_categories": ids("Data categories (by id) used for this purpose.", to="data_categories"),
                    "legal_bases": arr("Legal bases relied on.", {"$ref": "#/$defs/legal_basis"}),
                    "legitimate_interest": text(
                        "The legitimate interest pursued, when a legitimate-interest basis is used "
                        "(GDPR Art. 13(1)(d))."
                    ),
                    "evidence": EV,
                },
                ["id"],
            ),
        ),
        "recipients": arr(
            "Processors and other recipients the data is disclosed to.",
            obj(
                "Recipient",
                "A recipient or category of recipients.",
                {
                    "id": ref("id", "Identifier."),
                    "role": text(
                        "Role of the recipient.",
                        enum=[
                            "processor",
                            "sub_processor",
                            "independent_controller",
                            "joint_controller",
                            "third_party",
                            "public_authority",
                            "group_company",
                            "not_stated",
                        ],
                    ),
                    "name": text("Name, if the text names the recipient.", examples=["PayPal"]),
                    "category": text("Category, if the text only describes it.", examples=["payment providers"]),
                    "purposes": ids("Purposes (by id) for which data is disclosed.", to="purposes"),
                    "data_categories": ids("Data categories (by id) disclosed.", to="data_categories"),
                    "country": ref("country", "Where the recipient is established."),
                    "channels": ref("channels", "Contact channels the text gives for the recipient."),
                    "evidence": EV,
                },
                ["id", "role"],
            ),
        ),
        "retention": arr(
            "How long data is kept. Give one of duration, until, criteria, as_long_as_necessary or not_stated.",
            obj(
                "Retention",
                "A retention statement for some data categories or purposes (all data if neither is given).",
                {
                    "id": ref("id", "Identifier."),
                    "data_categories": ids("Data categories (by id) this applies to.", to="data_categories"),
                    "purposes": ids("Purposes (by id) this applies to.", to="purposes"),
                    "duration": text(
                        "An ISO 8601 duration such as P6M (six months) or P3Y (three years).",
                        pattern=r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$",
                        examples=["P6M", "P3Y"],
                    ),
                    "starts": text("Event from which the duration runs.", examples=["payment"]),
                    "until": text("Event until which the data is kept.", examples=["account closure"]),
                    "criteria": text("Criteria used to decide the period, in words."),
                    "as_long_as_necessary": s(
                        "True when the text says only 'as long as necessary' or similar.", type="boolean"
                    ),
                    "not_stated": s("True when the text explicitly gives no period for this data.", type="boolean"),
                    "end_action": text(
                        "What happens at the end of the period.",
                        enum=["deletion", "anonymisation", "archiving", "not_stated"],
                    ),
                    "evidence": EV,
                },
            ),
        ),
        "transfers": arr(
            "Transfers of data to other countries.",
            obj(
                "Transfer",
                "A transfer to one or more destinations.",
                {
                    "id": ref("id", "Identifier."),
                    "countries": arr("Destination countries.", {"$ref": "#/$defs/country"}, uniqueItems=True),
                    "regions": arr(
                        "Destination regions when no country is named.",
                        text("A region.", enum=["EEA", "EU", "outside_eea", "outside_home_country", "worldwide"]),
                        uniqueItems=True,
                    ),
                    "mechanisms": arr(
                        "Safeguards or legal mechanisms relied on (GDPR Ch. V).",
                        text(
                            "A mechanism.",
                            enum=[
                                "adequacy_decision",
                                "standard_contractual_clauses",
                                "binding_corporate_rules",
                                "derogation",
                                "other_safeguards",
                                "none_stated",
                            ],
                        ),
                        uniqueItems=True,
                    ),
                    "dpv_terms": arr("DPV transfer terms.", text("Term.", enum=[t["id"] for t in v["transfer_terms"]])),
                    "recipients": ids("Recipients (by id) concerned.", to="recipients"),
                    "data_categories": ids("Data categories (by id) concerned.", to="data_categories"),
                    "evidence": EV,
                },
            ),
        ),
        "rights": arr(
            "Rights the policy tells people they have.",
            obj(
                "Right",
                "A right and how to exercise it.",
                {
                    "right": text("Which right.", enum=list(RIGHTS)),
                    "description": text("The right in the policy's words."),
                    "exercise_via": arr(
                        "Contacts (by id) or 'controller' for the controller's channels.",
                        text("A contact id or 'controller'.", pattern="^[a-z][a-z0-9_-]{0,63}$"),
                        uniqueItems=True,
                        **{META + "ref": "contacts"},
                    ),
                    "conditions": arr("Conditions, such as proof of identity.", {"type": "string"}),
                    "authority": obj(
                        "Authority",
                        "The supervisory authority named for a complaint.",
                        {
                            "name": text("Name.", examples=["CNIL"]),
                            "country": ref("country", "Country."),
                            "url": ref("url", "Website."),
                            "evidence": EV,
                        },
                    ),
                    "evidence": EV,
                },
                ["right"],
            ),
        ),
        "security": obj(
            "Security",
            "Security measures the policy describes.",
            {
                "measures": arr(
                    "Measures.",
                    obj(
                        "Measure",
                        "A measure.",
                        {
                            "description": text("The measure in words."),
                            "dpv_term": text("DPV measure term.", enum=[t["id"] for t in v["measures"]]),
                            "evidence": EV,
                        },
                        ["description"],
                    ),
                ),
                "evidence": EV,
            },
        ),
        "cookies": obj(
            "Cookies",
            "Cookies and similar trackers.",
            {
                "used": text("Whether the policy says cookies or trackers are used.", enum=["yes", "no", "not_stated"]),
                "trackers": arr(
                    "Trackers described.",
                    obj(
                        "Tracker",
                        "A cookie or similar technology.",
                        {
                            "kind": text(
                                "Technology.",
                                enum=["cookie", "local_storage", "web_beacon", "sdk", "device_information", "other"],
                            ),
                            "party": text("Who sets it.", enum=["first", "third", "not_stated"]),
                            "category": text(
                                "Category.",
                                enum=[
                                    "strictly_necessary",
                                    "functional",
                                    "analytics",
                                    "advertising",
                                    "social_media",
                                    "other",
                                ],
                            ),
                            "description": text("What it does, in words."),
                            "evidence": EV,
                        },
                        ["kind"],
                    ),
                ),
                "controls": text("How people accept or refuse trackers."),
                "evidence": EV,
            },
        ),
        "children": obj(
            "Children",
            "What the policy says about children.",
            {
                "minimum_age": s("Minimum age the service is directed at.", type="integer", minimum=0, maximum=25),
                "description": text("The statement in words."),
                "evidence": EV,
            },
        ),
        "automated_decision_making": obj(
            "AutomatedDecisionMaking",
            "Automated decision-making, including profiling (GDPR Art. 22).",
            {
                "status": text("Whether it is used.", enum=["yes", "no", "not_stated"]),
                "description": text("Logic involved and consequences, in words."),
                "evidence": EV,
            },
            ["status"],
        ),
        "policy_changes": obj(
            "PolicyChanges",
            "How changes to the policy are announced.",
            {
                "channels": arr(
                    "Channels.", text("A channel.", enum=["website", "email", "in_app", "other"]), uniqueItems=True
                ),
                "description": text("The statement in words."),
                "evidence": EV,
            },
        ),
    }
    for key, title in TITLES.items():
        props[key] = titled(title, props[key])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "policyval privacy policy, schema 1.0",
        "description": "A privacy policy as data. Shape only: completeness is checked by policyval's rules.",
        "$comment": DPV_NOTICE,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version"],
        "properties": props,
        "$defs": defs,
        "examples": [
            {
                "schema_version": "1.0",
                "policy": {"title": "Privacy Policy", "jurisdictions": ["FR"], "applicable_laws": [{"law": "eu-gdpr"}]},
                "controller": {"legal_name": "Example SAS", "channels": [{"type": "email", "value": "dpo@example.fr"}]},
            }
        ],
        META + "name": "Policy",
    }
