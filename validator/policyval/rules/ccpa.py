"""The CCPA family: what the CCPA, as amended by the CPRA, and the CPPA regulations ask a
privacy policy to say (Cal. Civ. Code 1798.100-1798.199.100; Cal. Code Regs. tit. 11, 7000 ff.).

Every rule is one row of the table below: its id, severity, reference, documentation, and the
shared check of ``rules/_us_state.py`` it runs with :data:`CCPA`, the law's data (its profile,
the facts entry ``us-ca-ccpa`` of ``policy/facts/us-states.json`` with the link titles and the
number of request methods, the rights). Another state law (VCDPA, CPA, CTDPA) is another such
table with its own ids, references and severities over the same checks.

References were verified (2026-12-02) against: Civ. Code 1798.100(a) and 1798.135 in the
deskbook copy of the CCPA as amended (online.flipbuilder.com/bzaa/mvgs, pp. 18, 29) and
lexace.ai; 1798.130(a)(5) against compliancewiki.org (pre-CPRA wording of the same
subdivision, "update that information at least once every 12 months"); 11 CCR 7012 and 7025
against law.cornell.edu; 7011(e)(3)(F), (H), (J) and (e)(4) and 7063 against the deskbook
(pp. 69, 96); 7020 against advisori.com. 1798.140(v)(1) and (ae) and 7060-7062 were read only in
secondary sources: the rules that rest on them alone are warnings.
"""

from __future__ import annotations

from policyval.findings import Severity
from policyval.rules import _us_state as us
from policyval.rules.base import Check, Rule

CCPA = us.StateLaw(
    profile="us-ccpa",
    facts_id="us-ca-ccpa",
    name="CCPA",
    places=frozenset({"US-CA"}),
    request_rights=("know", "access", "erasure", "rectification", "opt_out_sale_sharing", "limit_sensitive"),
    titled_links={"do_not_sell_or_share": "§ 1798.135(a)(1)", "limit_sensitive": "§ 1798.135(a)(2)"},
)


def _rule(slug: str, severity: Severity, check: Check, reference: str, summary: str, doc: str) -> Rule:
    return Rule(f"ccpa/{slug}", severity, (CCPA.profile,), reference, summary, doc, check)


NOTICE_AT_COLLECTION = _rule(
    "no-notice-at-collection",
    Severity.WARNING,
    us.notice_at_collection(CCPA),
    "Cal. Civ. Code § 1798.100(a); 11 CCR § 7012(c)",
    "The policy does not say that a notice is given at or before collection.",
    """A business must inform consumers at or before the point of collection.

Civ. Code § 1798.100(a): a business that controls the collection of personal information
"shall, at or before the point of collection, inform consumers" of the categories collected,
their purposes, whether they are sold or shared, and how long each is kept. 11 CCR § 7012(c):
the notice "shall be made readily available where consumers will encounter it at or before
the point of collection". A privacy policy is not itself that notice; it can only say that
one is given and where (``notice_at_collection``).

Severity: warning, since the notice lives on forms and screens the policy does not show,
and a business that collects nothing directly from consumers may need none.

Passing example::

    schema_version: "1.1"
    notice_at_collection:
      status: "yes"
      where: beside every sign-up form

Failing example::

    schema_version: "1.1"
    notice_at_collection:
      status: not_stated
""",
)

STATUTORY_CATEGORIES = _rule(
    "no-statutory-categories",
    Severity.ERROR,
    us.statutory_categories(CCPA),
    "Cal. Civ. Code § 1798.130(a)(5)(B)(i), (c); § 1798.140(v)(1)",
    "A data category is not put in the CCPA's statutory categories.",
    """The categories collected must be described in the statutory categories.

Civ. Code § 1798.130(a)(5)(B)(i) asks the privacy policy for "a list of the categories of
personal information it has collected about consumers in the preceding 12 months by
reference to the enumerated category or categories ... that most closely describe" them,
and § 1798.130(c) for "the specific terms set forth in subparagraphs (A) through (K) of
paragraph (1) of subdivision (v) of Section 1798.140" (identifiers, customer records,
protected characteristics, commercial information, biometric information, internet
activity, geolocation, sensory data, professional and education information, inferences).

The rule fires for each data category without ``ccpa_categories``, and when the policy
lists no category at all.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
        ccpa_categories: [identifiers]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
        label: name and e-mail address
""",
)

SENSITIVE_CATEGORIES = _rule(
    "no-sensitive-categories",
    Severity.ERROR,
    us.sensitive_categories(CCPA),
    "Cal. Civ. Code § 1798.100(a)(2); § 1798.130(c); § 1798.140(ae)",
    "Sensitive personal information is not said to be sensitive, or the policy does not say whether it collects any.",
    """If the business collects sensitive personal information, the categories collected.

Civ. Code § 1798.100(a)(2): "If the business collects sensitive personal information, the
categories of sensitive personal information to be collected", and § 1798.130(c) asks for
the terms of § 1798.140(ae) (government identifiers, account log-ins, precise geolocation,
racial or ethnic origin, health, ...).

Severity: error when a category is marked ``sensitive_pi: true`` but its ``ccpa_categories``
lack ``sensitive_personal_information`` (or the two contradict each other); warning when no
category says whether it is sensitive and no statement of absence (``absences: [{topic:
sensitive_data}]``) says none is collected, since it cannot be told whether the duty applies.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: location
        ccpa_categories: [geolocation_data, sensitive_personal_information]
        sensitive_pi: true

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: location
        ccpa_categories: [geolocation_data]
        sensitive_pi: true
""",
)

SOURCES = _rule(
    "no-sources",
    Severity.ERROR,
    us.sources(CCPA),
    "Cal. Civ. Code § 1798.130(a)(5)(B)(ii)",
    "The policy names no categories of sources of personal information.",
    """The categories of sources from which personal information is collected.

Civ. Code § 1798.130(a)(5)(B)(ii) asks the privacy policy for "the categories of sources
from which consumers' personal information is collected". The rule fires when no data
category gives ``sources`` or ``source_details``.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
        sources: [data_subject]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
""",
)

BUSINESS_PURPOSES = _rule(
    "no-business-purposes",
    Severity.ERROR,
    us.business_purposes(CCPA),
    "Cal. Civ. Code § 1798.130(a)(5)(B)(iii); § 1798.100(a)(1)",
    "No business or commercial purpose is stated, or a category is sold or shared for no stated purpose.",
    """The business or commercial purpose for collecting, selling or sharing personal information.

Civ. Code § 1798.130(a)(5)(B)(iii) asks for "the business or commercial purpose for
collecting or selling or sharing consumers' personal information". The rule fires when the
policy states no purpose, and for each category said to be sold or shared that no purpose
uses (a category collected for no purpose is ``ref/unused-data-category``'s finding).

Passing example::

    schema_version: "1.1"
    purposes:
      - id: advertising
        data_categories: [browsing]
    data_categories:
      - id: browsing
        sharing:
          status: "yes"

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: browsing
""",
)

SOLD_OR_SHARED = _rule(
    "no-sold-or-shared",
    Severity.ERROR,
    us.sold_or_shared_statement(CCPA),
    "Cal. Civ. Code § 1798.130(a)(5)(C)(i); § 1798.100(a)(1)",
    "The policy neither lists the categories sold or shared nor says that none are.",
    """The categories sold or shared, or that none are.

Civ. Code § 1798.130(a)(5)(C)(i) asks for "a list of the categories of personal information
it has sold or shared about consumers in the preceding 12 months ... or if the business has
not sold or shared consumers' personal information in the preceding 12 months, the business
shall prominently disclose that fact in its privacy policy".

The rule fires when neither selling nor sharing is said for any category (``sale`` /
``sharing`` with ``status: yes`` or ``no``) and no statement of absence says it is not done
(``absences`` with topic ``sale`` and ``sharing``). It names the one that is missing.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
    absences:
      - topic: sale
        description: we do not sell personal information
      - topic: sharing
        description: we do not share personal information for cross-context behavioral advertising

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: contact
    absences:
      - topic: sale
""",
)

THIRD_PARTY_CATEGORIES = _rule(
    "no-third-party-categories",
    Severity.ERROR,
    us.third_party_categories(CCPA),
    "Cal. Civ. Code § 1798.130(a)(5)(B)(iv); § 1798.115(c)",
    "A category is sold or shared without the categories of third parties it goes to.",
    """The categories of third parties to whom personal information is sold or shared.

Civ. Code § 1798.130(a)(5)(B)(iv) asks for "the categories of third parties to whom the
business discloses consumers' personal information". The rule fires for each category whose
``sale`` or ``sharing`` says ``status: yes`` and names neither ``third_party_categories`` nor
``recipients``.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: browsing
        sharing:
          status: "yes"
          third_party_categories: [advertising networks]

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: browsing
        sharing:
          status: "yes"
""",
)

RETENTION_PER_CATEGORY = _rule(
    "no-retention-per-category",
    Severity.ERROR,
    us.retention_per_category(CCPA),
    "Cal. Civ. Code § 1798.100(a)(3)",
    "A category's retention is only 'as long as necessary', neither a length nor criteria.",
    """How long each category is kept, or the criteria that decide it.

Civ. Code § 1798.100(a)(3): "the length of time the business intends to retain each
category of personal information, including sensitive personal information, or if that is
not possible, the criteria used to determine that period". 'As long as necessary' is
neither. The rule fires for each category whose only retention statements are vague
(``as_long_as_necessary``, ``period_text``); a category with no statement at all is
``retention/no-retention-period``'s finding.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: orders
    retention:
      - data_categories: [orders]
        duration: P7Y

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: orders
    retention:
      - data_categories: [orders]
        as_long_as_necessary: true
""",
)


def _right(slug: str, row: us.Right, severity: Severity, reference: str, summary: str, doc: str) -> Rule:
    return _rule(slug, severity, us.right(CCPA, row), reference, summary, doc)


_RIGHTS_DOC = """

Severity: {severity}.

The right counts when ``rights`` names it (``{names}``) without limiting it to residents of
other states.

Passing example::

    schema_version: "1.1"
    {facts}rights:
      - right: {right}
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    {facts}rights:
      - right: appeal
        jurisdictions: [US-VA]
"""
_SELLS = 'data_categories:\n      - id: browsing\n        sharing:\n          status: "yes"\n    '
_SPI = "data_categories:\n      - id: health\n        sensitive_pi: true\n    "


def _rights_doc(text: str, severity: str, row: us.Right, facts: str = "") -> str:
    return text + _RIGHTS_DOC.format(severity=severity, names=", ".join(row.names), right=row.names[0], facts=facts)


_KNOW = us.Right(("know", "access"), "right to know what personal information is collected and to access it")
_DELETE = us.Right(("erasure",), "right to delete personal information")
_CORRECT = us.Right(("rectification",), "right to correct inaccurate personal information")
_OPT_OUT = us.Right(
    ("opt_out_sale_sharing",), "right to opt out of the sale or sharing of personal information", "sells_or_shares"
)
_LIMIT = us.Right(("limit_sensitive",), "right to limit the use of sensitive personal information", "sensitive")
_EQUAL = us.Right(("non_discrimination",), "right not to be discriminated against for exercising these rights")

RIGHT_TO_KNOW = _right(
    "no-right-to-know",
    _KNOW,
    Severity.ERROR,
    "Cal. Civ. Code §§ 1798.110, 1798.115, 1798.130(a)(5)(A)",
    "The right to know (and access) is not described.",
    _rights_doc(
        """The right to know what personal information is collected, sold or shared, and to access it.

Civ. Code § 1798.130(a)(5)(A) asks the privacy policy for "a description of a consumer's
rights pursuant to Sections 1798.100, 1798.105, 1798.106, 1798.110, 1798.115, and 1798.125".""",
        "error",
        _KNOW,
    ),
)
RIGHT_TO_DELETE = _right(
    "no-right-to-delete",
    _DELETE,
    Severity.ERROR,
    "Cal. Civ. Code §§ 1798.105, 1798.130(a)(5)(A)",
    "The right to delete is not described.",
    _rights_doc(
        """The right to request deletion (Civ. Code § 1798.105), which § 1798.130(a)(5)(A) asks the
privacy policy to describe.""",
        "error",
        _DELETE,
    ),
)
RIGHT_TO_CORRECT = _right(
    "no-right-to-correct",
    _CORRECT,
    Severity.ERROR,
    "Cal. Civ. Code §§ 1798.106, 1798.130(a)(5)(A)",
    "The right to correct is not described.",
    _rights_doc(
        """The right to correct inaccurate personal information (Civ. Code § 1798.106), which
§ 1798.130(a)(5)(A) asks the privacy policy to describe.""",
        "error",
        _CORRECT,
    ),
)
RIGHT_TO_OPT_OUT = _right(
    "no-right-to-opt-out",
    _OPT_OUT,
    Severity.ERROR,
    "Cal. Civ. Code §§ 1798.120, 1798.135(c)(2)",
    "Personal information is sold or shared but the right to opt out is not described.",
    _rights_doc(
        """The right to opt out of the sale or sharing of personal information.

Civ. Code § 1798.135(c)(2): a business that sells or shares shall "include a description of
a consumer's rights pursuant to Sections 1798.120 and 1798.121" in its online privacy
policy. Not reported when nothing is said to be sold or shared (a statement that nothing is
sold or shared is an answer).""",
        "error when a data category is sold or shared",
        _OPT_OUT,
        _SELLS,
    ),
)
RIGHT_TO_LIMIT = _right(
    "no-right-to-limit",
    _LIMIT,
    Severity.WARNING,
    "Cal. Civ. Code §§ 1798.121(a), 1798.135(c)(2)",
    "Sensitive personal information is collected but the right to limit its use is not described.",
    _rights_doc(
        """The right to limit the use and disclosure of sensitive personal information.

Civ. Code § 1798.121(a): a business that uses or discloses sensitive personal information
for purposes other than those the subdivision allows "shall provide notice to consumers ...
that consumers have the right to limit the use or disclosure of their sensitive personal
information". Whether the uses go beyond those purposes is not something a policy states,
so the rule warns when a category is sensitive.""",
        "warning when a data category is sensitive personal information",
        _LIMIT,
        _SPI,
    ),
)
NON_DISCRIMINATION = _right(
    "no-non-discrimination",
    _EQUAL,
    Severity.ERROR,
    "Cal. Civ. Code §§ 1798.125(a), 1798.130(a)(5)(A)",
    "The right not to be discriminated against is not described.",
    _rights_doc(
        """The right not to be discriminated against for exercising CCPA rights (Civ. Code
§ 1798.125(a)), which § 1798.130(a)(5)(A) asks the privacy policy to describe.""",
        "error",
        _EQUAL,
    ),
)

REQUEST_METHODS = _rule(
    "fewer-than-two-methods",
    Severity.ERROR,
    us.request_methods(CCPA),
    "Cal. Civ. Code § 1798.130(a)(1)(A), (a)(5)(A); 11 CCR § 7020",
    "Fewer than two methods to submit requests, or neither a telephone number nor an e-mail address.",
    """Two or more designated methods for submitting requests.

Civ. Code § 1798.130(a)(1)(A): "two or more designated methods for submitting requests ...
including, at a minimum, a toll-free telephone number. A business that operates exclusively
online and has a direct relationship with a consumer ... shall only be required to provide
an email address"; § 1798.130(a)(5)(A) asks the privacy policy to give them (11 CCR § 7020
repeats both). The methods are the channels of ``rights_requests`` and of the rights to
know, delete and correct, with those of the contacts they name (``exercise_via``).

The rule fires when fewer than two kinds of channel are given, or when they include neither
a telephone number nor an e-mail address. Whether a number is toll-free, or a business
operates only online, is not something the policy shows.

Passing example::

    schema_version: "1.1"
    rights_requests:
      channels:
        - type: phone
          value: 1-800-555-0100
        - type: web_form
          value: https://example.com/privacy-request

Failing example::

    schema_version: "1.1"
    rights_requests:
      channels:
        - type: web_form
          value: https://example.com/privacy-request
""",
)

LINK_TITLES = _rule(
    "opt-out-link-title",
    Severity.ERROR,
    us.opt_out_link_titles(CCPA),
    "Cal. Civ. Code § 1798.135(a)(1)-(3), (c)(2); 11 CCR § 7015",
    "An opt-out link lacks its statutory title, or a business that sells or shares offers none.",
    """The "Do Not Sell or Share My Personal Information" and "Limit the Use of My Sensitive
Personal Information" links, with their exact titles, or the single alternative link.

Civ. Code § 1798.135(a)(1) and (2) fix the titles of the two links; (a)(3) allows "a single,
clearly labeled link" instead, which 11 CCR § 7015 titles "Your Privacy Choices" or "Your
California Privacy Choices". § 1798.135(c)(2) asks the privacy policy for the links, or a
single link, or "a statement that the business responds to and abides by opt-out preference
signals". The titles are read from the ``us-ca-ccpa`` entry of ``policy/facts/us-states.json``.

The rule fires for a ``do_not_sell_or_share`` or ``limit_sensitive`` link whose text is not
the statutory title (compared as words: spacing, capitals and a final stop do not count),
and, when a category is sold or shared, when the policy gives none of the links above nor
says an opt-out preference signal is honoured (a pre-CPRA "Do Not Sell My Personal
Information" link is named then).

Passing example::

    schema_version: "1.1"
    opt_out_links:
      - kind: do_not_sell_or_share
        text: Do Not Sell or Share My Personal Information

Failing example::

    schema_version: "1.1"
    opt_out_links:
      - kind: do_not_sell_or_share
        text: Do Not Sell My Info
""",
)

OPT_OUT_SIGNALS = _rule(
    "no-gpc",
    Severity.ERROR,
    us.opt_out_signals(CCPA),
    "11 CCR § 7025(b); § 7011(e)(3)(F); Cal. Civ. Code § 1798.135(b)",
    "Personal information is sold or shared but opt-out preference signals (GPC) are not said to be honoured.",
    """Opt-out preference signals such as Global Privacy Control.

11 CCR § 7025(b): "A business that sells or shares personal information shall process any
opt-out preference signal that meets the following requirements as a valid request to
opt-out of sale/sharing"; § 7011(e)(3)(F) asks the privacy policy to explain "how an opt-out
preference signal will be processed for the consumer (i.e., whether the signal applies to
the device, browser, consumer account, and/or offline sales ...)".

Severity: error when a category is sold or shared and no signal is said to be honoured
(``opt_out_signals`` with ``honoured: yes``; Do Not Track does not count), or the policy says
it is not; warning when an honoured signal's ``effect`` is not given. Not reported when
nothing is sold or shared.

Passing example::

    schema_version: "1.1"
    data_categories:
      - id: browsing
        sharing:
          status: "yes"
    opt_out_signals:
      - signal: gpc
        honoured: "yes"
        effect: treated as a request to opt out of sale and sharing for that browser

Failing example::

    schema_version: "1.1"
    data_categories:
      - id: browsing
        sharing:
          status: "yes"
""",
)

AUTHORISED_AGENTS = _rule(
    "no-authorised-agent",
    Severity.WARNING,
    us.request_fact(
        CCPA,
        "authorised_agents",
        "the policy does not explain how an authorised agent can make a request for a consumer; add "
        "rights_requests.authorised_agents: {status: 'yes', requirements: ...}",
        refused="the policy says authorised agents are not accepted, but the CCPA lets a consumer use one; "
        "explain how an agent can make a request (authorised_agents: {status: 'yes', requirements: ...})",
    ),
    "11 CCR §§ 7011(e)(3)(H), 7063; Cal. Civ. Code § 1798.135(e)",
    "The policy does not explain how an authorised agent can make a request.",
    """Instructions for authorised agents.

11 CCR § 7011(e)(3)(H) asks the privacy policy for "instructions on how an authorized agent
can make a request under the CCPA on the consumer's behalf"; § 7063 says what a business may
ask of an agent. The rule reads ``authorised_agents`` in ``rights_requests`` and in the
rights the CCPA names.

Severity: warning (a regulation whose numbering the 2026 amendments may have changed).

Passing example::

    schema_version: "1.1"
    rights_requests:
      authorised_agents:
        status: "yes"
        requirements: signed permission from the consumer

Failing example::

    schema_version: "1.1"
    rights_requests:
      exercise_via: [controller]
""",
)

VERIFICATION = _rule(
    "no-verification",
    Severity.WARNING,
    us.request_fact(
        CCPA,
        "identity_verification",
        "the policy does not say how requests are verified; describe the process and what the consumer must "
        "provide: rights_requests.identity_verification: {status: 'yes', method: ...}",
        every_right=True,
    ),
    "11 CCR §§ 7060-7062, 7011(e)(3)",
    "The policy does not say how requests are verified.",
    """How requests are verified.

11 CCR §§ 7060-7062 govern how a business verifies requests to know, delete and correct,
and § 7011(e)(3) asks the privacy policy to describe the process, including the information
the consumer must provide. The rule reads ``identity_verification`` in ``rights_requests``
and in every right (a process described for one request describes it); ``status: no`` is an
answer.

Severity: warning: the wording of the § 7011 item was read only in secondary sources.

Passing example::

    schema_version: "1.1"
    rights_requests:
      identity_verification:
        status: "yes"
        method: we match two pieces of information with those we hold

Failing example::

    schema_version: "1.1"
    rights_requests:
      exercise_via: [controller]
""",
)

STALE_POLICY = _rule(
    "stale-policy",
    Severity.ERROR,
    us.updated_within(CCPA, 12),
    "Cal. Civ. Code § 1798.130(a)(5); 11 CCR § 7011(e)(4)",
    "The policy was last updated more than 12 months ago, or gives no date.",
    """An update at least once every 12 months, and the date of the last one.

Civ. Code § 1798.130(a)(5) asks the business to disclose the information in its online
privacy policy "and update that information at least once every 12 months"; 11 CCR
§ 7011(e)(4) asks for the "date the privacy policy was last updated".

The date is ``policy.last_updated`` (else ``effective_date``). It is measured from the day
of the run, which the plan fixes once (``Plan.today``: the environment variable
``POLICYVAL_TODAY``, YYYY-MM-DD, when set, else the clock); the message names that day.

Passing example::

    schema_version: "1.1"
    policy:
      last_updated: "2099-01-01"

Failing example::

    schema_version: "1.1"
    policy:
      last_updated: "2020-01-01"
""",
)

RULES = (
    NOTICE_AT_COLLECTION,
    STATUTORY_CATEGORIES,
    SENSITIVE_CATEGORIES,
    SOURCES,
    BUSINESS_PURPOSES,
    SOLD_OR_SHARED,
    THIRD_PARTY_CATEGORIES,
    RETENTION_PER_CATEGORY,
    RIGHT_TO_KNOW,
    RIGHT_TO_DELETE,
    RIGHT_TO_CORRECT,
    RIGHT_TO_OPT_OUT,
    RIGHT_TO_LIMIT,
    NON_DISCRIMINATION,
    REQUEST_METHODS,
    LINK_TITLES,
    OPT_OUT_SIGNALS,
    AUTHORISED_AGENTS,
    VERIFICATION,
    STALE_POLICY,
)
