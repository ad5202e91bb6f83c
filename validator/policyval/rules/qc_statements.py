"""Québec's "the policy must state X" rules: one table, one shared check.

Each row names what CQLR c. P-39.1 (as amended by S.Q. 2021, c. 25) asks a policy to state,
when the duty applies (``applies``: always, or only when the policy shows the circumstance,
such as automated decisions or children under 14), and how a policy states it
(``stated``). The rows differ only in those two tests, their wording and their severity:

* s. 8 para. 1 (3) and (4), read on legisquebec, "must ... inform": errors;
* s. 3.2, read on legisquebec, the complaint process "must be published": an error;
* s. 12.1 (the notice is due "not later than at the time it informs the person of the
  decision", so the policy need not carry it), s. 27 para. 3 (a right, which s. 8 does not
  list among what to inform of) and s. 4.1 (a rule of conduct, parental consent): warnings;
* recourse to the Commission d'accès à l'information: no section asks the notice to name
  it, so info.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from policyval.findings import Severity
from policyval.policy import access
from policyval.rules.base import Check, Context, Issue, Rule, where_missing

Test = Callable[[Context], bool]
PROFILES = ("ca-qc-law25",)


@dataclass(frozen=True)
class Statement:
    """One row: when the duty applies, how the policy meets it, where a finding points, the fix."""

    applies: Test
    stated: Test
    where: tuple[str, ...]
    message: str


def check_for(row: Statement) -> Check:
    def check(ctx: Context) -> Iterator[Issue]:
        if row.applies(ctx) and not row.stated(ctx):
            path, key = where_missing(ctx, *row.where)
            yield Issue(row.message, path, key=key)

    return check


def _always(ctx: Context) -> bool:
    return True


def _has(*rights: str) -> Test:
    return lambda ctx: all(r in ctx.rights() for r in rights)


def _complaint_process(ctx: Context) -> bool:
    return "challenge_compliance" in ctx.rights() or any(
        c.get("role") == "complaints" for _, c in ctx.section("contacts")
    )


CAI_NAMES = ("accès à l'information", "acces a l'information", "access to information", "cai.gouv.qc.ca")


def _cai(ctx: Context) -> bool:
    for _, right in ctx.section("rights"):
        authority = access.mapping(right, "authority")
        said = " ".join(str(authority.get(k) or "") for k in ("name", "url", "url_as_written")).lower()
        if right.get("right") == "complaint" and any(n in said for n in CAI_NAMES):
            return True
    return False


def _automated(ctx: Context) -> bool:
    return ctx.mapping("automated_decision_making").get("status") == "yes"


def _under_14(ctx: Context) -> bool:
    age = ctx.mapping("children").get("minimum_age")
    return isinstance(age, int) and age < 14


PARENTAL = ("parent", "tutor", "guardian", "autorité parentale", "tuteur")


def _parental(ctx: Context) -> bool:
    return any(word in str(ctx.mapping("children").get("description") or "").lower() for word in PARENTAL)


def _rule(rule_id: str, severity: Severity, reference: str, summary: str, doc: str, row: Statement) -> Rule:
    return Rule(rule_id, severity, PROFILES, reference, summary, doc, check_for(row))


NO_ACCESS_RECTIFICATION = _rule(
    "qc/no-access-rectification",
    Severity.ERROR,
    "CQLR c. P-39.1, s. 8 para. 1 (3)",
    "The rights of access and rectification are not stated.",
    """A Québec policy must state the rights of access and rectification.

CQLR c. P-39.1, s. 8 (read on legisquebec): a person who collects personal information "must,
when the information is collected and subsequently on request, inform that person ... (3) of
the rights of access and rectification provided by law". Declare ``right: access`` and
``right: rectification``.

Passing example::

    schema_version: "1.1"
    rights:
      - right: access
      - right: rectification

Failing example::

    schema_version: "1.1"
    rights:
      - right: access
""",
    Statement(
        _always,
        _has("access", "rectification"),
        ("rights",),
        "the policy does not state both the right of access and the right of rectification; add rights: "
        "[{right: access}, {right: rectification}] with how to exercise them",
    ),
)

NO_CONSENT_WITHDRAWAL = _rule(
    "qc/no-consent-withdrawal",
    Severity.ERROR,
    "CQLR c. P-39.1, s. 8 para. 1 (4)",
    "The right to withdraw consent to the use or communication of the information is not stated.",
    """A Québec policy must state the right to withdraw consent.

CQLR c. P-39.1, s. 8 (read on legisquebec): the person concerned must be informed "(4) of the
person's right to withdraw consent to the communication or use of the information
collected". Unlike GDPR Art. 13(2)(c), it does not depend on consent being the basis: every
collection must say it. Declare ``right: withdraw_consent``.

Passing example::

    schema_version: "1.1"
    rights:
      - right: withdraw_consent
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    rights:
      - right: access
""",
    Statement(
        _always,
        _has("withdraw_consent"),
        ("rights",),
        "the policy does not say that consent to the use or communication of personal information can be "
        "withdrawn; add right: withdraw_consent with how to withdraw it",
    ),
)

NO_COMPLAINT_PROCESS = _rule(
    "qc/no-complaint-process",
    Severity.ERROR,
    "CQLR c. P-39.1, s. 3.2",
    "No process for dealing with complaints about the protection of personal information is published.",
    """A Québec policy must publish how complaints about the protection of personal information are handled.

CQLR c. P-39.1, s. 3.2 (read on legisquebec): the enterprise's governance policies "must, in
particular, ... provide a process for dealing with complaints regarding the protection of
the information", and "detailed information about those policies and practices, in
particular as concerns the content required under the first paragraph, must be published in
simple and clear language on the enterprise's website". Declare ``right:
challenge_compliance`` with how to file a complaint, or a contact with role ``complaints``.

Passing example::

    schema_version: "1.1"
    rights:
      - right: challenge_compliance
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    rights:
      - right: access
""",
    Statement(
        _always,
        _complaint_process,
        ("rights",),
        "the policy does not say how complaints about the protection of personal information are handled; "
        "add right: challenge_compliance with who receives complaints and how to file one (or a contact "
        "with role complaints)",
    ),
)

NO_AUTOMATED_DECISION_NOTICE = _rule(
    "qc/no-automated-decision-notice",
    Severity.WARNING,
    "CQLR c. P-39.1, s. 12.1",
    "Decisions made exclusively by automated processing, with no statement of the person's rights about them.",
    """A Québec policy that makes exclusively automated decisions should say what people can ask about them.

CQLR c. P-39.1, s. 12.1 (in force 22 September 2023; wording verified against its public-sector
twin A-2.1 s. 65.2 on legisquebec): an enterprise that uses personal information "to render a
decision based exclusively on an automated processing of such information must inform the
person concerned accordingly not later than at the time it informs the person of the
decision", and on request of the information used, "the reasons and the principal factors
and parameters that led to the decision" and the right to have the information corrected;
"the person concerned must be given the opportunity to submit observations to a member of
the personnel ... who is in a position to review the decision". The duty falls due with the
decision, not in the policy: a warning. When ``automated_decision_making.status`` is
``yes``, declare ``right: automated_decisions`` describing these rights.

Passing example::

    schema_version: "1.1"
    automated_decision_making:
      status: "yes"
      description: credit scoring at sign-up
    rights:
      - right: automated_decisions
        description: ask for the factors used and submit observations to a staff member who can review the decision

Failing example::

    schema_version: "1.1"
    automated_decision_making:
      status: "yes"
      description: credit scoring at sign-up
""",
    Statement(
        _automated,
        _has("automated_decisions"),
        ("automated_decision_making",),
        "the policy makes decisions based exclusively on automated processing but does not say what people can "
        "ask about them; add right: automated_decisions saying that the person is told of such a decision, can "
        "learn the information and principal factors used, and can submit observations to a staff member who "
        "can review it",
    ),
)

NO_PORTABILITY = _rule(
    "qc/no-portability",
    Severity.WARNING,
    "CQLR c. P-39.1, s. 27 para. 3",
    "The right to receive computerized personal information in a structured, commonly used format is not stated.",
    """A Québec policy should state the right to data portability.

CQLR c. P-39.1, s. 27 third paragraph (in force 22 September 2024; wording from two law-firm
copies, not read on legisquebec): "computerized personal information collected from the
applicant, and not created or inferred using personal information concerning him, must, at
his request, be communicated to him in a structured, commonly used technological format",
or to a person or body authorized by law. s. 8 lists only access and rectification among the
rights to inform of, so a policy silent on portability breaks no notice duty: a warning.
Declare ``right: portability``.

Passing example::

    schema_version: "1.1"
    rights:
      - right: portability
        exercise_via: [controller]

Failing example::

    schema_version: "1.1"
    rights:
      - right: access
""",
    Statement(
        _always,
        _has("portability"),
        ("rights",),
        "the policy does not mention the right to receive computerized personal information one provided in a "
        "structured, commonly used technological format, or to have it sent to a person or body authorized by "
        "law; add right: portability with how to request it",
    ),
)

NO_CAI_COMPLAINT = _rule(
    "qc/no-cai-complaint",
    Severity.INFO,
    "CQLR c. P-39.1, Division V (s. 42 ff.), Commission d'accès à l'information",
    "Recourse to the Commission d'accès à l'information is not mentioned.",
    """A Québec policy may tell people they can turn to the Commission d'accès à l'information.

The Commission d'accès à l'information (cai.gouv.qc.ca) examines disagreements and complaints
under CQLR c. P-39.1 (Division V, s. 42 ff.; section text not read). s. 8 does not list this
recourse among what a person must be told at collection (read on legisquebec), so its absence
is no breach: info. Declare ``right: complaint`` with ``authority`` naming the Commission.

Passing example::

    schema_version: "1.1"
    rights:
      - right: complaint
        authority:
          name: Commission d'accès à l'information du Québec
          country: CA
          url: https://www.cai.gouv.qc.ca

Failing example::

    schema_version: "1.1"
    rights:
      - right: complaint
        authority:
          name: Office of the Privacy Commissioner of Canada
          country: CA
""",
    Statement(
        _always,
        _cai,
        ("rights",),
        "the policy does not mention recourse to the Commission d'accès à l'information; consider adding "
        "right: complaint with authority {name: Commission d'accès à l'information du Québec, url: "
        "https://www.cai.gouv.qc.ca}",
    ),
)

NO_MINOR_CONSENT = _rule(
    "qc/no-minor-consent",
    Severity.WARNING,
    "CQLR c. P-39.1, s. 4.1",
    "Children under 14 are accepted, with no word on the consent of the person having parental authority.",
    """A Québec policy that collects information of children under 14 should say that a parent consents.

CQLR c. P-39.1, s. 4.1 (as amended by S.Q. 2021, c. 25; wording from secondary copies, not
read on legisquebec): "Personal information concerning a minor under 14 years of age may not
be collected from him without the consent of the person having parental authority or of the
tutor, unless collecting the information is clearly for the minor's benefit." A rule of
conduct, not a notice item: a warning, only when ``children.minimum_age`` is under 14 and
``children.description`` does not mention the parent's or tutor's consent (schema 1.1 has
no field for it).

Passing example::

    schema_version: "1.1"
    children:
      minimum_age: 10
      description: children under 14 join only with the consent of a parent or tutor

Failing example::

    schema_version: "1.1"
    children:
      minimum_age: 10
""",
    Statement(
        _under_14,
        _parental,
        ("children",),
        "the policy accepts children under 14 but does not say that the person having parental authority (or the "
        "tutor) consents to the collection of their information; say so in children.description",
    ),
)

RULES: tuple[Rule, ...] = (
    NO_ACCESS_RECTIFICATION,
    NO_CONSENT_WITHDRAWAL,
    NO_COMPLAINT_PROCESS,
    NO_AUTOMATED_DECISION_NOTICE,
    NO_PORTABILITY,
    NO_CAI_COMPLAINT,
    NO_MINOR_CONSENT,
)
