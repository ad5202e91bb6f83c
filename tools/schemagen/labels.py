"""The labels of every closed list of values, from schema 1.1 on.

A labelled list is a ``oneOf`` of ``{"const": value, "description": label}`` branches: standard
JSON Schema (ajv's strict mode accepts it, unlike ``enumDescriptions``), and the YAML language
server shows each label on completion and hover. 1.0's lists keep every value, in order, with
the same meaning; a label may say more (``erasure`` is also the US right to delete). Values new
in a version follow 1.0's.

``LISTS`` maps each labelled ``$defs`` entry to its description and its labels; the DPV lists
take DPV's own labels from the extract (``dpv_lists``).
"""

from __future__ import annotations

from typing import Any

from schemagen.v1_0 import RIGHTS

TRI = {
    "yes": "Yes: the text says so.",
    "no": "No: the text explicitly says not (a statement of absence, not silence).",
    "not_stated": "Not stated: the text raises the topic but does not say.",
}

CHANNEL_TYPE = {
    "email": "E-mail address.",
    "web_form": "Web form (contact or request form).",
    "phone": "Telephone number.",
    "postal": "Postal address to write to.",
    "website": "Website or web page; 'value' is the address as printed.",
    "in_app": "Inside an app (a message, form or screen of the app).",
    "fax": "Fax number.",
    "other": "Another channel; describe it in 'description'.",
    # 1.1
    "in_product_setting": "A setting in the product or the account (privacy settings, account settings).",
    "email_link": "A link in the messages sent to the person, e.g. the unsubscribe link at the bottom of each e-mail.",
    "browser_setting": (
        "A setting of the person's browser or device (cookie settings, Do Not Track, Global Privacy Control)."
    ),
    "in_person": "In person, at a shop, office or counter.",
}

CONSENT_TYPE = {
    "express": "Express consent: the person actively agrees (opt-in).",
    "implied": "Implied consent, inferred from the person's actions or the circumstances.",
    "opt_out": "Opt-out: the processing goes ahead unless the person declines.",
    "not_stated": "The text relies on consent without saying how it is obtained.",
}

LAW = {
    "eu-gdpr": "EU General Data Protection Regulation, Regulation (EU) 2016/679 (GDPR).",
    "eu-eprivacy": "EU ePrivacy Directive 2002/58/EC (cookies, electronic marketing), as transposed.",
    "fr-loi-78-17": "France: loi n° 78-17 du 6 janvier 1978, Informatique et Libertés.",
    "uk-gdpr": "UK GDPR (the retained GDPR as amended), read with the Data Protection Act 2018.",
    "ca-pipeda": "Canada: Personal Information Protection and Electronic Documents Act (PIPEDA).",
    "ca-provincial": "Canada: a provincial privacy law not listed here; name it in 'name'.",
    "ca-qc-law-25": (
        "Québec: Act respecting the protection of personal information in the private sector (CQLR c. "
        "P-39.1), as amended by Law 25 (S.Q. 2021, c. 25)."
    ),
    "us-ccpa": "California Consumer Privacy Act (Cal. Civ. Code 1798.100 ff.), as amended by the CPRA.",
    "us-coppa": "US Children's Online Privacy Protection Act (COPPA).",
    "other": "Another law; name it in 'name'.",
    # 1.1
    "uk-dpa-2018": "UK Data Protection Act 2018, when the text names it (alone or beside the UK GDPR).",
    "uk-pecr": "UK Privacy and Electronic Communications Regulations 2003 (PECR).",
    "ca-privacy-act": "Canada: Privacy Act, R.S.C. 1985, c. P-21 (federal public sector).",
    "br-lgpd": "Brazil: Lei Geral de Proteção de Dados Pessoais, Lei nº 13.709/2018 (LGPD).",
    "us-ca-cpra": "California Privacy Rights Act of 2020, when the text names it apart from the CCPA it amends.",
    "us-ca-caloppa": "California Online Privacy Protection Act (CalOPPA; Do Not Track disclosure).",
    "us-ca-shine-the-light": "California 'Shine the Light' law, Cal. Civ. Code 1798.83.",
    "us-va-vcdpa": "Virginia Consumer Data Protection Act (VCDPA).",
    "us-co-cpa": "Colorado Privacy Act (CPA).",
    "us-ct-ctdpa": "Connecticut Data Privacy Act (CTDPA).",
    "us-ut-ucpa": "Utah Consumer Privacy Act (UCPA).",
    "us-tx-tdpsa": "Texas Data Privacy and Security Act (TDPSA).",
    "us-or-ocpa": "Oregon Consumer Privacy Act (OCPA).",
    "us-mt-mcdpa": "Montana Consumer Data Privacy Act.",
    "us-ia-icdpa": "Iowa Consumer Data Protection Act.",
    "us-de-dpdpa": "Delaware Personal Data Privacy Act.",
    "us-nh-privacy": "New Hampshire consumer data privacy law (RSA 507-H).",
    "us-nj-njdpa": "New Jersey Data Privacy Act.",
    "us-tn-tipa": "Tennessee Information Protection Act.",
    "us-mn-mcdpa": "Minnesota Consumer Data Privacy Act.",
    "us-md-modpa": "Maryland Online Data Privacy Act.",
    "us-in-icdpa": "Indiana Consumer Data Protection Act.",
    "us-ky-kcdpa": "Kentucky Consumer Data Protection Act.",
    "us-ne-ndpa": "Nebraska Data Privacy Act.",
    "us-ri-dtppa": "Rhode Island Data Transparency and Privacy Protection Act.",
    "us-nv-603a": "Nevada: NRS chapter 603A (internet privacy notices and the sale opt-out).",
    "us-wa-mhmda": "Washington My Health My Data Act.",
    "us-state-other": "Another US state privacy law; name it in 'name'.",
}

CONTACT_ROLE = {
    "data_protection_officer": "Data protection officer (GDPR Art. 37-39), when the text calls it so.",
    "privacy_officer": "Privacy officer or another internal privacy function that is not called a DPO.",
    "accountable_person": (
        "Person accountable for compliance (PIPEDA 4.1; Québec: person in charge of the protection of "
        "personal information)."
    ),
    "representative": "Representative of a controller established elsewhere (GDPR Art. 27).",
    "rights_requests": "Where requests to exercise rights go.",
    "general": "General contact for questions about the policy.",
    "complaints": "Where complaints to the organisation go.",
}

SOURCE = {
    "data_subject": "Provided by the person.",
    "observed": "Observed or collected automatically (logs, cookies, the device).",
    "third_party": "Obtained from another organisation or person.",
    "derived": "Derived or inferred from other data.",
    "publicly_available": "From publicly accessible sources (GDPR Art. 14(2)(f)).",
}

REQUIREMENT = {
    "mandatory": "The person must provide it.",
    "optional": "Providing it is voluntary.",
    "not_stated": "The text does not say.",
}

RECIPIENT_ROLE = {
    "processor": "Processor: processes the data on the controller's behalf (GDPR Art. 28; a CCPA service provider).",
    "sub_processor": "Sub-processor engaged by a processor.",
    "independent_controller": "Independent controller: receives the data for its own purposes.",
    "joint_controller": "Joint controller (GDPR Art. 26).",
    "third_party": "Third party, in a capacity the text does not narrow further.",
    "public_authority": "Public authority (police, regulator, court, tax authority).",
    "group_company": "Another company of the controller's group.",
    "not_stated": "The text does not say in what capacity.",
    # 1.1
    "public": "The public: the data is published or visible to anyone (public profiles, reviews, directories).",
}

END_ACTION = {
    "deletion": "Deleted or erased.",
    "anonymisation": "Made anonymous.",
    "archiving": "Archived (kept with restricted access).",
    "not_stated": "The text does not say what happens.",
    # 1.1
    "destruction": "Destroyed (the text's word, e.g. for records or media).",
    "aggregation": "Kept only in aggregated form.",
    "other": "Another end action; describe it in 'description'.",
}

REGION = {
    "EEA": "The European Economic Area.",
    "EU": "The European Union.",
    "outside_eea": "Outside the EEA, no country named.",
    "outside_home_country": "Outside the country of the controller or of the person, no country named.",
    "worldwide": "Anywhere in the world ('anywhere in the world', 'any country where we operate').",
}

MECHANISM = {
    "adequacy_decision": "Adequacy decision (GDPR Art. 45) or an equivalent finding under another law.",
    "standard_contractual_clauses": "Standard contractual clauses (GDPR Art. 46(2)(c)-(d)) or similar model clauses.",
    "binding_corporate_rules": "Binding corporate rules (GDPR Art. 47).",
    "derogation": "A derogation for specific situations (GDPR Art. 49), e.g. explicit consent or a contract.",
    "other_safeguards": "Other safeguards, or safeguards the text does not name.",
    "none_stated": "The text names no mechanism.",
    # 1.1
    "certification": "An approved certification mechanism (GDPR Art. 46(2)(f)).",
    "code_of_conduct": "An approved code of conduct (GDPR Art. 46(2)(e)).",
}

RIGHT_EXTRA = {
    "rectification": "Right to have inaccurate data corrected (GDPR Art. 16; the US right to correct, CCPA 1798.106).",
    "erasure": "Right to erasure, 'right to be forgotten' (GDPR Art. 17; the US right to delete, CCPA 1798.105).",
}
RIGHT_NEW = {
    "know": (
        "Right to know what personal information is collected, used, disclosed, sold or shared (CCPA "
        "1798.100, .110, .115). Use 'access' where the text speaks of access or a copy."
    ),
    "opt_out_sale_sharing": (
        "Right to opt out of the sale or sharing of personal information (CCPA 1798.120, 'Do Not Sell or Share')."
    ),
    "opt_out_targeted_advertising": "Right to opt out of targeted advertising (VCDPA, CPA, CTDPA and similar laws).",
    "opt_out_profiling": (
        "Right to opt out of profiling that produces legal or similarly significant effects (VCDPA, CPA, "
        "CTDPA and similar laws)."
    ),
    "limit_sensitive": "Right to limit the use and disclosure of sensitive personal information (CCPA 1798.121).",
    "non_discrimination": (
        "Right not to be discriminated or retaliated against for exercising one's rights (CCPA 1798.125)."
    ),
    "appeal": "Right to appeal a refusal to act on a request (VCDPA, CPA, CTDPA and similar laws).",
    "refuse_consent": (
        "Option to refuse (decline) consent before the processing or sharing takes place, as distinct "
        "from withdrawing consent already given."
    ),
}

TRACKER_KIND = {
    "cookie": "HTTP cookie.",
    "local_storage": "Browser local or session storage.",
    "web_beacon": "Web beacon, tracking pixel, clear GIF; say where it is (page, e-mail) in 'contexts'.",
    "sdk": "Software development kit inside an app.",
    "device_information": "Information the device or app sends (model, OS version, identifiers).",
    "other": "Another technology; describe it.",
    # 1.1
    "social_plugin": "Social network plug-in or button ('Like', 'Share') embedded in the page.",
}
PARTY = {
    "first": "Set by the operator of the site or app.",
    "third": "Set by another organisation.",
    "not_stated": "The text does not say who sets it.",
}
TRACKER_CATEGORY = {
    "strictly_necessary": "Strictly necessary for the service the person asked for.",
    "functional": "Functional: remembers choices or settings, keeps a session.",
    "analytics": "Analytics, statistics, audience measurement.",
    "advertising": "Advertising, ad personalisation or measurement.",
    "social_media": "Social media features or tracking.",
    "other": "Another use; describe it.",
    # 1.1
    "personalisation": "Personalises content (not advertising).",
    "security": "Security, fraud prevention.",
    "consent_record": "Records the person's choice about trackers (e.g. an opt-out cookie).",
}
CHANGE_CHANNEL = {
    "website": "Posted on the website.",
    "email": "Sent by e-mail.",
    "in_app": "Shown in the app or product.",
    "other": "Another channel; describe it.",
}

# --------------------------------------------------------------------------------------
# labels of the new enums
# --------------------------------------------------------------------------------------

CONTROLLER_RELATION = {
    "parent": "Parent company of the group.",
    "subsidiary": "Subsidiary of another group company.",
    "affiliate": "Affiliate: another company of the group, e.g. a foreign affiliate.",
    "member": "Member of the group; the relation is not specified.",
    "not_stated": "The text does not say.",
}
CCPA_CATEGORY = {
    "identifiers": (
        "(A) Identifiers: real name, alias, postal address, online identifier, IP address, e-mail, "
        "account name, SSN, licence or passport number."
    ),
    "customer_records": "(B) Personal information categories of Cal. Civ. Code 1798.80(e) (customer records).",
    "protected_characteristics": "(C) Characteristics of protected classifications under California or federal law.",
    "commercial_information": (
        "(D) Commercial information: records of property, products or services bought, obtained or considered."
    ),
    "biometric_information": "(E) Biometric information.",
    "internet_activity": (
        "(F) Internet or other electronic network activity: browsing and search history, interaction with"
        " a site, app or ad."
    ),
    "geolocation_data": "(G) Geolocation data.",
    "sensory_data": "(H) Audio, electronic, visual, thermal, olfactory or similar information.",
    "professional_information": "(I) Professional or employment-related information.",
    "education_information": "(J) Non-public education information (FERPA).",
    "inferences": "(K) Inferences drawn to create a profile reflecting preferences, characteristics, behaviour.",
    "sensitive_personal_information": "(L) Sensitive personal information (Cal. Civ. Code 1798.140(ae)).",
}
CONSENT_MODEL = {
    "prior_opt_in": "Asked before the tracker is set (banner or consent tool, prior opt-in).",
    "browser_settings": "Accepted or refused through browser or device settings.",
    "opt_out_link": "Set by default; refused through an opt-out link or tool.",
    "implied": "Inferred from continued use ('by using this site you accept').",
    "none": "Set without asking: the text says no consent is sought.",
    "not_stated": "The text does not say how consent is obtained.",
}
TRACKER_CONTEXT = {
    "website": "On the website's pages.",
    "mobile_app": "In a mobile app.",
    "email": "In e-mails (e.g. a tracking pixel that tells whether a message was opened).",
    "advertising_space": "In the advertising spaces of the site or app.",
    "other": "Elsewhere; describe it.",
}
LIFETIME = {
    "session": "Session: ends when the browser is closed.",
    "persistent": "Persistent: kept after the browser is closed (for 'duration' if given).",
    "not_stated": "The text does not say.",
}
RETENTION_SCOPE = {
    "data_categories": "The listed data categories, whatever the purpose they are processed for.",
    "purposes": (
        "The data processed for the listed purposes, and only as processed for them: it says nothing of "
        "the same data used for other purposes."
    ),
    "data_categories_for_purposes": "The listed data categories as processed for the listed purposes only.",
    "all_data": "All personal data the policy covers.",
}
REQUIREMENT_BASIS = {
    "statutory": "A statutory requirement: the law requires the data.",
    "contractual": "A contractual requirement (e.g. terms of service).",
    "contract_entry": "Needed to enter into a contract.",
    "service": "Needed to use the service or a feature, without the text calling it a contract or a legal requirement.",
    "other": "Another reason; describe it.",
}
ABSENCE_TOPIC = {
    "dpo": "No data protection officer is appointed.",
    "sale": "Personal information is not sold (or rented or traded).",
    "sharing": "Personal information is not shared for cross-context behavioural advertising.",
    "targeted_advertising": "No targeted advertising.",
    "marketing": "No marketing communications (or none unsolicited).",
    "disclosure": "Data is not disclosed (to a recipient, or at all).",
    "transfers": "No transfer outside the country or region.",
    "profiling": "No profiling.",
    "tracking": "No tracking across sites or services.",
    "sensitive_data": "No sensitive or special-category data is collected.",
    "children_data": "No data from children is collected knowingly.",
    "other": "Another absence; describe it.",
}
CLAIM_KIND = {
    "anonymised": "The data is anonymised ('our databases are anonymized').",
    "not_identifying": "The data does not identify a person.",
    "not_linked": "The data is never linked to information that identifies a person.",
    "aggregated": "The data is used or shared only in aggregated form.",
    "encrypted": "The data is encrypted.",
    "minimised": "Only the data necessary is collected.",
    "access_restricted": "Only named people or roles can access the data.",
    "stored_in": "The data is stored only in the listed jurisdictions.",
    "other": "Another claim; describe it.",
}
OBLIGATION_KIND = {
    "no_own_use": "May not use the data for its own purposes.",
    "purpose_limited": "May use the data only for the purposes set by the controller.",
    "no_retention": "May not keep or retain the data beyond what the service needs.",
    "no_onward_disclosure": "May not share or disclose the data further.",
    "confidentiality": "Bound to confidentiality.",
    "security_measures": "Must apply security measures.",
    "processing_agreement": "A data processing agreement is in place (GDPR Art. 28(3)).",
    "comply_with_policy": "Bound to respect this policy.",
    "comply_with_law": "Must handle the data in accordance with the law.",
    "other": "Another obligation; describe it.",
}
DOCUMENT_KIND = {
    "cookie_policy": "Cookie policy.",
    "product_policy": "Privacy policy of a product or service of the same organisation.",
    "terms": "Terms of use or of service.",
    "third_party_policy": "Another organisation's privacy policy.",
    "documentation": "Product or technical documentation.",
    "other": "Another document; describe it.",
}
DOCUMENT_RELATION = {
    "incorporated": "Incorporated into this policy: the text says it is part of it.",
    "referenced": "Referred to for more information; not said to be part of this policy.",
    "not_stated": "The text does not say.",
}
OPT_OUT_LINK_KIND = {
    "do_not_sell_or_share": "'Do Not Sell or Share My Personal Information' (CCPA 1798.135(a)(1)).",
    "do_not_sell": "'Do Not Sell My Personal Information' (wording before the CPRA).",
    "limit_sensitive": "'Limit the Use of My Sensitive Personal Information' (CCPA 1798.135(a)(2)).",
    "targeted_advertising": "Opt out of targeted advertising.",
    "advertising_cookies": "Deactivate advertising cookies or ad personalisation.",
    "cookie_settings": "Cookie settings or preferences.",
    "unsubscribe": "Unsubscribe from messages.",
    "other": "Another opt-out link; describe it.",
}
SIGNAL_KIND = {
    "gpc": "Global Privacy Control (GPC).",
    "dnt": "Do Not Track (DNT).",
    "other": "Another browser or device signal; describe it.",
}
INSTRUMENT = {
    "eu_scc_2021": "EU standard contractual clauses of 2021, Commission Implementing Decision (EU) 2021/914.",
    "eu_scc_2010": "EU standard contractual clauses of 2010 (controller to processor), Decision 2010/87/EU (repealed).",
    "eu_scc_2001_2004": (
        "EU standard contractual clauses of 2001/2004 (controller to controller), Decisions 2001/497/EC "
        "and 2004/915/EC (repealed)."
    ),
    "eu_us_dpf": "EU-U.S. Data Privacy Framework (adequacy decision of 10 July 2023).",
    "uk_extension_dpf": "UK Extension to the EU-U.S. Data Privacy Framework ('UK-US data bridge').",
    "swiss_us_dpf": "Swiss-U.S. Data Privacy Framework.",
    "privacy_shield": "EU-U.S. Privacy Shield (invalidated by the CJEU, C-311/18, 2020).",
    "swiss_us_privacy_shield": "Swiss-U.S. Privacy Shield.",
    "safe_harbor": "US-EU Safe Harbor (invalidated by the CJEU, C-362/14, 2015).",
    "bcr": "Binding corporate rules, type not stated.",
    "bcr_controller": "Binding corporate rules for controllers.",
    "bcr_processor": "Binding corporate rules for processors.",
    "uk_idta": "UK International Data Transfer Agreement (ICO, 2022).",
    "uk_addendum": "UK Addendum to the EU standard contractual clauses (ICO, 2022).",
    "eu_adequacy_decision": "A European Commission adequacy decision for the destination country.",
    "other": "Another named instrument; give its name in 'name'.",
}


def _rights() -> dict[str, str]:
    return {**{k: d for k, (_, d) in RIGHTS.items()}, **RIGHT_EXTRA, **RIGHT_NEW}


# $defs name -> (description, labels), for the lists policyval defines.
LISTS: dict[str, tuple[str, dict[str, str]]] = {
    "channel_type": ("Kind of channel.", CHANNEL_TYPE),
    "consent_type": ("How consent is obtained.", CONSENT_TYPE),
    "law": ("Identifier of a law.", LAW),
    "contact_role": ("What a contact is for.", CONTACT_ROLE),
    "data_source_kind": ("Where data comes from.", SOURCE),
    "requirement": ("Whether providing the data is mandatory.", REQUIREMENT),
    "recipient_role": ("Role of a recipient.", RECIPIENT_ROLE),
    "end_action": ("What happens to data at the end of its retention period.", END_ACTION),
    "transfer_region": ("A destination region when no country is named.", REGION),
    "transfer_mechanism": ("A safeguard or legal mechanism for a transfer (GDPR Ch. V).", MECHANISM),
    "right_kind": ("Which right.", _rights()),
    "tri_state": ("Whether something is so, as the text says.", TRI),
    "tracker_kind": ("Technology of a tracker.", TRACKER_KIND),
    "tracker_party": ("Who sets a tracker.", PARTY),
    "tracker_category": ("What a tracker is for.", TRACKER_CATEGORY),
    "change_channel": ("How a change to the policy is announced.", CHANGE_CHANNEL),
    # new in 1.1
    "controller_relation": ("Place of a company in its group.", CONTROLLER_RELATION),
    "ccpa_category": (
        "Statutory category of personal information, Cal. Civ. Code 1798.140(v)(1)(A)-(L).",
        CCPA_CATEGORY,
    ),
    "consent_model": ("How consent to a tracker is obtained.", CONSENT_MODEL),
    "tracker_context": ("Where a tracker is used.", TRACKER_CONTEXT),
    "lifetime_kind": ("Session or persistent.", LIFETIME),
    "retention_scope": ("What a retention statement applies to.", RETENTION_SCOPE),
    "requirement_basis": ("Why providing data is required (GDPR Art. 13(2)(e)).", REQUIREMENT_BASIS),
    "absence_topic": ("What a statement of absence is about.", ABSENCE_TOPIC),
    "claim_kind": ("What a testable claim asserts.", CLAIM_KIND),
    "obligation_kind": ("An obligation the controller imposes on a recipient.", OBLIGATION_KIND),
    "document_kind": ("Kind of a related document.", DOCUMENT_KIND),
    "document_relation": ("How a related document stands to this policy.", DOCUMENT_RELATION),
    "opt_out_link_kind": ("What an opt-out link is for.", OPT_OUT_LINK_KIND),
    "signal_kind": ("A browser or device privacy signal.", SIGNAL_KIND),
    "transfer_instrument": ("A named transfer instrument.", INSTRUMENT),
}


def dpv_lists(v: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """The DPV vocabularies as labelled lists, with DPV's labels (the ISO 3166 lists stay plain enums:
    thousands of branches would be tried one by one for every value)."""

    def labels(*keys: str) -> dict[str, str]:
        return {t["id"]: t["label"] for key in keys for t in v[key]}

    return {
        "legal_basis_term": (
            "DPV identifier of a legal basis: GDPR Art. 6 (eu-gdpr:A6-1-*), Art. 9 (eu-gdpr:A9-2-*) "
            "or generic DPV (dpv:Consent, ...).",
            labels("legal_bases_art6", "legal_bases_art9", "legal_bases_dpv"),
        ),
        "data_subject_term": ("DPV data-subject term.", labels("data_subjects")),
        "personal_data_term": ("DPV personal-data term (pd: or dpv:).", labels("personal_data")),
        "purpose_term": ("DPV purpose term.", labels("purposes")),
        "transfer_term": ("DPV transfer term.", labels("transfer_terms")),
        "measure_term": ("DPV technical or organisational measure term.", labels("measures")),
    }
