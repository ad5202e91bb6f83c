"""Schema 1.1, as a table: 1.0's table plus what real privacy policies say (issue 11).

A minor, additive version: every valid 1.0 document, with ``schema_version: "1.1"``, is valid
here (tests/test_schema_compat.py). ``build`` takes 1.0's table as it is and

1. adds new optional properties to 1.0's objects and new top-level sections (``ADDITIONS``),
   new objects written inline as 1.0 writes its own;
2. makes every object a titled ``$defs`` entry, referenced by a bare ``$ref``
   (``restructure.named_types``, ``restructure.bare_refs``), so code generators name the types;
3. replaces 1.0's ``enum`` lists by labelled lists with the same values first
   (``restructure.label``, labels in ``schemagen.labels``).

Nothing is removed, renamed, narrowed or made required. Where a 1.0 field could not hold what
the texts say, a new field stands beside it (``mechanisms`` / ``safeguards``, ``end_action`` /
``end_actions``, ``exercise_via`` / ``channels``, ``controller`` / ``controllers``, ``url`` /
``url_as_written``): a field keeps its name, type and meaning (docs/schema-compatibility.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemagen import labels, restructure, v1_0
from schemagen.dsl import META, arr, ids, listof, obj, one_id, ref, s, text, titled, use

VERSION = "1.1"
SCHEMA_ID = "https://policyval.dev/schema/policy-1.1.schema.json"

DURATION = r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$"
# An http(s) URL, or a host name (with an optional path) printed without a scheme.
WEB_ADDRESS = (
    r"^(https?://\S+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?:[/?#]\S*)?)$"
)
VIA = "^[a-z][a-z0-9_-]{0,63}$"  # a contact id or 'controller', as in 1.0's rights[].exercise_via

EV = use("evidence")

# Where each 1.0 enum stands (definition, property) and the labelled list that replaces it.
SITES = [
    ("channel", "type", "channel_type"),
    ("legal_basis", "basis", "legal_basis_term"),
    ("legal_basis", "consent_type", "consent_type"),
    ("applicable_law", "law", "law"),
    ("contact", "role", "contact_role"),
    ("data_subject", "dpv_term", "data_subject_term"),
    ("data_category", "dpv_term", "personal_data_term"),
    ("data_category", "sources[]", "data_source_kind"),
    ("data_category", "requirement", "requirement"),
    ("purpose", "dpv_term", "purpose_term"),
    ("recipient", "role", "recipient_role"),
    ("retention", "end_action", "end_action"),
    ("transfer", "regions[]", "transfer_region"),
    ("transfer", "mechanisms[]", "transfer_mechanism"),
    ("transfer", "dpv_terms[]", "transfer_term"),
    ("right", "right", "right_kind"),
    ("measure", "dpv_term", "measure_term"),
    ("cookies", "used", "tri_state"),
    ("tracker", "kind", "tracker_kind"),
    ("tracker", "party", "tracker_party"),
    ("tracker", "category", "tracker_category"),
    ("automated_decision_making", "status", "tri_state"),
    ("policy_changes", "channels[]", "change_channel"),
]


# --- the new objects (written inline; named_types makes each a titled definition) -------------


def web(description: str, example: str) -> dict[str, Any]:
    return ref("web_address", description, examples=[example])


def via(description: str) -> dict[str, Any]:
    return {
        **arr(description, text("A contact id or 'controller'.", pattern=VIA), uniqueItems=True, examples=[["dpo"]]),
        META + "ref": "contacts",
    }


def strings(description: str, example: list[str]) -> dict[str, Any]:
    return arr(description, {"type": "string"}, examples=[example])


def places(description: str, example: list[str]) -> dict[str, Any]:
    return arr(description, {"$ref": "#/$defs/jurisdiction"}, uniqueItems=True, examples=[example])


def values(description: str, of: str, one: str, example: list[str]) -> dict[str, Any]:
    """A list of values of the labelled list ``of``; ``one`` describes an item."""
    return arr(description, ref(of, one), uniqueItems=True, examples=[example])


def statement() -> dict[str, Any]:
    return obj(
        "Statement",
        "Something the text says, in words, with its quotes.",
        {"description": text("The statement in words.", examples=["some features will not work"]), "evidence": EV},
        examples=[{"description": "some features will not work", "evidence": ["some features may not work"]}],
    )


def organisation() -> dict[str, Any]:
    return obj(
        "Organisation",
        "An organisation other than a controller, e.g. the external provider of a data protection officer.",
        {
            "legal_name": text("Registered legal name.", examples=["Example Privacy Services GmbH"]),
            "other_names": strings("Trading names or brands the text uses.", ["SoPro"]),
            "registration_numbers": listof(
                "registration_number",
                "Registration numbers of the organisation.",
                examples=[[{"scheme": "UK Companies House", "value": "09648733"}]],
            ),
            "postal_address": use("postal_address"),
            "country": ref("country", "Country where the organisation is established.", examples=["DE"]),
            "website": ref("url", "The organisation's website, as an http(s) URL.", examples=["https://example.com"]),
            "website_as_written": web("The website exactly as printed, when printed without a scheme.", "sopro.io"),
            "channels": listof(
                "channel",
                "How to reach the organisation.",
                examples=[[{"type": "email", "value": "dpo@example.com"}]],
            ),
            "evidence": EV,
        },
        examples=[{"legal_name": "Example Privacy Services GmbH", "country": "DE"}],
    )


def identity_verification() -> dict[str, Any]:
    return obj(
        "IdentityVerification",
        "Whether and how the person's identity is verified before a request is acted on.",
        {
            "status": ref("tri_state", "Whether identity is verified.", examples=["yes"]),
            "method": text("How, in the text's words.", examples=["proof of identity"]),
            "evidence": EV,
        },
        examples=[{"status": "yes", "method": "proof of identity"}],
    )


def authorised_agents() -> dict[str, Any]:
    return obj(
        "AuthorisedAgents",
        "Whether an authorised agent may make requests for the person (e.g. 11 CCR 7063 under the CCPA).",
        {
            "status": ref("tri_state", "Whether agents are accepted.", examples=["yes"]),
            "requirements": text("What an agent must provide.", examples=["signed permission from the consumer"]),
            "evidence": EV,
        },
        examples=[{"status": "yes", "requirements": "signed permission"}],
    )


def response_time() -> dict[str, Any]:
    return obj(
        "ResponseTime",
        "How long the organisation takes to answer a request.",
        {
            "duration": ref("duration", "The period, when the text gives one.", examples=["P45D"]),
            "extension": ref("duration", "A further period the text allows.", examples=["P45D"]),
            "starts": text("Event from which the period runs.", examples=["receipt of the request"]),
            "description": text(
                "The response time in the text's words.", examples=["within the timeframe required by applicable law"]
            ),
            "evidence": EV,
        },
        examples=[{"duration": "P1M", "starts": "receipt of the request"}],
    )


def request_channels(description: str) -> dict[str, Any]:
    return listof(
        "channel", description, examples=[[{"type": "in_product_setting", "description": "Settings > Privacy"}]]
    )


def sale_or_sharing() -> dict[str, Any]:
    return obj(
        "SaleOrSharing",
        "Whether a data category is sold, or shared for cross-context behavioural advertising "
        "(CCPA 1798.140(ad), (ah)), and to whom. 'status: no' is a statement of absence.",
        {
            "status": ref("tri_state", "Whether it is sold (or shared).", examples=["no"]),
            "third_party_categories": strings(
                "Categories of third parties it is sold or shared to, in the text's words.", ["advertising networks"]
            ),
            "recipients": ids(
                "Recipients (by id) it is sold or shared to.", to="recipients", examples=[["ad-network"]]
            ),
            "period": text(
                "The period the statement covers, in the text's words.", examples=["in the preceding 12 months"]
            ),
            "description": text("The statement in words.", examples=["we do not sell personal information"]),
            "evidence": EV,
        },
        examples=[{"status": "yes", "third_party_categories": ["advertising networks"]}],
    )


def provision_obligation() -> dict[str, Any]:
    return obj(
        "ProvisionObligation",
        "Why providing the data is required, and what follows from not providing it (GDPR Art. 13(2)(e)).",
        {
            "requirement_basis": values("Why it is required.", "requirement_basis", "A reason.", ["contract_entry"]),
            "consequences": text(
                "Consequences of not providing it, in the text's words.", examples=["we cannot process your order"]
            ),
            "description": text("The statement in words.", examples=["required to create an account"]),
            "evidence": EV,
        },
        examples=[{"requirement_basis": ["contract_entry"], "consequences": "we cannot process your order"}],
    )


def data_source() -> dict[str, Any]:
    return obj(
        "DataSource",
        "A source of data the person did not provide (GDPR Art. 14(2)(f)).",
        {
            "source": ref("data_source_kind", "Kind of source.", examples=["third_party"]),
            "name": text("Name of the source, if given.", examples=["Experian"]),
            "category": text("Category of source, if only described.", examples=["credit reporting agencies"]),
            "publicly_accessible": s(
                "True when the text says the source is publicly accessible.", type="boolean", examples=[True]
            ),
            "description": text("The source in words.", examples=["from social media platforms"]),
            "evidence": EV,
        },
        ["source"],
        examples=[{"source": "third_party", "category": "credit reporting agencies"}],
    )


def non_disclosure() -> dict[str, Any]:
    return obj(
        "NonDisclosure",
        "Data the text says is not disclosed to a recipient (a statement of absence).",
        {
            "data_categories": ids(
                "Data categories (by id) not disclosed.", to="data_categories", examples=[["email"]]
            ),
            "description": text(
                "What is not disclosed, in the text's words.",
                examples=["your contact information (eg your phone number or email address)"],
            ),
            "evidence": EV,
        },
        examples=[
            {"description": "your contact information", "evidence": ["We do not share your contact information"]}
        ],
    )


def recipient_obligation() -> dict[str, Any]:
    return obj(
        "RecipientObligation",
        "An obligation the controller says it imposes on a recipient (typically a processor).",
        {
            "obligation": ref("obligation_kind", "Kind of obligation.", examples=["no_own_use"]),
            "description": text("The obligation in words.", examples=["may not use the data for their own purposes"]),
            "evidence": EV,
        },
        ["obligation"],
        examples=[{"obligation": "no_own_use", "evidence": ["We do not authorise them to use your data"]}],
    )


def transfer_safeguard() -> dict[str, Any]:
    copy = obj(
        "SafeguardCopy",
        "How to obtain a copy of the safeguards, or where they are available (GDPR Art. 13(1)(f)).",
        {
            "exercise_via": via("Contacts (by id) or 'controller' to ask."),
            "channels": listof(
                "channel",
                "Channels to ask for or see a copy.",
                examples=[[{"type": "email", "value": "privacy@example.com"}]],
            ),
            "url": web("Where the safeguards are published.", "https://commission.europa.eu/scc"),
            "description": text("How, in the text's words.", examples=["a copy can be obtained by contacting us"]),
            "evidence": EV,
        },
        examples=[{"exercise_via": ["dpo"], "description": "a copy can be obtained by contacting us"}],
    )
    return obj(
        "TransferSafeguard",
        "A transfer mechanism, naming the instrument where the text does (1.0's 'mechanisms' list stays valid "
        "beside it).",
        {
            "mechanism": ref("transfer_mechanism", "Kind of mechanism.", examples=["standard_contractual_clauses"]),
            "instrument": ref("transfer_instrument", "The named instrument.", examples=["eu_scc_2021"]),
            "name": text("The instrument as the text names it.", examples=["EU-U.S. Data Privacy Framework"]),
            "dpv_term": ref("transfer_term", "DPV transfer term.", examples=["eu-gdpr:SCCByCommission"]),
            "obtain_copy": copy,
            "description": text(
                "The safeguard in words.", examples=["other mechanisms recognised under applicable data protection law"]
            ),
            "evidence": EV,
        },
        ["mechanism"],
        examples=[
            {"mechanism": "adequacy_decision", "instrument": "eu_us_dpf", "name": "EU-U.S. Data Privacy Framework"}
        ],
    )


def tracker_lifetime() -> dict[str, Any]:
    return obj(
        "TrackerLifetime",
        "How long a tracker lasts.",
        {
            "kind": ref("lifetime_kind", "Session or persistent.", examples=["session"]),
            "duration": ref("duration", "How long, when the text gives it.", examples=["P13M"]),
            "description": text(
                "The lifetime in the text's words.", examples=["Once your browser is closed, the cookie is deactivated"]
            ),
            "evidence": EV,
        },
        examples=[{"kind": "persistent", "duration": "P13M"}],
    )


def opt_out_link() -> dict[str, Any]:
    return obj(
        "OptOutLink",
        "A link the text offers to opt out ('Do Not Sell or Share My Personal Information', a cookie "
        "deactivation link). 'url' is left out when the text gives none (a blank in the text).",
        {
            "id": ref("id", "Identifier, referenced by cookies and trackers.", examples=["do-not-sell"]),
            "kind": ref("opt_out_link_kind", "What the link is for.", examples=["do_not_sell_or_share"]),
            "text": text(
                "The link's text exactly as printed.", examples=["Do Not Sell or Share My Personal Information"]
            ),
            "url": web("The link's address as printed.", "https://example.com/do-not-sell"),
            "description": text(
                "What the text says about the link.", examples=["the link is in the footer of every page"]
            ),
            "evidence": EV,
        },
        ["kind"],
        examples=[
            {
                "id": "do-not-sell",
                "kind": "do_not_sell_or_share",
                "text": "Do Not Sell or Share My Personal Information",
            }
        ],
    )


def notice_at_collection() -> dict[str, Any]:
    return obj(
        "NoticeAtCollection",
        "A notice given at or before the point of collection (CCPA 1798.100(a), 11 CCR 7012).",
        {
            "status": ref("tri_state", "Whether the text says such a notice is given.", examples=["yes"]),
            "where": text("Where or how it is given, in the text's words.", examples=["on the sign-up form"]),
            "url": web("Where it is published.", "https://example.com/notice-at-collection"),
            "data_categories": ids("Data categories (by id) it covers.", to="data_categories", examples=[["email"]]),
            "description": text(
                "The statement in words.", examples=["we will make this clear at the time of collection"]
            ),
            "evidence": EV,
        },
        examples=[{"status": "yes", "where": "on the sign-up form"}],
    )


def opt_out_signal() -> dict[str, Any]:
    return obj(
        "OptOutSignal",
        "A browser or device privacy signal, and whether the organisation honours it ('honoured: no' is a "
        "statement of absence).",
        {
            "signal": ref("signal_kind", "Which signal.", examples=["gpc"]),
            "honoured": ref("tri_state", "Whether the text says the signal is honoured.", examples=["yes"]),
            "effect": text(
                "What honouring it does, in the text's words.",
                examples=["treated as a request to opt out of sale or sharing"],
            ),
            "description": text(
                "What the text says about the signal.",
                examples=["you can set your browser to send a Do Not Track code"],
            ),
            "evidence": EV,
        },
        ["signal"],
        examples=[{"signal": "gpc", "honoured": "yes"}],
    )


def related_document() -> dict[str, Any]:
    return obj(
        "RelatedDocument",
        "A document the policy incorporates or refers to (a cookie policy, product policies, another "
        "organisation's policy).",
        {
            "id": ref("id", "Identifier, referenced by cookies.documents.", examples=["cookie-policy"]),
            "kind": ref("document_kind", "Kind of document.", examples=["cookie_policy"]),
            "relation": ref("document_relation", "How it stands to this policy.", examples=["incorporated"]),
            "title": text("Title as the text gives it.", examples=["Cookie Policy"]),
            "url": web("Its address as printed.", "https://example.com/cookies"),
            "description": text(
                "What the text says about it.", examples=["some of our products have their own privacy policies"]
            ),
            "evidence": EV,
        },
        ["kind"],
        examples=[
            {"id": "cookie-policy", "kind": "cookie_policy", "relation": "incorporated", "title": "Cookie Policy"}
        ],
    )


def absence() -> dict[str, Any]:
    return obj(
        "Absence",
        "Something the text explicitly says is not done or does not exist ('we do not sell personal "
        "information', 'we have not appointed a DPO'), told apart from silence. Where a section has its own "
        "field for it, that field says it (automated_decision_making.status: no; cookies.used: no; "
        "policy_changes.notification: no; data_categories[].sale.status: no).",
        {
            "id": ref("id", "Identifier.", examples=["no-sale"]),
            "topic": ref("absence_topic", "What is absent.", examples=["sale"]),
            "data_categories": ids(
                "Data categories (by id) concerned; none means all data.", to="data_categories", examples=[["email"]]
            ),
            "recipients": ids("Recipients (by id) concerned.", to="recipients", examples=[["advertisers"]]),
            "purposes": ids("Purposes (by id) concerned.", to="purposes", examples=[["newsletter"]]),
            "description": text(
                "The statement in the text's words.", examples=["We do not sell, rent, or trade personal information"]
            ),
            "evidence": EV,
        },
        ["topic"],
        examples=[{"topic": "sale", "evidence": ["We do not sell personal information."]}],
    )


def claim() -> dict[str, Any]:
    return obj(
        "Claim",
        "A factual claim the text makes about the data, which rules can test against the rest of the "
        "document ('our databases are anonymized' while the document lists e-mail addresses).",
        {
            "id": ref("id", "Identifier.", examples=["anonymised-databases"]),
            "claim": ref("claim_kind", "What the claim asserts.", examples=["anonymised"]),
            "data_categories": ids(
                "Data categories (by id) the claim is about; none means all data.",
                to="data_categories",
                examples=[["email"]],
            ),
            "jurisdictions": places("For 'stored_in': where the data is said to be stored.", ["EU"]),
            "description": text("The claim in the text's words.", examples=["our databases are anonymized"]),
            "evidence": EV,
        },
        ["claim"],
        examples=[{"claim": "anonymised", "description": "our databases are anonymized"}],
    )


def policy_scope() -> dict[str, Any]:
    exclusion = obj(
        "ScopeExclusion",
        "Something the text says the policy does not cover.",
        {
            "data_categories": ids(
                "Data categories (by id) excluded.", to="data_categories", examples=[["business-contact"]]
            ),
            "description": text("The exclusion in the text's words.", examples=["business contact information"]),
            "evidence": EV,
        },
        examples=[{"description": "data collected by sites not related to us"}],
    )
    return obj(
        "PolicyScope",
        "What the policy applies to, and what it excludes.",
        {
            "applies_to": strings(
                "Sites, services, products or activities covered, in the text's words.", ["the Website"]
            ),
            "data_subjects": ids("Data subjects (by id) covered.", to="data_subjects", examples=[["customers"]]),
            "jurisdictions": places("Jurisdictions where the covered people live, when the text limits it.", ["US-CA"]),
            "exclusions": arr(
                "What the policy does not cover.",
                exclusion,
                examples=[[{"description": "sites with their own privacy statement"}]],
            ),
            "description": text("The scope in words.", examples=["applies to all personal information we collect"]),
            "evidence": EV,
        },
        examples=[
            {"applies_to": ["the Website"], "exclusions": [{"description": "sites with their own privacy statement"}]}
        ],
    )


def ignored_text() -> dict[str, Any]:
    return obj(
        "IgnoredText",
        "A sentence of the source text that says nothing about the processing (a heading, boilerplate), "
        "marked so that a coverage report does not count it as left out of the encoding.",
        {
            "text": text(
                "The sentence as it stands in the source text (whitespace is normalised when it is compared).",
                minLength=1,
                examples=["Privacy Policy"],
            ),
            "reason": text(
                "Why it carries no information, in a few words.",
                minLength=1,
                examples=["heading", "boilerplate"],
            ),
            "evidence": EV,
        },
        ["text", "reason"],
        examples=[{"text": "Privacy Policy", "reason": "heading"}],
    )


def controller_scope() -> dict[str, Any]:
    return obj(
        "ControllerScope",
        "What a controller is the controller for: services, regions where the people live, data subjects, purposes.",
        {
            "services": strings("Services, sites or products, in the text's words.", ["Facebook", "Messenger"]),
            "regions": places("Regions of residence of the people concerned, as jurisdiction codes.", ["EEA", "CH"]),
            "regions_as_written": text("The regions as the text words them.", examples=["the Designated Countries"]),
            "data_subjects": ids("Data subjects (by id) concerned.", to="data_subjects", examples=[["customers"]]),
            "purposes": ids("Purposes (by id) concerned.", to="purposes", examples=[["order-fulfilment"]]),
            "description": text("The scope in words.", examples=["If you reside in the Designated Countries"]),
            "evidence": EV,
        },
        examples=[
            {
                "regions": ["EEA"],
                "regions_as_written": "the Designated Countries",
                "evidence": ["If you reside in the Designated Countries"],
            }
        ],
    )


def corporate_group() -> dict[str, Any]:
    return obj(
        "CorporateGroup",
        "A group of companies that issues the policy together.",
        {
            "name": text("Name of the group as the text gives it.", examples=["the Example Group"]),
            "members": ids(
                "Controllers (by id, in 'controller' and 'controllers') that belong to the group.",
                to="controllers",
                examples=[["example-inc", "example-gmbh"]],
            ),
            "description": text("The group in words.", examples=["Example Inc. and its affiliates"]),
            "evidence": EV,
        },
        examples=[{"name": "the Example Group", "members": ["example-inc", "example-gmbh"]}],
    )


def policy_legal_basis() -> dict[str, Any]:
    return obj(
        "PolicyLegalBasis",
        "A legal basis the text states at policy level. 'unmapped: true' records that the text does not say "
        "which purposes it covers; 'purposes' lists them when it does.",
        {
            "id": ref("id", "Identifier.", examples=["contract"]),
            "basis": ref("legal_basis_term", "DPV identifier of the basis.", examples=["eu-gdpr:A6-1-b"]),
            "consent_type": ref("consent_type", "For consent: how it is obtained.", examples=["express"]),
            "condition": text(
                "The condition under which the basis applies, in the text's words.",
                examples=["if your request is related to the execution of a contract"],
            ),
            "purposes": ids("Purposes (by id) the text ties this basis to.", to="purposes", examples=[["orders"]]),
            "data_categories": ids(
                "Data categories (by id) the text ties this basis to.", to="data_categories", examples=[["email"]]
            ),
            "unmapped": s(
                "True when the text gives the basis without tying it to any purpose.", type="boolean", examples=[True]
            ),
            "legitimate_interest": text(
                "The legitimate interest pursued, when the basis is a legitimate interest (GDPR Art. 13(1)(d)).",
                examples=["fraud prevention"],
            ),
            "description": text("The basis in the policy's own words.", examples=["(1) the performance of a contract"]),
            "evidence": EV,
        },
        ["basis"],
        examples=[
            {"basis": "eu-gdpr:A6-1-b", "unmapped": True, "evidence": ["our use of your information is based on"]}
        ],
    )


def rights_requests() -> dict[str, Any]:
    return obj(
        "RightsRequests",
        "How requests to exercise rights are made and handled, for every right unless a right says otherwise.",
        {
            "exercise_via": via("Contacts (by id) or 'controller' for the controller's channels."),
            "channels": request_channels("Channels for requests: a form, a URL, an in-product setting."),
            "identity_verification": identity_verification(),
            "authorised_agents": authorised_agents(),
            "response_time": response_time(),
            "description": text("The procedure in words.", examples=["requests are answered within one month"]),
            "evidence": EV,
        },
        examples=[{"exercise_via": ["dpo"], "identity_verification": {"status": "yes"}}],
    )


def tracker_properties() -> dict[str, Any]:
    return {
        "id": ref("id", "Identifier.", examples=["ga"]),
        "name": text("Name of the cookie or tool, or of the group, as the text gives it.", examples=["_ga"]),
        "provider": text("Who provides or sets it, as the text names it.", examples=["Google Analytics"]),
        "recipients": ids(
            "Recipients (by id) that receive data through it.", to="recipients", examples=[["analytics-provider"]]
        ),
        "purposes": ids("Purposes (by id) it serves.", to="purposes", examples=[["audience-measurement"]]),
        "data_categories": ids("Data categories (by id) it collects.", to="data_categories", examples=[["browsing"]]),
        "lifetime": tracker_lifetime(),
        "essential": ref("tri_state", "Whether the text says it is essential (strictly necessary).", examples=["no"]),
        "consent_models": values(
            "How consent is obtained for it; several when the text gives several.",
            "consent_model",
            "A consent model.",
            ["browser_settings", "opt_out_link"],
        ),
        "opt_out_link": one_id(
            "The opt-out link (id in 'opt_out_links') for it.", to="opt_out_links", examples=["ad-deactivation"]
        ),
        "tracks_before_interaction": s(
            "True when the text says it tracks people even if they do not use it (a social button that "
            "follows browsing).",
            type="boolean",
            examples=[True],
        ),
        "contexts": values(
            "Where it is used: pages, apps, e-mails (a tracking pixel in e-mails).",
            "tracker_context",
            "A context.",
            ["website", "email"],
        ),
    }


# --- where they go -------------------------------------------------------------------------------

# (owner, property, schema): owner is a dotted path in the document ("cookies.trackers[]",
# "rights[].authority"), "" for the document itself, or "$defs/<name>" for a 1.0 definition.
# New properties go before 'evidence', new sections after the section named by AFTER.
Addition = tuple[str, str, dict[str, Any]]


def additions(v: dict[str, Any]) -> list[Addition]:
    del v  # 1.1 adds no DPV vocabulary; the lists are labelled from the extract in build()
    return [
        # policy
        ("policy", "scope", policy_scope()),
        (
            "policy",
            "url_as_written",
            web(
                "Where the policy is published, exactly as printed, when printed without a scheme.",
                "www.example.com/privacy",
            ),
        ),
        (
            "policy",
            "ignored_text",
            arr(
                "Sentences of the source text that carry no information (headings, boilerplate), so that a "
                "coverage report does not count them as left out.",
                ignored_text(),
                examples=[[{"text": "Privacy Policy", "reason": "heading"}]],
            ),
        ),
        # controllers
        (
            "controller",
            "id",
            ref(
                "id",
                "Identifier, so that group members, scopes and contacts can name the controller.",
                examples=["example-ireland"],
            ),
        ),
        ("controller", "controller_for", controller_scope()),
        (
            "controller",
            "group_relation",
            ref("controller_relation", "Place of the controller in its group.", examples=["affiliate"]),
        ),
        (
            "controller",
            "website_as_written",
            web("The controller's website exactly as printed, when printed without a scheme.", "software.example.fr"),
        ),
        (
            "",
            "controllers",
            titled(
                "Controllers",
                listof(
                    "controller",
                    "Controllers, when the text names more than one (each with what it is the controller for). "
                    "A document with a single controller may keep using 'controller'; one may also hold the "
                    "principal controller there and the others here.",
                    examples=[
                        [
                            {
                                "id": "example-ireland",
                                "legal_name": "Example Ireland Ltd.",
                                "controller_for": {"regions": ["EEA"]},
                            }
                        ]
                    ],
                ),
            ),
        ),
        ("", "group", titled("Group of companies", corporate_group())),
        ("contacts[]", "provided_by", organisation()),
        (
            "contacts[]",
            "for_controllers",
            ids(
                "Controllers (by id) this contact serves, when there are several.",
                to="controllers",
                examples=[["example-inc"]],
            ),
        ),
        (
            "contacts[]",
            "registration_numbers",
            listof(
                "registration_number",
                "Registration numbers the text gives for this contact.",
                examples=[[{"scheme": "ICO", "value": "Z1234567"}]],
            ),
        ),
        ("contacts[]", "postal_address", use("postal_address")),
        (
            "recipients[]",
            "registration_numbers",
            listof(
                "registration_number",
                "Registration numbers the text gives for the recipient.",
                examples=[[{"scheme": "UK Companies House", "value": "09648733"}]],
            ),
        ),
        ("recipients[]", "postal_address", use("postal_address")),
        # legal bases
        (
            "$defs/legal_basis",
            "condition",
            text(
                "The condition under which the basis applies, in the text's words.",
                examples=["if your request is related to the execution of a contract"],
            ),
        ),
        (
            "",
            "legal_bases",
            titled(
                "Legal bases",
                arr(
                    "Legal bases the text states at policy level, not (or not only) under a purpose.",
                    policy_legal_basis(),
                    examples=[[{"basis": "eu-gdpr:A6-1-b", "unmapped": True}]],
                ),
            ),
        ),
        # rights
        (
            "rights[]",
            "channels",
            request_channels(
                "Channels for this right: a form, a URL, an in-product setting (besides the contacts in "
                "'exercise_via')."
            ),
        ),
        ("rights[]", "identity_verification", identity_verification()),
        ("rights[]", "authorised_agents", authorised_agents()),
        ("rights[]", "response_time", response_time()),
        (
            "rights[]",
            "jurisdictions",
            places("Residents of these jurisdictions hold the right, when the text limits it.", ["US-CA"]),
        ),
        (
            "rights[].authority",
            "url_as_written",
            web("The authority's website exactly as printed, when printed without a scheme.", "www.cnil.fr"),
        ),
        ("", "rights_requests", titled("Rights requests", rights_requests())),
        # US state-law notions, obligation and source
        (
            "data_categories[]",
            "ccpa_categories",
            values(
                "Statutory categories (Cal. Civ. Code 1798.140(v)) the text puts this data in.",
                "ccpa_category",
                "A category.",
                ["identifiers", "internet_activity"],
            ),
        ),
        (
            "data_categories[]",
            "sensitive_pi",
            s(
                "True when the text calls it sensitive personal information under a US state law (CCPA "
                "1798.140(ae), 'sensitive data'); false when it says it is not.",
                type="boolean",
                examples=[True],
            ),
        ),
        ("data_categories[]", "sale", sale_or_sharing()),
        ("data_categories[]", "sharing", sale_or_sharing()),
        ("data_categories[]", "obligation", provision_obligation()),
        (
            "data_categories[]",
            "source_details",
            arr(
                "Sources of the data, when the person did not provide it (GDPR Art. 14(2)(f)).",
                data_source(),
                examples=[[{"source": "third_party", "category": "credit reporting agencies"}]],
            ),
        ),
        ("purposes[]", "obligation", provision_obligation()),
        # recipients
        ("recipients[]", "not_disclosed", non_disclosure()),
        (
            "recipients[]",
            "obligations",
            arr(
                "Obligations the controller imposes on the recipient.",
                recipient_obligation(),
                examples=[[{"obligation": "no_own_use"}]],
            ),
        ),
        # retention
        (
            "retention[]",
            "end_actions",
            values(
                "What happens at the end of the period, every action the text names ('destroyed, erased or made"
                " anonymous'). 1.0's single 'end_action' stays valid.",
                "end_action",
                "An end action.",
                ["destruction", "deletion", "anonymisation"],
            ),
        ),
        (
            "retention[]",
            "applies_to",
            ref(
                "retention_scope",
                "What the statement applies to. Without it, 1.0's reading holds.",
                examples=["purposes"],
            ),
        ),
        (
            "retention[]",
            "period_text",
            text(
                "The period in the text's own words when it is neither a duration, an end event, criteria nor "
                "'as long as necessary' ('a reasonable period').",
                examples=["a reasonable period"],
            ),
        ),
        (
            "retention[]",
            "description",
            text("The statement in words.", examples=["kept in aggregated or anonymised form after the period"]),
        ),
        # transfers
        (
            "transfers[]",
            "safeguards",
            arr(
                "Mechanisms as objects that name the instrument.",
                transfer_safeguard(),
                examples=[[{"mechanism": "adequacy_decision", "instrument": "eu_us_dpf"}]],
            ),
        ),
        (
            "transfers[]",
            "destination_text",
            text(
                "The destination exactly as the text words it.",
                examples=["anywhere in the world where our facilities may be located"],
            ),
        ),
        # cookies and trackers
        *[("cookies.trackers[]", name, node) for name, node in tracker_properties().items()],
        (
            "cookies",
            "consent_models",
            values(
                "How consent to trackers is obtained, for the trackers as a whole.",
                "consent_model",
                "A consent model.",
                ["prior_opt_in"],
            ),
        ),
        (
            "cookies",
            "opt_out_links",
            ids(
                "Opt-out links (by id in 'opt_out_links') for trackers.",
                to="opt_out_links",
                examples=[["ad-deactivation"]],
            ),
        ),
        ("cookies", "refusal_consequences", statement()),
        (
            "cookies",
            "documents",
            ids(
                "Documents (by id in 'documents') about cookies, e.g. a cookie policy.",
                to="documents",
                examples=[["cookie-policy"]],
            ),
        ),
        (
            "",
            "opt_out_links",
            titled(
                "Opt-out links",
                arr(
                    "Opt-out links the text offers, with their exact text.",
                    opt_out_link(),
                    examples=[
                        [{"kind": "limit_sensitive", "text": "Limit the Use of My Sensitive Personal Information"}]
                    ],
                ),
            ),
        ),
        (
            "",
            "opt_out_signals",
            titled(
                "Opt-out signals",
                arr(
                    "Browser or device signals (Global Privacy Control, Do Not Track) and whether they are honoured.",
                    opt_out_signal(),
                    examples=[[{"signal": "gpc", "honoured": "yes"}]],
                ),
            ),
        ),
        # policy changes, and the new sections at the end
        (
            "policy_changes",
            "notification",
            ref(
                "tri_state",
                "Whether people are told of changes; 'no' when the text puts the burden on the reader ('it is "
                "your responsibility to consult this charter regularly').",
                examples=["no"],
            ),
        ),
        ("", "notice_at_collection", titled("Notice at collection", notice_at_collection())),
        (
            "",
            "documents",
            titled(
                "Related documents",
                arr(
                    "Documents the policy incorporates or refers to.",
                    related_document(),
                    examples=[[{"kind": "cookie_policy", "relation": "incorporated"}]],
                ),
            ),
        ),
        (
            "",
            "absences",
            titled(
                "Statements of absence",
                arr(
                    "Statements of absence: what the text says is not done.",
                    absence(),
                    examples=[[{"topic": "dpo", "description": "we have not appointed a DPO"}]],
                ),
            ),
        ),
        (
            "",
            "claims",
            titled(
                "Claims",
                arr("Claims about the data that rules can test.", claim(), examples=[[{"claim": "anonymised"}]]),
            ),
        ),
    ]


# A new section goes after this one (the others at the end, in the order above).
AFTER = {
    "controllers": "controller",
    "group": "controllers",
    "legal_bases": "purposes",
    "rights_requests": "rights",
    "opt_out_links": "cookies",
    "opt_out_signals": "opt_out_links",
}


def _owner(table: dict[str, Any], path: str) -> dict[str, Any]:
    if path.startswith("$defs/"):
        found: dict[str, Any] = table["$defs"][path.removeprefix("$defs/")]
        return found
    node = table
    for part in filter(None, path.split(".")):
        node = node["properties"][part.removesuffix("[]")]
        if part.endswith("[]"):
            node = node["items"]
    return node


def _insert(props: dict[str, Any], name: str, node: dict[str, Any], after: str | None) -> dict[str, Any]:
    """``props`` with ``name`` added: after ``after``, else before 'evidence', else at the end."""
    if name in props:
        raise ValueError(f"{name} is already a property")
    keys = list(props)
    at = keys.index(after) + 1 if after else keys.index("evidence") if "evidence" in keys else len(keys)
    return {**dict(list(props.items())[:at]), name: node, **dict(list(props.items())[at:])}


def _add(table: dict[str, Any], owner: str, name: str, node: dict[str, Any]) -> None:
    target = _owner(table, owner)
    target["properties"] = _insert(target["properties"], name, node, AFTER.get(name) if owner == "" else None)


def header(table: dict[str, Any]) -> dict[str, Any]:
    """The document-level keywords of 1.1 (the rest is 1.0's)."""
    return {
        **table,
        "$id": SCHEMA_ID,
        "title": "policyval privacy policy, schema 1.1",
        "description": "A privacy policy as data. Shape only: completeness is checked by policyval's rules. "
        'Schema 1.1 is a minor version of 1.0: every valid 1.0 document, with schema_version "1.1", is valid here.',
        "examples": [
            {
                "schema_version": "1.1",
                "policy": {
                    "title": "Privacy Policy",
                    "jurisdictions": ["US-CA"],
                    "applicable_laws": [{"law": "us-ccpa"}],
                },
                "controller": {
                    "legal_name": "Example Inc.",
                    "channels": [{"type": "email", "value": "privacy@example.com"}],
                },
                "opt_out_links": [
                    {
                        "id": "dns",
                        "kind": "do_not_sell_or_share",
                        "text": "Do Not Sell or Share My Personal Information",
                    }
                ],
                "opt_out_signals": [{"signal": "gpc", "honoured": "yes"}],
            }
        ],
    }


def new_definitions() -> dict[str, Any]:
    return {
        "web_address": text(
            "A web address exactly as the text prints it: an http(s) URL, or a host name with an optional path "
            "and no scheme (www.cnil.fr). Never add a scheme the text does not print. New 1.1 properties that "
            "hold a web address use this; the 1.0 'url' definition stays http(s) only.",
            pattern=WEB_ADDRESS,
            examples=["www.cnil.fr", "https://example.com/privacy"],
        ),
        "duration": text(
            "An ISO 8601 duration such as P45D (45 days) or P13M (13 months).",
            pattern=DURATION,
            examples=["P45D", "P13M"],
        ),
    }


def build(v: dict[str, Any], base: Callable[[dict[str, Any]], dict[str, Any]] = v1_0.build) -> dict[str, Any]:
    """Schema 1.1 with its generator metadata, from the DPV extract ``v``: 1.0's table plus additions."""
    table = base(v)
    table["properties"]["schema_version"] = text(
        "Version of the policyval schema this document follows.", const=VERSION, examples=[VERSION]
    )
    for owner, name, node in additions(v):
        _add(table, owner, name, node)
    table["$defs"].update(new_definitions())
    table = restructure.named_types(table)
    restructure.label(table, {**labels.LISTS, **labels.dpv_lists(v)}, SITES)
    return header(restructure.bare_refs(table))
