"""The Quebec family: the Act respecting the protection of personal information in the private
sector (CQLR c. P-39.1), as amended by Law 25 (S.Q. 2021, c. 25), as far as a notice shows it.

Sources (read on LégisQuébec, https://www.legisquebec.gouv.qc.ca/en/document/cs/P-39.1, unless
said): s. 3.1 (the person exercising the highest authority is the person in charge of the
protection of personal information; "the title and contact information of the person in charge
... must be published on the enterprise's website"; wording from secondary copies); s. 8 (a
person who collects personal information from the person concerned "must ... inform that
person (1) of the purposes ...; (2) of the means by which the information is collected; (3)
of the rights of access and rectification provided by law; and (4) of the person's right to
withdraw consent"); s. 8.1 (technology that allows the person to be identified, located or
profiled: inform "of the use of such technology" and "of the means available to activate"
those functions; wording from the identical public-sector s. 65.0.1 of A-2.1); s. 23
(destroy or anonymize when the purposes are achieved; secondary); s. 27 para. 3 (portability,
in force 22 September 2024; secondary); s. 4.1 (a minor under 14: consent of the person
having parental authority; secondary). Severity follows the wording: "must inform" in s. 8
and s. 8.1 is an error; duties a notice need not state (portability, end of retention, minors)
are warnings. Each rule belongs to the ``ca-qc-law25`` profile (jurisdiction ``CA-QC`` or the
law ``ca-qc-law-25``); the table below is the only place they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from policyval.findings import Severity
from policyval.policy import access, terms
from policyval.rules.base import Context, Issue, Rule, where_missing

PROFILES = ("ca-qc-law25",)
OFFICER_ROLES = ("privacy_officer", "accountable_person", "data_protection_officer")
PROFILING_CATEGORIES = ("advertising", "analytics", "social_media", "personalisation")
LABELS = {
    "access": "access",
    "rectification": "rectification",
    "withdraw_consent": "withdrawal of consent",
    "portability": "portability",
}


def _officer(ctx: Context) -> Iterator[Issue]:
    for _, contact in ctx.section("contacts"):
        named = contact.get("title") or contact.get("name")
        if contact.get("role") in OFFICER_ROLES and named and terms.reachable(contact.get("channels")):
            return
    path, key = where_missing(ctx, "contacts")
    yield Issue(
        "the title and contact information of the person in charge of the protection of personal information "
        "are not published (by default the person with the highest authority, e.g. the president); add a contact "
        "with role privacy_officer, its title and an e-mail or postal address",
        path,
        key,
    )


def _missing_rights(wanted: tuple[str, ...], fix: str) -> Callable[[Context], Iterator[Issue]]:
    def check(ctx: Context) -> Iterator[Issue]:
        missing = [r for r in wanted if r not in ctx.rights()]
        if missing:
            path, key = where_missing(ctx, "rights")
            yield Issue(
                f"the policy does not state the right{'s' if len(missing) > 1 else ''} of "
                f"{' and '.join(missing)}; {fix}",
                path,
                key,
            )

    return check


def _profiling_trackers(ctx: Context) -> list[tuple[int, dict[str, Any]]]:
    found = access.indexed(ctx.mapping("cookies"), "trackers")
    return [(i, t) for i, t in found if t.get("category") in PROFILING_CATEGORIES or t.get("kind") == "social_plugin"]


def _activation_stated(tracker: dict[str, Any], ctx: Context) -> bool:
    models = access.strings(tracker, "consent_models") or access.strings(ctx.mapping("cookies"), "consent_models")
    return "prior_opt_in" in models


def _technology(ctx: Context) -> Iterator[Issue]:
    found = [(i, t) for i, t in _profiling_trackers(ctx) if not _activation_stated(t, ctx)]
    if found:
        names = ", ".join(f"'{t.get('id') or t.get('name') or t.get('category')}'" for _, t in found)
        paths = [("cookies", "trackers", i) for i, _ in found]
        yield Issue(
            f"trackers {names} can identify, locate or profile people, and the policy does not say how people "
            "activate them (they must be off until activated, s. 8.1 and 9.1); say how the functions are "
            "activated (consent_models: [prior_opt_in], with the consent tool)",
            paths[0],
            related=tuple(paths[1:]),
        )


def _end_of_retention(ctx: Context) -> Iterator[Issue]:
    silent = [
        i
        for i, r in ctx.section("retention")
        if r.get("end_action") in (None, "not_stated") and not set(access.strings(r, "end_actions")) - {"not_stated"}
    ]
    if silent:
        paths = [("retention", i) for i in silent]
        yield Issue(
            "the policy does not say what happens to the information when its purposes are achieved; say whether "
            "it is destroyed or anonymized (end_action: deletion | anonymisation; s. 23)",
            paths[0],
            related=tuple(paths[1:]),
        )


def _minors(ctx: Context) -> Iterator[Issue]:
    children = ctx.mapping("children")
    age = children.get("minimum_age")
    words = str(children.get("description") or "").lower()
    if isinstance(age, int) and age < 14 and not any(w in words for w in ("parent", "tutor", "guardian")):
        yield Issue(
            f"the service is open from age {age}, but information about a minor under 14 may be collected from "
            "them only with the consent of the person having parental authority or the tutor (s. 4.1); say how "
            "that consent is obtained (children.description)",
            ("children", "minimum_age"),
        )


def _doc(summary: str, body: str, passing: str, failing: str) -> str:
    def block(text: str) -> str:
        return "\n".join("    " + line for line in text.splitlines())

    head = 'schema_version: "1.1"\npolicy:\n  jurisdictions: [CA-QC]\n'
    return (
        f"{summary}\n\n{body}\n\nPassing example::\n\n{block(head + passing)}\n\n"
        f"Failing example::\n\n{block(head + failing)}\n"
    )


def _rule(
    rule_id: str, severity: Severity, reference: str, summary: str, body: str, check: Any, ex: tuple[str, str]
) -> Rule:
    return Rule(rule_id, severity, PROFILES, reference, summary, _doc(summary, body, *ex), check)


PERSON_IN_CHARGE = _rule(
    "qc/no-person-in-charge",
    Severity.ERROR,
    "Quebec P-39.1 s. 3.1",
    "The title and contact information of the person in charge of personal information are not published.",
    "s. 3.1: the person exercising the highest authority is the person in charge of the protection of\n"
    "personal information (the function may be delegated in writing), and that person's title and contact\n"
    "information must be published on the enterprise's website. A contact with the role privacy_officer\n"
    "(or accountable_person), a title or name, and a channel with an address answers.",
    _officer,
    (
        "contacts:\n  - id: cpo\n    role: privacy_officer\n    title: Chief Privacy Officer\n"
        "    channels:\n      - type: email\n        value: privacy@example.ca\n",
        "contacts:\n  - id: info\n    role: general\n"
        "    channels:\n      - type: email\n        value: info@example.ca\n",
    ),
)

ACCESS_RECTIFICATION = _rule(
    "qc/no-access-rectification",
    Severity.ERROR,
    "Quebec P-39.1 s. 8 para. 1(3)",
    "The rights of access and rectification are not stated.",
    "s. 8 makes the enterprise inform the person, when the information is collected, 'of the rights of\n"
    "access and rectification provided by law'.",
    _missing_rights(("access", "rectification"), "add each to rights, with how to exercise it"),
    (
        "rights:\n  - right: access\n  - right: rectification\n  - right: withdraw_consent\n",
        "rights:\n  - right: access\n",
    ),
)

CONSENT_WITHDRAWAL = _rule(
    "qc/no-consent-withdrawal",
    Severity.ERROR,
    "Quebec P-39.1 s. 8 para. 1(4)",
    "The right to withdraw consent is not stated.",
    "s. 8 makes the enterprise inform the person 'of the person's right to withdraw consent to the\n"
    "communication or use of the information collected', whatever else the policy relies on.",
    _missing_rights(("withdraw_consent",), "add right: withdraw_consent with how to withdraw it"),
    (
        "rights:\n  - right: withdraw_consent\n",
        "rights:\n  - right: access\n",
    ),
)

PROFILING_TECHNOLOGY = _rule(
    "qc/no-technology-notice",
    Severity.ERROR,
    "Quebec P-39.1 s. 8.1, 9.1",
    "Technology that can identify, locate or profile people, with no word on how to activate it.",
    "s. 8.1: whoever collects personal information using technology with functions that allow the person\n"
    "to be identified, located or profiled must first inform them of the use of such technology and of the\n"
    "means available to activate those functions; s. 9.1 wants the most private settings by default.\n"
    "Advertising, analytics, social-media and personalisation trackers have such functions; the rule is\n"
    "answered when they are set only after consent (prior_opt_in), which is how they are activated.",
    _technology,
    (
        'cookies:\n  used: "yes"\n  trackers:\n    - kind: cookie\n      category: advertising\n'
        "      consent_models: [prior_opt_in]\n",
        'cookies:\n  used: "yes"\n  trackers:\n    - kind: cookie\n      category: advertising\n'
        "      consent_models: [opt_out_link]\n",
    ),
)

END_OF_RETENTION = _rule(
    "qc/no-destruction",
    Severity.WARNING,
    "Quebec P-39.1 s. 23, 3.2",
    "Retention without saying whether the information is destroyed or anonymized at its end.",
    "s. 23: when the purposes are achieved the information must be destroyed, or anonymized to be used for\n"
    "serious and legitimate purposes; s. 3.2 wants the framework for keeping and destroying it published.\n"
    "Warning: s. 8 does not list it among what must be told at collection.",
    _end_of_retention,
    (
        "retention:\n  - duration: P2Y\n    end_action: deletion\n",
        "retention:\n  - duration: P2Y\n",
    ),
)

PORTABILITY = _rule(
    "qc/no-portability",
    Severity.WARNING,
    "Quebec P-39.1 s. 27 para. 3 (in force 22 September 2024)",
    "The right to receive one's computerized information in a structured, commonly used format is not stated.",
    "s. 27 para. 3: computerized personal information collected from the applicant must, at their request,\n"
    "be communicated in a structured, commonly used technological format, or to a person they name.\n"
    "Warning: a right the law grants, which s. 8 does not list among what must be told at collection.",
    _missing_rights(("portability",), "add right: portability with how to request it"),
    ("rights:\n  - right: portability\n", "rights:\n  - right: access\n"),
)

MINORS = _rule(
    "qc/no-minor-consent",
    Severity.WARNING,
    "Quebec P-39.1 s. 4.1",
    "A service open to children under 14 with no word on the consent of the person having parental authority.",
    "s. 4.1: personal information concerning a minor under 14 may not be collected from the minor without\n"
    "the consent of the person having parental authority or the tutor, unless collecting it is clearly for\n"
    "the minor's benefit. Warning: the exception turns on facts a notice seldom shows.",
    _minors,
    (
        "children:\n  minimum_age: 13\n  description: Under 14, a parent consents for the child.\n",
        "children:\n  minimum_age: 13\n",
    ),
)

RULES = (
    PERSON_IN_CHARGE,
    ACCESS_RECTIFICATION,
    CONSENT_WITHDRAWAL,
    PROFILING_TECHNOLOGY,
    END_OF_RETENTION,
    PORTABILITY,
    MINORS,
)
